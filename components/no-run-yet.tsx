import Link from "next/link";
import type { NoRun } from "@/lib/queries/run-scope";
import { EmptyState } from "./empty-state";

/** What every inventory page says before the first collection has finished. */
export function NoRunYet({ lastRun }: { lastRun: NoRun }) {
  return (
    <EmptyState title="No collection has finished yet">
      <p>
        Poolscope shows what its collections have read. {lastRun ? `Run #${lastRun.id} is ${lastRun.status}.` : "None has run yet."} Start one from the{" "}
        <Link href="/runs">Runs page</Link>, with <code>npm run collect</code>, or wait for the schedule.
      </p>
      <p>
        Against Azure, set <code>POOLSCOPE_SOURCE=azure</code> and a credential (see the README); with no configuration, <code>npm start</code> serves the
        emulator&apos;s demo estate.
      </p>
    </EmptyState>
  );
}
