import type { Breakdown } from "@/lib/queries/fleet-overview";

/** Pools by one attribute as horizontal bars, widest first; each row says pools and nodes. */
export function BreakdownBars({ title, rows }: { title: string; rows: Breakdown }) {
  const max = Math.max(1, ...rows.map((row) => row.pools));
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <div className="bars">
        {rows.map((row) => (
          <div className="bar-row" key={row.key}>
            <span title={row.key}>{row.key}</span>
            <span className="track" aria-hidden="true">
              <span className="fill" style={{ width: `${(row.pools / max) * 100}%`, display: "block" }} />
            </span>
            <span className="num" title={`${row.nodes} nodes`}>
              {row.pools} {row.pools === 1 ? "pool" : "pools"}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
