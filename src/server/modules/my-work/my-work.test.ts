import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MyWork } from "../../../contracts/my-work.js";
import { liaisonDesignations, mailOutbox, toolInstances } from "../../db/schema/index.js";
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
    const admin0 = await work(admin.session, "admin");
    expect(admin0.items.map((item) => item.kind)).toEqual(
      expect.arrayContaining(["agreement_without_liaison", "mail_held"]),
    );
    expect(admin0.items.find((item) => item.kind === "agreement_without_liaison")?.link).toBe(
      `/municipios/${OTHER}`,
    );
    // Waiting 0 days: listed only when the threshold is lower than the wait.
    expect(admin0.items.some((item) => item.kind === "review_delayed")).toBe(false);
  });
});
