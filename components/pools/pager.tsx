import { formatCount } from "@/lib/format";
import { pageSizes } from "@/lib/model/pool-view";

type Props = { page: number; size: number; total: number; onPage: (page: number) => void; onSize: (size: number) => void };

/** "51–100 of 6,000 pools", previous and next, and the page size. */
export function Pager({ page, size, total, onPage, onSize }: Props) {
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {first > total ? `Page ${page} is past the end (${formatCount(total)} pools)` : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} pools`}
      </span>
      <button type="button" className="button secondary" onClick={() => onPage(Math.min(page - 1, pages))} disabled={page <= 1}>
        ← Previous
      </button>
      <span>
        Page {formatCount(Math.min(page, pages))} of {formatCount(pages)}
      </span>
      <button type="button" className="button secondary" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next →
      </button>
      <label className="inline-field">
        <span className="muted">Rows per page</span>
        <select className="select" value={size} onChange={(event) => onSize(Number(event.target.value))}>
          {(pageSizes as readonly number[]).includes(size) ? null : <option value={size}>{size}</option>}
          {pageSizes.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
