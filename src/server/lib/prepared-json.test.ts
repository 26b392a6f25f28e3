import Fastify from "fastify";
import { describe, expect, it, vi } from "vitest";
import { prepareJson, sendPreparedJson } from "./prepared-json.js";

describe("a prepared JSON body", () => {
  it("is compressed at once when small", async () => {
    const prepared = await prepareJson({ municipio: "Toluca" });
    expect(prepared.gzipped).not.toBeNull();
    expect(prepared.etag).toMatch(/^W\/"[\w-]{27}"$/);
  });

  it("when large, is sent uncompressed until its compression is ready, then compressed", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ cvegeo: String(15_000 + i), i }));
    const prepared = await prepareJson(rows);
    expect(prepared.gzipped).toBeNull();
    const app = Fastify();
    app.get("/", (request, reply) => sendPreparedJson(request, reply, prepared));
    const ask = () => app.inject({ url: "/", headers: { "accept-encoding": "gzip" } });
    const first = await ask();
    if (prepared.gzipped === null) {
      expect(first.headers["content-encoding"]).toBeUndefined();
      expect(first.json()).toEqual(rows);
    }
    await vi.waitFor(() => expect(prepared.gzipped).not.toBeNull());
    const later = await ask();
    expect(later.headers["content-encoding"]).toBe("gzip");
    expect(later.rawPayload.length).toBeLessThan(prepared.body.length);
    expect(later.headers.etag).toBe(first.headers.etag);
    await app.close();
  });
});
