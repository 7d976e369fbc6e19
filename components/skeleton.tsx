export function Skeleton({ height = 16, width = "100%" }: { height?: number; width?: number | string }) {
  return <div className="skeleton" style={{ height, width }} aria-hidden="true" />;
}

export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid">
      <div className="stats">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} height={74} />
        ))}
      </div>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={28} />
      ))}
    </div>
  );
}

/** A table page loading: the filter bar, a toolbar and rows. */
export function TableSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid">
      <Skeleton height={58} />
      <Skeleton height={34} width="60%" />
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={30} />
      ))}
    </div>
  );
}
