import { describe, expect, test } from "vitest";
import type { PrismaClient } from "@/lib/store/generated/client";
import { cachedForRun } from "./run-cache";

const aStore = () => ({}) as PrismaClient;

describe("cachedForRun", () => {
  test("loads once per run and key, and shares the load between concurrent callers", async () => {
    const db = aStore();
    let loads = 0;
    const load = async () => ++loads;
    const [first, second] = await Promise.all([cachedForRun(db, 7, "overview", load), cachedForRun(db, 7, "overview", load)]);
    expect([first, second, loads]).toEqual([1, 1, 1]);
    expect(await cachedForRun(db, 8, "overview", load)).toBe(2);
    expect(await cachedForRun(db, 7, "pools", load)).toBe(3);
    expect(await cachedForRun(db, 7, "overview", load)).toBe(1);
  });

  test("each store has its own entries", async () => {
    expect(await cachedForRun(aStore(), 1, "k", async () => "a")).toBe("a");
    expect(await cachedForRun(aStore(), 1, "k", async () => "b")).toBe("b");
  });

  test("a failed load is forgotten, so the next request tries again", async () => {
    const db = aStore();
    await expect(cachedForRun(db, 1, "k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cachedForRun(db, 1, "k", async () => "up")).toBe("up");
  });

  test("the least recently used entry goes first once full", async () => {
    const db = aStore();
    for (let run = 1; run <= 256; run++) await cachedForRun(db, run, "k", async () => run);
    await cachedForRun(db, 1, "k", async () => -1); // used again: now the most recent
    await cachedForRun(db, 257, "k", async () => 257); // pushes out run 2, the least recently used
    expect(await cachedForRun(db, 1, "k", async () => -1)).toBe(1);
    expect(await cachedForRun(db, 2, "k", async () => -2)).toBe(-2);
  });
});
