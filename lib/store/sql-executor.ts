import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { ClientBase, Pool } from "pg";

/**
 * The few SQL operations the migrator and the health check need, over one database session, so the same code runs
 * on a Postgres server (through `pg`) and on embedded PGlite.
 */
export type SqlSession = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs one statement; returns the rows it changed. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  /** Runs a script of one or more statements, without parameters. */
  exec(script: string): Promise<void>;
  /**
   * `COPY table (columns) FROM` the given data, with `options` (`FORMAT binary`, `FORMAT csv, …`), where the driver
   * can send data (PGlite; `pg` needs pg-copy-streams); returns the rows copied. `data` is copied before the call
   * returns: the caller may write the next data into the same buffer.
   */
  copyFrom?(table: string, columns: readonly string[], data: Uint8Array, options: string): Promise<number>;
  /**
   * True where no other transaction can run while this session's does, and the session may turn triggers off
   * (PGlite: one session, its superuser, transactions one at a time): see reference-checks.ts.
   */
  exclusive?: boolean;
};

export type SqlExecutor = SqlSession & {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
};

/** An executor on one `pg` connection (a Client, or a client checked out of a Pool). */
export function pgExecutor(client: ClientBase): SqlExecutor {
  const session: SqlSession = {
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async execute(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rowCount ?? 0;
    },
    async exec(script: string) {
      // Without parameters `pg` uses the simple query protocol, which accepts several statements.
      await client.query(script);
    },
  };
  return {
    ...session,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn(session);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Checks a connection out of `pool` for the length of `fn`: advisory locks and transactions need one session. */
export async function withPgPoolSession<T>(pool: Pool, fn: (sql: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await fn(pgExecutor(client));
  } catch (error) {
    // A connection that failed mid-way may still hold a session lock or an open transaction: do not reuse it.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

function pgliteSession(db: PGlite | PgliteTransaction): SqlSession {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async execute(sql: string, params: unknown[] = []) {
      return (await db.query(sql, params)).affectedRows ?? 0;
    },
    async exec(script: string) {
      await db.exec(script);
    },
    exclusive: true,
    async copyFrom(table, columns, data, options) {
      // PGlite reads `/dev/blob` from the query's blob: the rows skip the bind message's per-value encoding.
      const copy = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM '/dev/blob' WITH (${options})`;
      return (await db.query(copy, [], { blob: new Blob([data as Uint8Array<ArrayBuffer>]) })).affectedRows ?? 0;
    },
  };
}

/**
 * An executor on a PGlite instance. PGlite is one session shared by everything in the process, so transactions go
 * through `PGlite.transaction`, which holds PGlite's exclusive lock: nothing else can slip a query into the middle.
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    ...pgliteSession(db),
    transaction: (fn) => db.transaction((tx) => fn(pgliteSession(tx))),
  };
}
