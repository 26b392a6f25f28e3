import { describe, expect, it } from "vitest";
import {
  actingRole,
  canAdminister,
  canAdoptIndicators,
  canAnswerObservation,
  canDecideExtension,
  canDeleteDraft,
  canDraftDocument,
  canDraftIndicatorValues,
  canEditDiagnostic,
  canEditEvidence,
  canExemptTool,
  canFollowUpCommitment,
  canIssueReportCard,
  canKeepPortfolio,
  canManageCollaborators,
  canManageSupportActions,
  canReadRegional,
  canRequestExtension,
  canReview,
  canSeeMunicipality,
  canSeeOwnWork,
  canSendAnnouncements,
  canSubmitDiagnostic,
  canSubmitIndicatorReport,
  canSubmitTool,
  canWithdrawDocument,
  canWritePlans,
  isUndesignatedLiaison,
  municipalityScopeOf,
  type Subject,
} from "./policy.js";
import type { Role } from "./roles.js";

const OWN = "15106";
const OTHER = "15054";

/** Every kind of subject: staff, a collaborator, a designated liaison and an undesignated one. */
type Who = "admin" | "reviewer" | "collaborator" | "liaison" | "former_liaison";
const WHO: Who[] = ["admin", "reviewer", "collaborator", "liaison", "former_liaison"];

function subject(who: Who): Subject {
  const role: Role = who === "former_liaison" ? "liaison" : who;
  const municipal = role === "liaison" || role === "collaborator";
  return {
    role,
    municipality: municipal ? { cvegeo: OWN } : null,
    designatedLiaison: who === "liaison",
  };
}

/** A policy's answer for every subject, on its own municipality and on another. */
function table(can: (s: Subject, cvegeo: string) => boolean) {
  return Object.fromEntries(
    WHO.map((who) => [who, [can(subject(who), OWN), can(subject(who), OTHER)]]),
  );
}

// [own municipality, other municipality]
const STAFF_EVERYWHERE = {
  admin: [true, true],
  reviewer: [true, true],
  collaborator: [false, false],
  liaison: [false, false],
  former_liaison: [false, false],
};
const MUNICIPALITY_OWN = {
  admin: [false, false],
  reviewer: [false, false],
  collaborator: [true, false],
  liaison: [true, false],
  former_liaison: [true, false],
};
const DESIGNATED_LIAISON_OWN = {
  ...MUNICIPALITY_OWN,
  collaborator: [false, false],
  former_liaison: [false, false],
};
const STAFF_OR_DESIGNATED_LIAISON = {
  ...STAFF_EVERYWHERE,
  liaison: [true, false],
};

describe("the role a subject acts with", () => {
  it("should make a liaison that is not the designated one act as a collaborator", () => {
    expect(WHO.map((who) => actingRole(subject(who)))).toEqual([
      "admin",
      "reviewer",
      "collaborator",
      "liaison",
      "collaborator",
    ]);
    expect(WHO.filter((who) => isUndesignatedLiaison(subject(who)))).toEqual(["former_liaison"]);
  });

  it("should ignore a designation flag on anyone but a liaison", () => {
    const flagged = (role: Role): Subject => ({
      role,
      municipality: role === "collaborator" ? { cvegeo: OWN } : null,
      designatedLiaison: true,
    });
    expect(actingRole(flagged("collaborator"))).toBe("collaborator");
    expect(canSubmitTool(flagged("collaborator"), OWN)).toBe(false);
    expect(actingRole(flagged("reviewer"))).toBe("reviewer");
  });
});

describe("what exists for whom", () => {
  it("should show staff every municipality and municipal users only their own", () => {
    expect(table(canSeeMunicipality)).toEqual({
      admin: [true, true],
      reviewer: [true, true],
      collaborator: [true, false],
      liaison: [true, false],
      former_liaison: [true, false],
    });
  });

  it("should scope staff to no municipality and municipal users to theirs", () => {
    expect(WHO.map((who) => municipalityScopeOf(subject(who)))).toEqual([
      null,
      null,
      OWN,
      OWN,
      OWN,
    ]);
    expect(
      municipalityScopeOf({ role: "collaborator", municipality: null, designatedLiaison: false }),
    ).toBe("");
    expect(
      canSeeMunicipality({ role: "liaison", municipality: null, designatedLiaison: true }, ""),
    ).toBe(false);
  });
});

describe("the municipality's work", () => {
  it("should let the municipality (designated or not) edit evidence, answer, and write cards and plans", () => {
    for (const can of [
      canEditEvidence,
      canDraftDocument,
      canAnswerObservation,
      canWritePlans,
      canEditDiagnostic,
      canDraftIndicatorValues,
    ]) {
      expect(table(can)).toEqual(MUNICIPALITY_OWN);
    }
  });

  it("should leave submitting, the diagnostic and deleting drafts to the designated liaison", () => {
    for (const can of [
      canSubmitTool,
      canSubmitDiagnostic,
      canDeleteDraft,
      canAdoptIndicators,
      canSubmitIndicatorReport,
      canRequestExtension,
    ]) {
      expect(table(can)).toEqual(DESIGNATED_LIAISON_OWN);
    }
  });

  it("should let staff, and only staff, decide extensions", () => {
    expect(table((who) => canDecideExtension(who))).toEqual(STAFF_EVERYWHERE);
    expect(table((who) => canExemptTool(who))).toEqual(STAFF_EVERYWHERE);
  });

  it("should let staff, and only staff, write announcements", () => {
    expect(table((who) => canSendAnnouncements(who))).toEqual(STAFF_EVERYWHERE);
  });

  it("should let staff and the designated liaison issue cards and withdraw documents", () => {
    expect(table(canIssueReportCard)).toEqual(STAFF_OR_DESIGNATED_LIAISON);
    expect(table(canWithdrawDocument)).toEqual(STAFF_OR_DESIGNATED_LIAISON);
  });

  it("should let staff and the owner's designated liaison follow a commitment up", () => {
    expect(table(canFollowUpCommitment)).toEqual(STAFF_OR_DESIGNATED_LIAISON);
    expect(WHO.map((who) => canFollowUpCommitment(subject(who), null))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("the institution's work", () => {
  it("should leave reviewing, support actions and regional views to staff", () => {
    for (const can of [canReview, canManageSupportActions, canReadRegional]) {
      expect(table((s) => can(s))).toEqual(STAFF_EVERYWHERE);
    }
  });

  it("should leave administration to admins", () => {
    expect(table((s) => canAdminister(s))).toEqual({
      ...STAFF_EVERYWHERE,
      reviewer: [false, false],
    });
  });
});

describe("accounts that run themselves", () => {
  it("should let only the designated liaison manage its own municipality's collaborators", () => {
    expect(table(canManageCollaborators)).toEqual(DESIGNATED_LIAISON_OWN);
  });

  it("should give reviewers a portfolio and everyone «Mi trabajo»", () => {
    expect(WHO.filter((who) => canKeepPortfolio(subject(who)))).toEqual(["reviewer"]);
    expect(WHO.every((who) => canSeeOwnWork(subject(who)))).toBe(true);
  });
});
