"use client";

import { useState } from "react";
import { usePoolFacetValues } from "@/components/hooks/use-pool-facet-values";
import { formatCount } from "@/lib/format";
import { poolColumn, type PoolColumnKey } from "@/lib/model/pool-columns";

type Props = { column: PoolColumnKey; valueCount: number; run: number; selected: string[]; onChange: (values: string[]) => void };

/**
 * A facet with too many values to list on every page (a large fleet's clusters): typed, with the run's values as
 * suggestions fetched when the field is first used. Picking a suggestion filters at once; typed text on Enter or
 * when the field is left; an empty field shows all.
 */
export function FacetCombobox({ column, valueCount, run, selected, onChange }: Props) {
  const id = `facet-${column}`;
  const current = selected.length === 1 ? selected[0] : "";
  const [text, setText] = useState(current);
  const [used, setUsed] = useState(false);
  const { data: values, isError } = usePoolFacetValues(column, run, used);

  // Follow the URL when it changes from elsewhere (a chip removed, the back button).
  const [followed, setFollowed] = useState(current);
  if (followed !== current) {
    setFollowed(current);
    setText(current);
  }

  const apply = (value: string) => {
    const wanted = value.trim();
    if (wanted === current && (wanted !== "" || selected.length === 0)) return;
    onChange(wanted ? [wanted] : []);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{poolColumn(column).label}</label>
      <input
        id={id}
        className="input"
        list={`${id}-values`}
        autoComplete="off"
        placeholder={selected.length > 1 ? `${selected.length} selected` : `All (${formatCount(valueCount)})`}
        title={isError ? "The suggestions could not be loaded; type a value and press Enter" : `Type to choose one of ${formatCount(valueCount)} values`}
        value={text}
        onFocus={() => setUsed(true)}
        onChange={(event) => {
          setText(event.target.value);
          // A suggestion picked from the list arrives whole: filter at once.
          if (values?.some((entry) => entry.value === event.target.value)) apply(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply(text);
          if (event.key === "Escape") setText(current);
        }}
        onBlur={() => apply(text)}
      />
      <datalist id={`${id}-values`}>
        {values?.map((entry) => (
          <option key={entry.value} value={entry.value}>{`${formatCount(entry.pools)} ${entry.pools === 1 ? "pool" : "pools"}`}</option>
        ))}
      </datalist>
    </div>
  );
}
