import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestStore, testStoreKinds, type TestStore } from "@/lib/store/test-store";
import { resolveRunScope } from "./run-scope";

describe.each(testStoreKinds())("run scope on %s", (kind) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  test("no readable run yet: what the newest run is doing", async () => {
    const running = await store.db.collectionRun.create({ data: { trigger: "schedule", source: "x", status: "running", startedAt: new Date("2026-11-20T10:00:00Z") } });
    expect(await resolveRunScope(store.db)).toEqual({ scope: null, lastRun: { id: running.id, status: "running", startedAt: "2026-11-20T10:00:00.000Z" } });
    await store.db.collectionRun.update({ where: { id: running.id }, data: { status: "failed" } });
  });

  test("the newest readable run, its errors counted; time travel to a run that is not readable", async () => {
    const run = (status: "succeeded" | "partial" | "failed", hour: number, errors: unknown[] = []) =>
      store.db.collectionRun.create({
        data: { trigger: "schedule", source: "x", status, errors: errors as never, startedAt: new Date(`2026-11-20T${hour}:00:00Z`), finishedAt: new Date(`2026-11-20T${hour}:05:00Z`) },
      });
    const succeeded = await run("succeeded", 11);
    const partial = await run("partial", 12, [{ scope: "a" }, { scope: "b" }]);
    const failed = await run("failed", 13, [{ scope: "c" }]);

    expect((await resolveRunScope(store.db)).scope).toEqual({
      id: partial.id,
      status: "partial",
      startedAt: "2026-11-20T12:00:00.000Z",
      finishedAt: "2026-11-20T12:05:00.000Z",
      errorCount: 2,
      latestId: partial.id,
      requestedId: null,
    });
    expect((await resolveRunScope(store.db, failed.id)).scope).toMatchObject({ id: partial.id, latestId: partial.id, requestedId: failed.id });
    expect((await resolveRunScope(store.db, succeeded.id)).scope).toMatchObject({ id: succeeded.id, status: "succeeded", errorCount: 0, latestId: partial.id, requestedId: null });
  });
});
