import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstRepeat, IdDictionary, idOrderOf, isMarkedUnique, markUniqueIds } from "./ids.js";
import { idOrder } from "./rank.js";

const hostileId = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "\u2028", "0", "00"),
);

describe("ids against their definitions", () => {
  it("IdDictionary numbers ids in order of first appearance", () => {
    fc.assert(
      fc.property(fc.array(hostileId, { maxLength: 100 }), (ids) => {
        const dictionary = new IdDictionary();
        const codes = ids.map((id) => dictionary.code(id));
        const distinct = ids.filter((id, i) => ids.indexOf(id) === i);
        expect(dictionary.ids).toEqual(distinct);
        expect(codes).toEqual(ids.map((id) => distinct.indexOf(id)));
        for (const id of ids) expect(dictionary.find(id)).toBe(distinct.indexOf(id));
        expect(dictionary.find("not there \u0000")).toBe(-1);
        expect(IdDictionary.of(ids).ids).toEqual(distinct);
      }),
    );
  });

  it("firstRepeat is the smallest repeating position and where its id first stood", () => {
    fc.assert(
      fc.property(fc.array(hostileId, { maxLength: 60 }), (ids) => {
        const j = ids.findIndex((id, i) => ids.indexOf(id) < i);
        expect(firstRepeat(ids)).toEqual(j < 0 ? undefined : [ids.indexOf(ids[j]!), j]);
      }),
    );
  });

  it("keeps the id order of marked arrays only", () => {
    const ids = markUniqueIds(["b", "c", "a"]);
    expect(isMarkedUnique(ids)).toBe(true);
    expect(idOrderOf(ids)).toBe(idOrderOf(ids));
    expect(Array.from(idOrderOf(ids))).toEqual(Array.from(idOrder(ids)));
    const plain = ["b", "a"];
    expect(isMarkedUnique(plain)).toBe(false);
    expect(idOrderOf(plain)).not.toBe(idOrderOf(plain));
  });
});
