/**
 * Tests create and drop databases: they must never reach a shared or production server, whatever the environment
 * says. Only a server on this machine's loopback is accepted.
 */

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

export class NonLocalDatabaseError extends Error {
  constructor(host: string) {
    super(
      `refusing to run tests against the database at "${host}": tests create and drop databases, so only a server on ` +
        `127.0.0.1, ::1 or localhost is allowed (start one with scripts/pg-throwaway.sh start)`,
    );
    this.name = "NonLocalDatabaseError";
  }
}

/** Throws unless `url` is a Postgres URL whose host is loopback; returns the parsed URL. */
export function assertLocalDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("the test database URL is not a valid URL (expected postgresql://user@127.0.0.1:5432/db)");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`the test database URL should start with postgresql://, not ${parsed.protocol}//`);
  }
  // libpq lets ?host= override the host part (including a socket directory): judge the one that will be used.
  const hosts = [parsed.searchParams.get("host") ?? decodeURIComponent(parsed.hostname), parsed.searchParams.get("hostaddr")];
  for (const host of hosts) {
    if (host !== null && !LOOPBACK_HOSTS.has(host.toLowerCase())) throw new NonLocalDatabaseError(host || "(no host)");
  }
  return parsed;
}
