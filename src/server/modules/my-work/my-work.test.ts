import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MyWork } from "../../../contracts/my-work.js";
import {
  deadlineExtensions,
  liaisonDesignations,
  mailOutbox,
  toolInstances,
} from "../../db/schema/index.js";
import { createTestContext, json, type TestContext } from "../../test/app.js";
import {
  registerTestAgreement,
  type Session,
  sentToReview,
  signedIn,
  toolInstanceOf,
} from "../../test/factories.js";

let ctx: TestContext;
const OWN = "15106";
const OTHER = "15054";

beforeAll(async () => {
  ctx = await createTestContext();
  await registerTestAgreement(ctx.handle.db, OWN);
  await registerTestAgreement(ctx.handle.db, OTHER);
});
afterAll(() => ctx.app.close());

const work = async (session: Session, view: string) => {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/my-work/${view}`,
    headers: session.headers,
  });
  expect(response.statusCode).toBe(200);
  return json<MyWork>(response);
};

describe("«Mi trabajo»", () => {
  it("gives a municipality its tools, overdue first, each linking to its page", async () => {
    const liaison = await signedIn(ctx.app, "liaison", { municipality: OWN });
    const e2 = await toolInstanceOf(ctx.app, liaison.session, "E2");
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "changes_requested" })
      .where(eq(toolInstances.id, e2.id));
    const mine = await work(liaison.session, "municipality");
    expect(mine.view).toBe("municipality");
    const returned = mine.items.find((item) => item.link === `/herramientas/${e2.id}`);
    expect(returned?.kind).toBe("observations");
    const firstOnTime = mine.items.findIndex((item) => !item.overdue);
    expect(mine.items.slice(firstOnTime).some((item) => item.overdue)).toBe(false);
    // Only the own municipality's tools.
    const other = await toolInstanceOf(ctx.app, (await signedIn(ctx.app, "admin")).session, "E2", {
      municipality: OTHER,
    });
    expect(mine.items.some((item) => item.link === `/herramientas/${other.id}`)).toBe(false);

    // M1's cycle asks for its survey: to open it, and once open, to close it.
    const m1 = await toolInstanceOf(ctx.app, liaison.session, "M1");
    const surveyItem = (list: MyWork) =>
      list.items.find((item) => item.link === `/herramientas/${m1.id}/encuesta`);
    expect(surveyItem(mine)).toMatchObject({ kind: "survey_due" });
    expect(surveyItem(mine)?.detail).toMatch(/^Abra la encuesta/);
    const opened = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${m1.id}/survey`,
      headers: liaison.session.headers,
    });
    expect(opened.statusCode).toBe(201);
    expect(surveyItem(await work(liaison.session, "municipality"))?.detail).toMatch(
      /^Encuesta abierta/,
    );
  });

  it("gives a reviewer the assigned queue, oldest first, and an admin what keeps the instance running", async () => {
    const admin = await signedIn(ctx.app, "admin");
    const reviewer = await signedIn(ctx.app, "reviewer");
    await ctx.app.inject({
      method: "PUT",
      url: `/api/reviewer-portfolios/${reviewer.user.id}`,
      headers: admin.session.headers,
      payload: { municipalities: [OTHER] },
    });
    const submitted: string[] = [];
    for (const cvegeo of [OTHER, OWN]) {
      submitted.push(await sentToReview(ctx.app, cvegeo, "R4"));
    }
    const queue = await work(reviewer.session, "review");
    expect(queue.scope).toBe("mine");
    // Its portfolio (OTHER) and, being in nobody's, OWN: what the reviewer is told of, oldest first.
    expect(queue.items.map((item) => item.link)).toEqual(
      submitted.map((id) => `/herramientas/${id}`),
    );

    // An agreement whose liaison's designation ended, and mail held without SMTP.
    await ctx.handle.db
      .update(liaisonDesignations)
      .set({ endedAt: new Date() })
      .where(eq(liaisonDesignations.municipalityCvegeo, OTHER));
    await ctx.handle.db
      .insert(mailOutbox)
      .values({ to: "x@prueba.mrtm.test", subject: "s", text: "t", html: "h", status: "held" });
    // An extension waiting for a decision.
    const e2 = await toolInstanceOf(ctx.app, admin.session, "E2", { municipality: OWN });
    await ctx.handle.db.insert(deadlineExtensions).values({
      toolInstanceId: e2.id,
      municipalityCvegeo: OWN,
      deadlineBefore: "2023-02-16",
      requestedOn: "2023-03-31",
      reason: "Cambio de titular",
      requestedBy: reviewer.user.id,
    });
    const admin0 = await work(admin.session, "admin");
    expect(admin0.items.map((item) => item.kind)).toEqual(
      expect.arrayContaining(["agreement_without_liaison", "mail_held", "extension_to_decide"]),
    );
    expect(admin0.items.find((item) => item.kind === "extension_to_decide")).toMatchObject({
      title: "E2 · Toluca",
      detail: "Prórroga pedida el 31/03/2023; plazo vigente: 16/02/2023",
      link: "/prorrogas",
    });
    expect(admin0.items.find((item) => item.kind === "agreement_without_liaison")?.link).toBe(
      `/municipios/${OTHER}`,
    );
    // Waiting 0 days: listed only when the threshold is lower than the wait.
    expect(admin0.items.some((item) => item.kind === "review_delayed")).toBe(false);
  });
});
