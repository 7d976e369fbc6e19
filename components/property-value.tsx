/** An ARM property's value as read: text as text, maps of strings as key=value chips, anything nested as JSON. */
export function PropertyValue({ value }: { value: unknown }) {
  if (value === undefined) return <span className="muted">not set</span>;
  if (value === null) return <span className="muted">null</span>;
  if (typeof value === "boolean") return <span className="mono">{value ? "true" : "false"}</span>;
  if (typeof value === "number" || typeof value === "string") return <span className="mono break">{String(value)}</span>;
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.length === 0 ? (
      <span className="muted">none</span>
    ) : (
      <span className="chips">
        {value.map((item) => (
          <span className="chip mono" key={String(item)}>
            {String(item)}
          </span>
        ))}
      </span>
    );
  }
  if (typeof value === "object" && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string")) {
    const entries = Object.entries(value as Record<string, string>);
    return entries.length === 0 ? (
      <span className="muted">none</span>
    ) : (
      <span className="chips">
        {entries.map(([key, item]) => (
          <span className="chip mono" key={key}>
            {key}={item}
          </span>
        ))}
      </span>
    );
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
