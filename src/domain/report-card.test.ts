import { describe, expect, it } from "vitest";
import { canonicalJson, normalizeCode, verificationCode } from "./report-card.js";

describe("canonicalJson", () => {
  it("sorts keys at every level so the order they were written in does not matter", () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }], c: "texto" } };
    const b = { a: { c: "texto", d: [{ x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"texto","d":[{"x":2,"y":1}]},"b":1}');
  });

  it("keeps array order, nulls and accents, and drops undefined fields", () => {
    expect(
      canonicalJson({ list: [3, 1, 2], none: null, name: "Ciudadanía", gone: undefined }),
    ).toBe('{"list":[3,1,2],"name":"Ciudadanía","none":null}');
  });

  it("serializes plain values as JSON does", () => {
    expect(canonicalJson(41.7)).toBe("41.7");
    expect(canonicalJson("a")).toBe('"a"');
    expect(canonicalJson(null)).toBe("null");
  });
});

describe("verificationCode", () => {
  const hash = "3f9a12bc77d0e1459999999999999999999999999999999999999999999999ff";

  it("is the first 16 hex digits in four groups, upper case", () => {
    expect(verificationCode(hash)).toBe("3F9A-12BC-77D0-E145");
    expect(verificationCode(hash.toUpperCase())).toBe("3F9A-12BC-77D0-E145");
  });

  it("refuses what is not a SHA-256", () => {
    expect(() => verificationCode("abc")).toThrow(RangeError);
    expect(() => verificationCode(`${hash.slice(0, 63)}g`)).toThrow(RangeError);
  });
});

describe("normalizeCode", () => {
  it("accepts the code typed in lower case, without dashes or with spaces", () => {
    for (const typed of ["3f9a-12bc-77d0-e145", "3F9A12BC77D0E145", " 3f9a 12bc 77d0 e145 "]) {
      expect(normalizeCode(typed)).toBe("3F9A-12BC-77D0-E145");
    }
  });

  it("is null for anything that cannot be a code", () => {
    for (const typed of ["", "3F9A-12BC-77D0", "3F9A-12BC-77D0-E14G", "3F9A-12BC-77D0-E1455"]) {
      expect(normalizeCode(typed)).toBeNull();
    }
  });
});
