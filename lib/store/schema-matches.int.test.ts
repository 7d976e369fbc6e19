import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readActualSchema } from "./testing/actual-schema";
import { expectedSchema, sortBy } from "./testing/expected-schema";
import { createTestStore, testStoreKinds, type TestStore } from "./test-store";

// prisma/schema.prisma is the source of truth; the hand-written migrations must build exactly what it describes.
describe.each(testStoreKinds())("migrations match schema.prisma on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore({ kind });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const expected = expectedSchema();
  const actual = () => store.withSql(readActualSchema);

  it("has exactly the schema's tables", async () => {
    expect((await actual()).tables.sort()).toEqual(expected.tables);
  });

  it("has the schema's columns, types, nullability and defaults", async () => {
    expect(sortBy((await actual()).columns, (c) => `${c.table}.${c.name}`)).toEqual(expected.columns);
  });

  it("has the schema's primary keys and indexes, with Prisma's names, columns and order", async () => {
    expect(sortBy((await actual()).indexes, (i) => i.name)).toEqual(expected.indexes);
  });

  it("has the schema's foreign keys with Prisma's default actions", async () => {
    expect(sortBy((await actual()).foreignKeys, (f) => f.name)).toEqual(expected.foreignKeys);
  });

  it("has the schema's enums with their values in order", async () => {
    expect(sortBy((await actual()).enums, (e) => e.name)).toEqual(expected.enums);
  });
});
