import { describe, expect, it } from "vitest";
import {
  canDeleteEvidence,
  canSetPublic,
  canWithdraw,
  isPublished,
  PUBLICATION_LABELS,
  PUBLICATION_STATES,
  publicationState,
  type SentWith,
  sentWithOf,
  stateAfterDraftDeleted,
  WITHDRAWAL_REASON_MAX,
  withdrawalReasonProblem,
} from "./publication.js";
import { ROLES } from "./roles.js";

const SENT: SentWith[] = ["none", "in_review", "validated", "changes_requested"];

describe("isPublished", () => {
  it("publishes only a public version first sent with a validated submission, not withdrawn", () => {
    const published = [];
    for (const isPublic of [true, false]) {
      for (const withdrawn of [true, false]) {
        for (const sentWith of SENT) {
          if (isPublished({ isPublic, withdrawn, sentWith })) {
            published.push({ isPublic, withdrawn, sentWith });
          }
        }
      }
    }
    expect(published).toEqual([{ isPublic: true, withdrawn: false, sentWith: "validated" }]);
  });
});

describe("publicationState", () => {
  it("tells the tool page why a version is or is not public", () => {
    const state = (isPublic: boolean, sentWith: SentWith, withdrawn = false) =>
      publicationState({ isPublic, sentWith, withdrawn });
    expect(state(true, "validated")).toBe("published");
    expect(state(true, "none")).toBe("to_publish");
    expect(state(true, "in_review")).toBe("to_publish");
    expect(state(true, "changes_requested")).toBe("returned");
    expect(state(false, "validated")).toBe("private");
    expect(state(true, "validated", true)).toBe("withdrawn");
    expect(state(false, "none", true)).toBe("withdrawn");
  });

  it("has a Spanish label for every state", () => {
    expect(PUBLICATION_STATES.map((s) => PUBLICATION_LABELS[s])).toEqual([
      "Público",
      "Público al validarse",
      "No público: entrega devuelta",
      "No público",
      "Retirado de publicación",
    ]);
  });
});

describe("sentWithOf", () => {
  const history = [
    { evidenceIds: ["a"], decision: "changes_requested" as const },
    { evidenceIds: ["a", "b"], decision: "validated" as const },
    { evidenceIds: ["a", "b", "c"], decision: null },
  ];

  it("is the decision of the first submission that carried the version", () => {
    expect(sentWithOf("a", history)).toBe("changes_requested");
    expect(sentWithOf("b", history)).toBe("validated");
    expect(sentWithOf("c", history)).toBe("in_review");
    expect(sentWithOf("d", history)).toBe("none");
    expect(sentWithOf("a", [])).toBe("none");
  });

  it("keeps a returned version unpublished when the resubmission that carries it is validated", () => {
    const resubmitted = [
      { evidenceIds: ["a"], decision: "changes_requested" as const },
      { evidenceIds: ["a", "b"], decision: "validated" as const },
    ];
    const published = ["a", "b"].filter((id) =>
      isPublished({ isPublic: true, withdrawn: false, sentWith: sentWithOf(id, resubmitted) }),
    );
    expect(published).toEqual(["b"]);
  });
});

describe("canDeleteEvidence", () => {
  it("lets only the liaison delete, and only a draft never sent", () => {
    expect(canDeleteEvidence("liaison", "none")).toEqual({ ok: true });
    for (const sentWith of ["in_review", "validated", "changes_requested"] as const) {
      expect(canDeleteEvidence("liaison", sentWith)).toMatchObject({
        ok: false,
        code: "evidence_submitted",
      });
    }
    for (const role of ["collaborator", "reviewer", "admin"] as const) {
      expect(canDeleteEvidence(role, "none")).toMatchObject({ ok: false, code: "forbidden" });
    }
  });
});

describe("canWithdraw", () => {
  it("lets the liaison and staff withdraw a public document, never a collaborator", () => {
    const allowed = ROLES.filter((role) => canWithdraw(role, "published").ok);
    expect(allowed.sort()).toEqual(["admin", "liaison", "reviewer"]);
    expect(canWithdraw("collaborator", "published")).toMatchObject({ code: "forbidden" });
    expect(canWithdraw("liaison", "to_publish")).toEqual({ ok: true });
  });

  it("refuses what is not public or already withdrawn, with its own code", () => {
    expect(canWithdraw("reviewer", "private")).toMatchObject({ code: "evidence_not_public" });
    expect(canWithdraw("reviewer", "returned")).toMatchObject({ code: "evidence_not_public" });
    expect(canWithdraw("liaison", "withdrawn")).toMatchObject({ code: "evidence_withdrawn" });
  });
});

describe("canSetPublic", () => {
  const inReview = { withdrawn: false, sentWith: "in_review" as const };

  it("lets staff change a file of the submission under review, before deciding", () => {
    expect(canSetPublic("reviewer", "submitted", inReview)).toEqual({ ok: true });
    expect(canSetPublic("admin", "submitted", inReview)).toEqual({ ok: true });
  });

  it("refuses the municipality, other states, files of other submissions and withdrawn files", () => {
    expect(canSetPublic("liaison", "submitted", inReview)).toMatchObject({ code: "forbidden" });
    expect(canSetPublic("collaborator", "submitted", inReview)).toMatchObject({
      code: "forbidden",
    });
    expect(canSetPublic("reviewer", "validated", inReview)).toMatchObject({
      code: "evidence_not_in_review",
    });
    expect(
      canSetPublic("reviewer", "submitted", { withdrawn: false, sentWith: "changes_requested" }),
    ).toMatchObject({ code: "evidence_not_in_review" });
    expect(
      canSetPublic("reviewer", "submitted", { withdrawn: true, sentWith: "in_review" }),
    ).toMatchObject({ code: "evidence_withdrawn" });
  });
});

describe("withdrawalReasonProblem", () => {
  it("requires a reason in words, within the limit", () => {
    expect(withdrawalReasonProblem("")).toBe(
      "Escriba el motivo por el que retira el documento de publicación.",
    );
    expect(withdrawalReasonProblem("   ")).toBe(
      "Escriba el motivo por el que retira el documento de publicación.",
    );
    expect(withdrawalReasonProblem("ok")).toBe("Explique el motivo con al menos 5 caracteres.");
    expect(withdrawalReasonProblem("x".repeat(WITHDRAWAL_REASON_MAX + 1))).toBe(
      "El motivo no puede pasar de 1000 caracteres.",
    );
    expect(withdrawalReasonProblem("Contiene datos personales")).toBeNull();
  });
});

describe("stateAfterDraftDeleted", () => {
  it("makes a never-sent tool pending again when its last draft goes", () => {
    expect(stateAfterDraftDeleted("in_progress", 0)).toBe("pending");
    expect(stateAfterDraftDeleted("in_progress", 1)).toBe("in_progress");
    expect(stateAfterDraftDeleted("changes_requested", 0)).toBe("changes_requested");
  });
});
