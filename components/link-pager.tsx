import Link from "next/link";
import { formatCount } from "@/lib/format";

type Props = { page: number; size: number; total: number; noun: string; hrefFor: (page: number) => string };

/** Paging by links, for server-rendered tables: "101–200 of 1,200 clusters", previous and next. */
export function LinkPager({ page, size, total, noun, hrefFor }: Props) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages === 1) return null;
  const first = Math.min(total, (page - 1) * size + 1);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {formatCount(first)}–{formatCount(Math.min(total, page * size))} of {formatCount(total)} {noun}
      </span>
      {page > 1 ? (
        <Link className="button secondary" href={hrefFor(Math.min(page - 1, pages))}>
          ← Previous
        </Link>
      ) : null}
      <span>
        Page {formatCount(Math.min(page, pages))} of {formatCount(pages)}
      </span>
      {page < pages ? (
        <Link className="button secondary" href={hrefFor(page + 1)}>
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
