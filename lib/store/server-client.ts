import pg from "pg";

/** Runs `fn` on a connection of its own to a Postgres server (creating and dropping databases: tests, benchmarks). */
export async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
