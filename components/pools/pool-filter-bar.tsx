"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatCount } from "@/lib/format";
import { poolColumn, poolColumns, type FilterKind, type PoolColumnKey } from "@/lib/model/pool-columns";
import type { PoolFilters, PoolView } from "@/lib/model/pool-view";
import type { Facets, LongFacets } from "@/lib/queries/pool-inventory";
import { FacetCombobox } from "./facet-combobox";

const mainFacets: PoolColumnKey[] = ["subscription", "cluster", "mode", "os", "vmSize", "priority", "k8s", "power", "provisioning"];

const hints: Record<FilterKind, string> = {
  exact: "a value, e.g. westeurope",
  number: "3, >=3, <10 or 3..10",
  zones: "a zone (1, 2, 3) or none",
  labels: "key, or key=value",
  contains: "text the value contains",
  bool: "true or false",
};

type Props = {
  view: PoolView;
  facets: Facets;
  longFacets: LongFacets;
  /** The run the page shows: the one whose values a long facet suggests. */
  run: number;
  onFilters: (filters: PoolFilters) => void;
  onSearch: (q: string | undefined) => void;
};

function FacetSelect({ column, values, selected, onChange }: { column: PoolColumnKey; values: { value: string; pools: number }[]; selected: string[]; onChange: (values: string[]) => void }) {
  const id = `facet-${column}`;
  const match = (wanted: string) => values.find((entry) => entry.value.toLowerCase() === wanted.toLowerCase())?.value;
  // A value in the URL that the run does not have still shows (and filters to nothing) rather than vanish.
  const missing = selected.length === 1 && !match(selected[0]);
  const current = selected.length === 0 ? "" : selected.length > 1 ? "__many" : (match(selected[0]) ?? selected[0]);
  return (
    <div className="field">
      <label htmlFor={id}>{poolColumn(column).label}</label>
      <select
        id={id}
        className="select"
        value={current}
        onChange={(event) => onChange(event.target.value ? [event.target.value] : [])}
      >
        <option value="">All</option>
        {selected.length > 1 ? <option value="__many" disabled>{`${selected.length} selected`}</option> : null}
        {missing ? <option value={selected[0]}>{selected[0].startsWith("/") ? selected[0].split("/").at(-1) : `${selected[0]} (0 pools)`}</option> : null}
        {values.map((entry) => (
          <option key={entry.value} value={entry.value}>
            {`${entry.value} (${formatCount(entry.pools)})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Free text, the main facets as lists of the run's values, and any other column through "Add a filter". */
export function PoolFilterBar({ view, facets, longFacets, run, onFilters, onSearch }: Props) {
  const [text, setText] = useState(view.q ?? "");
  const typed = useRef(false);
  const [addColumn, setAddColumn] = useState<PoolColumnKey>("labels");
  const [addValue, setAddValue] = useState("");

  // Follow the URL when it changes from elsewhere (back button, a link), but not while the user types.
  useEffect(() => {
    if (!typed.current) setText(view.q ?? "");
  }, [view.q]);

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      if ((view.q ?? "") !== text.trim()) onSearch(text.trim() || undefined);
    }, 350);
    return () => clearTimeout(timer);
  }, [text, view.q, onSearch]);

  const setFilter = (key: PoolColumnKey, values: string[]) => {
    const next = { ...view.filters };
    if (values.length > 0) next[key] = values;
    else delete next[key];
    onFilters(next);
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = addValue.trim();
    if (!value) return;
    setFilter(addColumn, [...(view.filters[addColumn] ?? []).filter((existing) => existing !== value), value]);
    setAddValue("");
  };

  const facetField = (key: PoolColumnKey) => {
    const valueCount = longFacets[key];
    return valueCount === undefined ? (
      <FacetSelect key={key} column={key} values={facets[key] ?? []} selected={view.filters[key] ?? []} onChange={(values) => setFilter(key, values)} />
    ) : (
      <FacetCombobox key={key} column={key} valueCount={valueCount} run={run} selected={view.filters[key] ?? []} onChange={(values) => setFilter(key, values)} />
    );
  };

  const moreFacets = poolColumns.filter((column) => "facet" in column && column.facet && !mainFacets.includes(column.key)).map((column) => column.key);
  const moreActive = moreFacets.some((key) => view.filters[key]?.length);
  // What "More filters" holds is drawn once it is opened (or open for a filter of its own), not hidden on every page.
  const [moreOpened, setMoreOpened] = useState(false);

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-row">
        <div className="field search">
          <label htmlFor="pool-search">Search</label>
          <input
            id="pool-search"
            className="input"
            type="search"
            placeholder="Name, cluster, label, size…"
            value={text}
            onChange={(event) => {
              typed.current = true;
              setText(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                typed.current = false;
                onSearch(text.trim() || undefined);
              }
            }}
          />
        </div>
        {mainFacets.map(facetField)}
      </div>
      <details className="more-filters" open={moreActive || undefined} onToggle={(event) => setMoreOpened(event.currentTarget.open)}>
        <summary>More filters</summary>
        {moreOpened || moreActive ? (
          <>
            <div className="filter-row">{moreFacets.map(facetField)}</div>
            <form className="filter-row add-filter" onSubmit={add}>
              <div className="field">
                <label htmlFor="add-filter-column">Filter on any column</label>
                <select id="add-filter-column" className="select" value={addColumn} onChange={(event) => setAddColumn(event.target.value as PoolColumnKey)}>
                  {poolColumns.map((column) => (
                    <option key={column.key} value={column.key}>
                      {column.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field grow">
                <label htmlFor="add-filter-value">Value</label>
                <input id="add-filter-value" className="input" placeholder={hints[poolColumn(addColumn).filter]} value={addValue} onChange={(event) => setAddValue(event.target.value)} />
              </div>
              <button type="submit" className="button secondary">
                Add filter
              </button>
            </form>
          </>
        ) : null}
      </details>
    </section>
  );
}
