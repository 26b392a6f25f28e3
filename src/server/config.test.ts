import { describe, expect, it } from "vitest";
import { fastifyTrustProxy, loadConfig, parseTrustProxy } from "./config.js";

describe("MRTM_TRUST_PROXY", () => {
  it("trusts no proxy by default, and one hop for true", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ MRTM_TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ MRTM_TRUST_PROXY: "true" }).trustProxy).toBe(1);
  });

  it("takes a hop count, or a list of addresses and networks", () => {
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.1, 10.1.0.0/16,::1")).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "::1",
    ]);
    expect(parseTrustProxy("fd00::/8")).toEqual(["fd00::/8"]);
  });

  it("stops the start with a Spanish message on anything else", () => {
    for (const bad of ["yes", "10.0.0.300", "10.0.0.0/33", "proxy.local", "99", "10.0.0.1/8/1"]) {
      expect(parseTrustProxy(bad), bad).toBeNull();
    }
    expect(() => loadConfig({ MRTM_TRUST_PROXY: "yes" })).toThrow(/MRTM_TRUST_PROXY debe ser/);
  });

  it("gives Fastify a hop function that trusts exactly the nearest hops", () => {
    const trust = fastifyTrustProxy(1);
    expect(typeof trust).toBe("function");
    const byHop = trust as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => byHop("10.0.0.1", hop))).toEqual([true, false, false]);
    expect(fastifyTrustProxy(false)).toBe(false);
    expect(fastifyTrustProxy(["10.0.0.1"])).toEqual(["10.0.0.1"]);
  });
});
