import { poolColumn, poolColumnKeys } from "@/lib/model/pool-columns";
import type { PoolFilters, PoolView } from "@/lib/model/pool-view";

/** An ARM id (a cluster chosen from its page) shows as its last segment. */
const shortValue = (value: string) => (value.startsWith("/") ? (value.split("/").at(-1) ?? value) : value);

type Props = { view: PoolView; onFilters: (filters: PoolFilters) => void; onSearch: (q: string | undefined) => void };

/** Every filter of the view as a chip that removes it, and one button to clear them all. */
export function ActiveFilters({ view, onFilters, onSearch }: Props) {
  const chips = poolColumnKeys.flatMap((key) => (view.filters[key] ?? []).map((value) => ({ key, value })));
  if (chips.length === 0 && !view.q) return null;
  const remove = (key: (typeof chips)[number]["key"], value: string) => {
    const rest = (view.filters[key] ?? []).filter((existing) => existing !== value);
    const next = { ...view.filters };
    if (rest.length > 0) next[key] = rest;
    else delete next[key];
    onFilters(next);
  };
  return (
    <div className="active-filters" aria-label="Active filters" role="group">
      {view.q ? (
        <button type="button" className="filter-chip" onClick={() => onSearch(undefined)} aria-label={`Remove search “${view.q}”`}>
          <span className="muted">Search:</span> {view.q} <span aria-hidden="true">×</span>
        </button>
      ) : null}
      {chips.map(({ key, value }) => (
        <button type="button" className="filter-chip" key={`${key}=${value}`} title={value} onClick={() => remove(key, value)} aria-label={`Remove filter ${poolColumn(key).label} ${shortValue(value)}`}>
          <span className="muted">{poolColumn(key).label}:</span> {shortValue(value)} <span aria-hidden="true">×</span>
        </button>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          onSearch(undefined);
          onFilters({});
        }}
      >
        Clear all
      </button>
    </div>
  );
}
