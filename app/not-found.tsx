import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

export default function NotFound() {
  return (
    <EmptyState title="Not found">
      <p>
        There is nothing at this address. Go to the <Link href="/">fleet overview</Link>.
      </p>
    </EmptyState>
  );
}
