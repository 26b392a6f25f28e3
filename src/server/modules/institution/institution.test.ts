import { describe, expect, it } from "vitest";
import type { Institution } from "../../../contracts/institution.js";
import { OpenDataCatalog } from "../../../contracts/public.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";

const ctx = setUpTestApp();
const admin = ctx.session("admin");

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const get = async () =>
  json<Institution>(await ctx.app.inject({ method: "GET", url: "/api/institution" }));
const putLogo = (body: Buffer, type: string) =>
  ctx.app.inject({
    method: "PUT",
    url: "/api/institution/logo",
    headers: { ...admin.headers, "content-type": type },
    payload: body,
  });

describe("the institution is configuration", () => {
  it("is readable by anyone, seeded with the demo institution", async () => {
    expect(await get()).toMatchObject({
      shortName: "Infoem",
      stateName: "Estado de México",
      hasLogo: false,
      logoUrl: null,
    });
  });

  it("is renamed by an admin, with the change audited before and after", async () => {
    const update = {
      name: "Órgano Garante Sucesor",
      shortName: "OGS",
      unitName: "Unidad de Transparencia Municipal",
      stateName: "Estado de México",
    };
    const response = await ctx.send("PUT", "/api/institution", admin, update);
    expect(response.statusCode).toBe(200);
    expect(await get()).toMatchObject(update);
    const [event] = await auditEventsOf(ctx.handle.db, "institution.updated");
    expect(event).toMatchObject({ before: { shortName: "Infoem" }, after: { shortName: "OGS" } });
  });

  it("is named at once in the open-data licence, whose catalogue is otherwise cached", async () => {
    const catalogue = async () =>
      OpenDataCatalog.parse(
        json(await ctx.app.inject({ method: "GET", url: "/api/public/open-data" })),
      );
    const current = await get();
    expect((await catalogue()).licence.attribution).toContain(current.name);
    const response = await ctx.send("PUT", "/api/institution", admin, {
      name: "Instituto Renombrado",
      shortName: current.shortName,
      unitName: current.unitName,
      stateName: current.stateName,
    });
    expect(response.statusCode).toBe(200);
    expect((await catalogue()).licence.attribution).toBe(
      "Instituto Renombrado, Modelo Regional de Transparencia Municipal",
    );
  });

  it("takes a PNG logo recognised by content and serves it back with nosniff", async () => {
    expect((await putLogo(PNG, "image/png")).statusCode).toBe(200);
    const institution = await get();
    expect(institution.hasLogo).toBe(true);
    const logo = await ctx.app.inject({ method: "GET", url: institution.logoUrl ?? "" });
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.headers["x-content-type-options"]).toBe("nosniff");
    expect(logo.rawPayload.equals(PNG)).toBe(true);
  });

  it("refuses a file that only claims to be an image, and one over 512 KB", async () => {
    const fake = await putLogo(Buffer.from("<svg onload=alert(1)></svg>"), "image/png");
    expect(fake.statusCode).toBe(415);
    expect(errorCode(fake)).toBe("unsupported_media_type");
    const huge = await putLogo(Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), "image/png");
    expect(huge.statusCode).toBe(413);
    expect(errorCode(huge)).toBe("payload_too_large");
    expect((await get()).hasLogo).toBe(true);
  });

  it("removes the logo", async () => {
    expect((await ctx.send("DELETE", "/api/institution/logo", admin)).statusCode).toBe(200);
    expect((await get()).hasLogo).toBe(false);
    expect((await ctx.app.inject({ method: "GET", url: "/api/institution/logo" })).statusCode).toBe(
      404,
    );
  });
});
