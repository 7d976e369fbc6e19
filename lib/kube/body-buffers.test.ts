import { describe, expect, it } from "vitest";
import { BodyGatherer } from "./body-buffers";

const chunksOf = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size)));

describe("BodyGatherer", () => {
  it("gathers a body announced or not, growing past its first size", () => {
    const text = "x".repeat(200_000) + "{\"end\":true}";
    for (const announced of [text.length, undefined, 10]) {
      const gatherer = new BodyGatherer(announced);
      for (const chunk of chunksOf(text, 16_384)) gatherer.add(chunk);
      expect(gatherer.body().toString()).toBe(text);
      gatherer.release();
    }
  });

  it("lends a given-back buffer to the next body, so readers copy out what they keep", () => {
    const first = new BodyGatherer(1_000_000);
    first.add(Buffer.from("first page"));
    const kept = first.body().toString();
    const view = first.body();
    first.release();
    const second = new BodyGatherer(1_000_000);
    second.add(Buffer.from("other page"));
    expect(view.toString()).toBe("other page");
    expect(kept).toBe("first page");
    second.release();
  });
});
