import { describe, expect, it } from "vitest";
import { sortWorkItems, surveyWorkDetail, toolWorkKind, type WorkItem } from "./my-work.js";

const item = (title: string, date: string | null, overdue = false): WorkItem => ({
  kind: "tool_due",
  title,
  detail: "",
  date,
  overdue,
  link: "/",
});

describe("«Mi trabajo»", () => {
  it("lists overdue items first, then the nearest date, undated last", () => {
    const sorted = sortWorkItems([
      item("sin fecha", null),
      item("lejana", "2026-09-01"),
      item("vencida", "2026-01-10", true),
      item("próxima", "2026-03-01"),
    ]);
    expect(sorted.map((entry) => entry.title)).toEqual([
      "vencida",
      "próxima",
      "lejana",
      "sin fecha",
    ]);
  });

  it("asks a municipality to send open tools, answer returned ones, and nothing else", () => {
    const today = "2026-03-10";
    const tool = (state: string, opensOn = "2026-01-01", overdue = false) =>
      toolWorkKind({ state, opensOn, overdue }, today);
    expect(tool("pending")).toBe("tool_due");
    expect(tool("in_progress", "2025-01-01", true)).toBe("tool_overdue");
    expect(tool("changes_requested")).toBe("observations");
    expect(tool("submitted")).toBeNull();
    expect(tool("validated")).toBeNull();
    // A yearly cycle not open yet is not work today.
    expect(tool("pending", "2026-11-16")).toBeNull();
  });

  it("asks an open M1 cycle to open its survey, then to close it, then nothing", () => {
    expect(surveyWorkDetail(null)).toMatch(/^Abra la encuesta/);
    expect(surveyWorkDetail("open")).toMatch(/^Encuesta abierta: ciérrela/);
    expect(surveyWorkDetail("closed")).toBeNull();
  });
});
