import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_LABELS,
  AUDIT_ENTITY_TYPES,
  AUDIT_EVENTS,
  AUDIT_FIELDS,
  auditActionLabel,
  auditActionsNamed,
  auditEntityLabel,
  auditField,
  knownAuditField,
} from "./audit-events.js";
import { ACTION_FIELDS } from "./support-actions.js";

const RAW_KEY = /[a-z]+[._][a-z_]+/;

describe("the audit event catalogue", () => {
  it("lists every action once, each with a non-empty Spanish label that no other action shares", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    const labels = AUDIT_ACTIONS.map((action) => AUDIT_ACTION_LABELS[action]);
    for (const label of labels) {
      expect(label.trim()).not.toBe("");
      expect(label).not.toMatch(RAW_KEY);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("has an entry for exactly the listed actions", () => {
    expect(Object.keys(AUDIT_EVENTS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("files every action under a known entity type, each with a distinct Spanish label", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ENTITY_TYPES).toContain(AUDIT_EVENTS[action].entity);
    }
    const labels = AUDIT_ENTITY_TYPES.map((type) => AUDIT_ENTITY_LABELS[type]);
    expect(labels.every((label) => label.trim() !== "" && !RAW_KEY.test(label))).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("names stored keys in Spanish and still reads an unknown key", () => {
    expect(auditActionLabel("support_action.rescheduled")).toBe(
      "Acción de acompañamiento reprogramada",
    );
    expect(auditEntityLabel("tool_instance")).toBe("Herramienta de un municipio");
    expect(auditActionLabel("legacy.thing")).toBe("Otro evento («legacy.thing»)");
    expect(auditEntityLabel("legacy")).toBe("Otro registro («legacy»)");
  });

  it("finds the actions whose name contains a searched word, ignoring accents and case", () => {
    expect(auditActionsNamed("CONVENIO")).toEqual([
      "agreement.registered",
      "agreement.corrected",
      "agreement.document_attached",
      "agreement.changed",
      "agreement.change_document_attached",
      "document.downloaded",
    ]);
    expect(auditActionsNamed("sesion")).toEqual([
      "auth.login",
      "auth.logout",
      "auth.login_failed",
      "auth.locked",
      "auth.login_refused",
    ]);
    expect(auditActionsNamed("  ")).toEqual([]);
  });
});

describe("the fields of an event's snapshot", () => {
  it("names every catalogued field in Spanish", () => {
    for (const [key, field] of Object.entries(AUDIT_FIELDS)) {
      expect(field.label.trim(), key).not.toBe("");
      expect(field.label, key).not.toBe(key);
      if (field.kind === "labelled") {
        expect(Object.keys(field.values ?? {}).length, key).toBeGreaterThan(0);
      }
    }
  });

  it("reads a field by what the event is about when the same key means different things", () => {
    expect(auditField("support_action", "status")).toMatchObject({
      label: "Estado",
      values: { planned: "Programada" },
    });
    expect(auditField("commitment", "status").values).toMatchObject({ closed: "Cumplido" });
    expect(auditField("login", "minutes").label).toBe("Minutos de bloqueo");
    expect(auditField("support_action", "minutes").label).toBe("Minuta");
    expect(auditField("tool_instance", "state").values).toMatchObject({
      changes_requested: "Con observaciones",
    });
    expect(auditField("user", "role").values).toMatchObject({ liaison: "Enlace municipal" });
    expect(auditField("user", "observations_received")).toEqual({
      label: "Aviso por correo: Observaciones recibidas",
      kind: "boolean",
    });
  });

  it("reads the fields of read notifications and of downloaded reports in Spanish", () => {
    expect(auditField("notification", "kind").values).toMatchObject({
      observations_received: "Observaciones recibidas",
    });
    expect(auditField("notification", "count").label).toBe("Avisos marcados");
    expect(auditField("notification", "all")).toMatchObject({ kind: "boolean" });
    expect(auditField("report", "format").values).toEqual({ pdf: "PDF", xlsx: "XLSX", csv: "CSV" });
    expect(auditField("report", "municipalities").label).toBe("Municipios incluidos");
    expect(auditField("report", "state").values).toMatchObject({ validated: "Validada" });
    expect(auditActionLabel("report_card.downloaded")).toBe("Cédula de avance descargada en PDF");
    expect(auditEntityLabel("notification")).toBe("Aviso");
  });

  it("names every editable field of a support action (its updates list the ones changed)", () => {
    for (const key of ACTION_FIELDS) {
      expect(knownAuditField("support_action", key), key).not.toBeNull();
    }
    expect(auditField("support_action", "facilitators").label).toBe("Facilitadores");
  });

  it("turns an unknown key into readable words", () => {
    expect(auditField("user", "closingNoteText")).toEqual({
      label: "Closing note text",
      kind: "text",
    });
    expect(auditField("nothing", "due_on_date").label).toBe("Due on date");
  });
});
