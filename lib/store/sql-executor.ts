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

/** The protocol messages of a `COPY … FROM STDIN` and its data: Query, one CopyData, CopyDone. */
function copyInMessage(sql: string, data: Uint8Array): Uint8Array {
  const query = Buffer.from(`${sql}\0`);
  const message = Buffer.allocUnsafe(5 + query.length + 5 + data.length + 5);
  let at = message.writeUInt8(0x51, 0); // Q
  at = message.writeInt32BE(4 + query.length, at);
  at += query.copy(message, at);
  at = message.writeUInt8(0x64, at); // d
  at = message.writeInt32BE(4 + data.length, at);
  message.set(data, at);
  at = message.writeUInt8(0x63, at + data.length); // c
  message.writeInt32BE(4, at);
  return message;
}

/**
 * COPYs `data` in with one call into PGlite: the statement, its data and the end of the data go in one message,
 * which Postgres reads as a client's COPY FROM STDIN. (A query with a blob for `/dev/blob` was six protocol calls,
 * and PGlite copied the data three times, the last a byte at a time.) Runs inside a transaction that holds PGlite.
 */
async function copyIn(pglite: PGlite, sql: string, data: Uint8Array): Promise<number> {
  const { messages } = await pglite.runExclusive(() => pglite.execProtocol(copyInMessage(sql, data), { syncToFs: false }));
  const done = messages.find((message) => message.name === "commandComplete") as { text?: string } | undefined;
  return Number(done?.text?.split(" ")[1] ?? 0);
}

function pgliteSession(db: PGlite | PgliteTransaction, copy: (sql: string, data: Uint8Array) => Promise<number>): SqlSession {
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
    copyFrom: (table, columns, data, options) => copy(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (${options})`, data),
  };
}

/**
 * An executor on a PGlite instance. PGlite is one session shared by everything in the process, so transactions go
 * through `PGlite.transaction`, which holds PGlite's exclusive lock: nothing else can slip a query into the middle.
 */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    // A COPY outside a transaction gets one of its own, so that it too holds PGlite (and its end is synced to disk).
    ...pgliteSession(db, (sql, data) => db.transaction(() => copyIn(db, sql, data))),
    transaction: (fn) => db.transaction((tx) => fn(pgliteSession(tx, (sql, data) => copyIn(db, sql, data)))),
  };
}
