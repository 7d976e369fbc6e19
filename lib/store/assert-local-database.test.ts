import { afterEach, describe, expect, it, vi } from "vitest";
import { assertLocalDatabaseUrl, NonLocalDatabaseError } from "./assert-local-database";
import { createTestDatabase, testServerUrl, testStoreKinds } from "./test-store";

describe("assertLocalDatabaseUrl", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:54329/poolscope_test",
    "postgres://user:secret@localhost/db",
    "postgresql://postgres@[::1]:5432/db",
    "postgresql://postgres@LOCALHOST:5432/db",
  ])("accepts %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each([
    ["postgresql://postgres@db.example.com:5432/prod", "db.example.com"],
    ["postgresql://postgres@10.0.0.5/poolscope", "10.0.0.5"],
    ["postgresql://postgres@127.0.0.1.nip.io/poolscope", "127.0.0.1.nip.io"],
    ["postgresql://postgres@localhost/db?host=prod.internal", "prod.internal"],
    ["postgresql://postgres@localhost/db?hostaddr=192.168.1.20", "192.168.1.20"],
    ["postgresql://postgres@localhost/db?host=%2Fvar%2Frun%2Fpostgresql", "/var/run/postgresql"],
  ])("refuses %s", (url, host) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(NonLocalDatabaseError);
    expect(() => assertLocalDatabaseUrl(url)).toThrow(`refusing to run tests against the database at "${host}"`);
  });

  it("refuses what is not a Postgres URL", () => {
    expect(() => assertLocalDatabaseUrl("mysql://root@127.0.0.1/db")).toThrow(/postgresql:\/\//);
    expect(() => assertLocalDatabaseUrl("not a url")).toThrow(/not a valid URL/);
  });
});

describe("test stores and POOLSCOPE_TEST_DATABASE_URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("refuses a non-loopback server before connecting to it", async () => {
    vi.stubEnv("POOLSCOPE_TEST_DATABASE_URL", "postgresql://postgres@prod-db.example.com:5432/poolscope");
    expect(() => testServerUrl()).toThrow(NonLocalDatabaseError);
    await expect(createTestDatabase("postgres")).rejects.toThrow(/refusing to run tests against the database at "prod-db.example.com"/);
  });

  it("lists postgres only when a server is configured", () => {
    vi.stubEnv("POOLSCOPE_TEST_DATABASE_URL", "");
    expect(testStoreKinds()).toEqual(["pglite"]);
    vi.stubEnv("POOLSCOPE_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:54329/poolscope_test");
    expect(testStoreKinds()).toEqual(["pglite", "postgres"]);
  });
});
