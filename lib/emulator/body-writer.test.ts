import { describe, expect, it } from "vitest";
import { BodyWriter } from "./body-writer";

describe("BodyWriter", () => {
  it("writes texts as their UTF-8 across buffers, and reuses the buffers once released", () => {
    const texts = Array.from({ length: 3_000 }, (_, i) => `{"i":${i},"name":"pod-é-${"x".repeat(i % 1_000)}","emoji":"😀"}`);
    texts.push("y".repeat(3 << 20)); // longer than a buffer
    const expected = Buffer.from(texts.join(","));
    for (let round = 0; round < 2; round++) {
      const out = new BodyWriter();
      texts.forEach((text, i) => out.write(i === 0 ? text : `,${text}`));
      const body = out.finish();
      expect(body.chunks.length).toBeGreaterThan(2);
      expect(body.length).toBe(expected.length);
      expect(Buffer.concat(body.chunks).equals(expected)).toBe(true);
      body.release();
    }
  });
});
