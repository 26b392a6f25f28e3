import { describe, expect, it } from "vitest";
import {
  afterMailFailure,
  MAIL_MAX_ATTEMPTS,
  NOTIFICATION_KIND_DESCRIPTIONS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_KINDS_BY_ROLE,
  wantsEmail,
} from "./notifications.js";
import { ROLES } from "./roles.js";

describe("notification kinds", () => {
  it("have a Spanish label and description each", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(NOTIFICATION_KIND_LABELS[kind].length).toBeGreaterThan(5);
      expect(NOTIFICATION_KIND_DESCRIPTIONS[kind].length).toBeGreaterThan(5);
    }
  });

  it("are each received by some role, and municipal users never get submissions to review", () => {
    const received = new Set(ROLES.flatMap((role) => NOTIFICATION_KINDS_BY_ROLE[role]));
    expect([...received].sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(NOTIFICATION_KINDS_BY_ROLE.liaison).not.toContain("submission_received");
    expect(NOTIFICATION_KINDS_BY_ROLE.collaborator).not.toContain("submission_received");
    expect(NOTIFICATION_KINDS_BY_ROLE.reviewer).toContain("submission_received");
    expect(NOTIFICATION_KINDS_BY_ROLE.reviewer).not.toContain("deadline_approaching");
    for (const role of ROLES) {
      expect(NOTIFICATION_KINDS_BY_ROLE[role]).toContain("overdue_digest");
      expect(NOTIFICATION_KINDS_BY_ROLE[role]).toContain("support_action_invitation");
    }
  });
});

describe("wantsEmail", () => {
  it("is yes when the person never chose, and their choice otherwise", () => {
    expect(wantsEmail(undefined)).toBe(true);
    expect(wantsEmail(null)).toBe(true);
    expect(wantsEmail(true)).toBe(true);
    expect(wantsEmail(false)).toBe(false);
  });
});

describe("afterMailFailure", () => {
  it("retries with growing waits, then gives up after the last attempt", () => {
    const outcomes = Array.from({ length: MAIL_MAX_ATTEMPTS }, (_, attempts) =>
      afterMailFailure(attempts),
    );
    expect(outcomes).toEqual([
      { status: "pending", retryInMs: 60_000 },
      { status: "pending", retryInMs: 300_000 },
      { status: "pending", retryInMs: 1_800_000 },
      { status: "pending", retryInMs: 7_200_000 },
      { status: "failed" },
    ]);
  });

  it("stays failed past the limit", () => {
    expect(afterMailFailure(MAIL_MAX_ATTEMPTS + 3)).toEqual({ status: "failed" });
  });
});
