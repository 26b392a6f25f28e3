import { describe, expect, it } from "vitest";
import { LANDING_PATH, readReturnPath, SIGN_IN_PATH, signInPath } from "./returnPath";

const search = (query: string) => new URLSearchParams(query);

describe("signInPath", () => {
  it("remembers where the person was going, encoded", () => {
    expect(signInPath("/usuarios?rol=admin")).toBe(
      `${SIGN_IN_PATH}?volver=${encodeURIComponent("/usuarios?rol=admin")}`,
    );
  });

  it("does not remember the home page or nothing", () => {
    expect(signInPath("/")).toBe(SIGN_IN_PATH);
    expect(signInPath("")).toBe(SIGN_IN_PATH);
  });

  it("round-trips through readReturnPath", () => {
    const path = "/municipios/15106/herramientas?estado=pending#E2";
    const [, query = ""] = signInPath(path).split("?");
    expect(readReturnPath(search(query))).toBe(path);
  });
});

describe("readReturnPath", () => {
  it("goes back to a path of this site", () => {
    expect(readReturnPath(search("volver=/bitacora"))).toBe("/bitacora");
  });

  it("lands on «Mi trabajo» without a return path, or with only the front page", () => {
    expect(LANDING_PATH).toBe("/mi-trabajo");
    expect(readReturnPath(search(""))).toBe(LANDING_PATH);
    expect(readReturnPath(search("volver="))).toBe(LANDING_PATH);
    expect(readReturnPath(search("volver=/"))).toBe(LANDING_PATH);
  });

  it("never sends the person to another origin", () => {
    for (const hostile of [
      "https://malicioso.example/",
      "//malicioso.example/",
      "/\\malicioso.example/",
      "javascript:alert(1)",
      "malicioso.example",
    ]) {
      expect(readReturnPath(search(`volver=${encodeURIComponent(hostile)}`)), hostile).toBe(
        LANDING_PATH,
      );
    }
  });
});
