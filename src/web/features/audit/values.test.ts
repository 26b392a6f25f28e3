import { describe, expect, it } from "vitest";
import { ROLE_LABELS } from "../../../domain/roles.js";
import { MODALITY_LABELS } from "../../../domain/support.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { formatAuditValue } from "./values";

const NAMES: Record<string, string> = { "15106": "Toluca", "15057": "Naucalpan de Juárez" };
const name = (cvegeo: string) => NAMES[cvegeo] ?? cvegeo;
const show = (key: string, value: unknown, entityType = "user") =>
  formatAuditValue(entityType, key, value, name);

describe("formatAuditValue", () => {
  it("shows nothing for an absent value and a dash for an empty one", () => {
    expect(show("email", undefined)).toBe("");
    expect(show("email", null)).toBe("—");
    expect(show("email", "")).toBe("—");
    expect(show("tools", [])).toBe("—");
  });

  it("writes booleans as Sí and No", () => {
    expect(show("active", true)).toBe("Sí");
    expect(show("active", false)).toBe("No");
  });

  it("names roles, states and modalities in Spanish, and keeps a value it does not know", () => {
    expect(show("role", "liaison")).toBe(ROLE_LABELS.liaison);
    expect(show("state", "changes_requested", "tool_instance")).toBe(
      TOOL_STATE_LABELS.changes_requested,
    );
    expect(show("modality", "hybrid", "support_action")).toBe(MODALITY_LABELS.hybrid);
    expect(show("role", "superadmin")).toBe("superadmin");
  });

  it("writes calendar dates as dd/mm/aaaa and moments in Mexico City time", () => {
    expect(show("signedOn", "2022-11-16", "agreement")).toBe("16/11/2022");
    expect(show("lockedUntil", "2026-12-03T18:45:00Z")).toBe("03/12/2026 12:45");
    // A date field that holds a moment still reads as one; an unreadable one stays as written.
    expect(show("on", "2026-12-03T18:45:00Z", "commitment")).toBe("03/12/2026 12:45");
    expect(show("lockedUntil", "pronto")).toBe("pronto");
  });

  it("writes sizes in kB or MB and other numbers grouped", () => {
    expect(show("size", 2.5 * 1024 * 1024, "evidence")).toBe("2.5 MB");
    expect(show("failures", 12000)).toBe("12,000");
  });

  it("names a municipality with its key, or shows the key when the list has no name", () => {
    expect(show("municipality", "15106")).toBe("Toluca (15106)");
    expect(show("municipality", "15999")).toBe("15999");
  });

  it("lists invited municipalities on one line", () => {
    expect(show("invited", ["15106", "15057"], "support_action")).toBe(
      "Toluca (15106), Naucalpan de Juárez (15057)",
    );
  });

  it("names the changed fields by their labels", () => {
    expect(show("changed", ["title", "startsAt", "somethingNew"], "support_action")).toBe(
      "Título, Fecha y hora, Something new",
    );
  });

  it("writes one line per review criterion with its result in words", () => {
    expect(
      show(
        "criteria",
        [{ code: "documentado", result: 1 }, { code: "diagramado", result: 0.5 }, { result: 0 }],
        "tool_instance",
      ),
    ).toBe("documentado: Cumple (1)\ndiagramado: Cumple parcialmente (0.5)\nNo cumple (0)");
  });

  it("reads the tools' baseline of a support action as municipality, tool and state", () => {
    expect(
      show(
        "baseline",
        ["15106/E2: pending", "15057/M3: validated", "sin formato"],
        "support_action",
      ),
    ).toBe(
      `Toluca · E2: ${TOOL_STATE_LABELS.pending}\nNaucalpan de Juárez · M3: ${TOOL_STATE_LABELS.validated}\nsin formato`,
    );
  });

  it("writes a nested object one «Campo: valor» per line with the same rules", () => {
    expect(show("before", { role: "reviewer", active: false, municipality: null })).toBe(
      `Rol: ${ROLE_LABELS.reviewer}\nActiva: No\nMunicipio: —`,
    );
  });

  it("makes words of a key the catalogue does not know", () => {
    expect(show("extra", { someValue_here: "x" })).toBe("Some value here: x");
  });
});
