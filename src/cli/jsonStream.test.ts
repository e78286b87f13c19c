import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeJson } from "./jsonStream.js";

async function written(
  value: unknown,
  pieceLimit = Number.POSITIVE_INFINITY,
): Promise<{ text: string; pieces: number }> {
  let text = "";
  let pieces = 0;
  await writeJson(
    {
      write: async (piece) => {
        expect(piece.length).toBeLessThanOrEqual(pieceLimit);
        text += piece;
        pieces++;
      },
    },
    value,
  );
  return { text, pieces };
}

describe("writeJson", () => {
  it("writes what JSON.stringify(value, null, 2) writes, for any JSON-like value", async () => {
    const anything = fc.anything({
      withDate: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      values: [fc.double(), fc.string(), fc.constant(undefined), fc.constant(Number.NaN)],
    });
    await fc.assert(
      fc.asyncProperty(anything, async (value) => {
        expect((await written(value)).text).toBe(`${JSON.stringify(value, null, 2) ?? "null"}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps toJSON, skipped keys and null in arrays as JSON does", async () => {
    const value = {
      at: new Date(0),
      f: () => 1,
      u: undefined,
      list: [undefined, () => 1, Infinity, { x: [1, [2]] }],
    };
    expect((await written(value)).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("writes a large result in pieces of bounded size", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({
      customerId: `c${i}`,
      value: i / 3,
      segment: "new",
    }));
    const { text, pieces } = await written({ rows, nested: { rows } }, 200_000);
    expect(pieces).toBeGreaterThan(50);
    expect(JSON.parse(text)).toEqual({ rows, nested: { rows } });
  });
});
