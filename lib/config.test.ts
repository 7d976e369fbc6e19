import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("defaults to the embedded store and Azure's public endpoints", () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(".data");
    expect(config.azure.armEndpoint).toBe("https://management.azure.com");
    expect(config.collect.intervalMinutes).toBe(0);
  });

  it("turns the schedule on for the emulator", () => {
    expect(parseConfig({ POOLSCOPE_SOURCE: "emulator" }).collect.intervalMinutes).toBe(1);
  });

  it.each([
    ["DATABASE_URL", "nonsense", /^Invalid configuration: DATABASE_URL is "nonsense" but should be a Postgres URL/],
    ["POOLSCOPE_ARM_ENDPOINT", "http://example.test", /POOLSCOPE_ARM_ENDPOINT is "http:\/\/example.test" but should be an https URL/],
    ["POOLSCOPE_CONCURRENCY", "lots", /POOLSCOPE_CONCURRENCY is "lots" but should be a whole number/],
    ["POOLSCOPE_SOURCE", "aws", /POOLSCOPE_SOURCE is "aws" but should be azure or emulator/],
  ])("rejects %s=%s with one line naming it", (name, value, message) => {
    let error: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("never echoes a password", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://u:hunter2@h/db" })).toThrow(/u:\*\*\*@/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://u:hunter2@h/db" })).not.toThrow(/hunter2/);
  });

  it("splits the subscription list", () => {
    expect(parseConfig({ POOLSCOPE_SUBSCRIPTIONS: "AAA, bbb ccc" }).azure.subscriptions).toEqual(["aaa", "bbb", "ccc"]);
  });
});

describe("the running app's address for npm run collect", () => {
  it.each([
    [{}, "http://127.0.0.1:3000"],
    [{ PORT: "3300" }, "http://127.0.0.1:3300"],
    [{ PORT: "3300", POOLSCOPE_APP_URL: "http://127.0.0.1:8080/" }, "http://127.0.0.1:8080"],
  ])("from %o is %s", (env, url) => {
    expect(parseConfig(env).appUrl).toBe(url);
  });
});
