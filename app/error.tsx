"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="notice bad" role="alert">
      <strong>This page could not be loaded.</strong> {error.digest ? <span className="muted">(reference {error.digest})</span> : null}
      <p style={{ margin: "8px 0 0" }}>
        The store may be starting or unreachable; <code>/api/health</code> says which.{" "}
        <button className="button secondary" type="button" onClick={reset}>
          Try again
        </button>
      </p>
    </div>
  );
}
