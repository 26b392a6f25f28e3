import { afterEach, describe, expect, it, vi } from "vitest";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from "../../../domain/support-actions.js";
import {
  DOMAIN_FIELD,
  FIELDS,
  type FormState,
  initialState,
  prefillPath,
  validate,
} from "./actionForm";

afterEach(() => {
  vi.useRealTimers();
});

/** A form as a person fills it correctly: an in-person training for Toluca. */
function filled(changes: Partial<FormState> = {}): FormState {
  return {
    type: "training",
    title: "Capacitación en la herramienta E2",
    description: "",
    date: "2026-12-10",
    time: "10:00",
    durationMinutes: "120",
    modality: "in_person",
    place: "Sala de juntas del órgano garante",
    link: "",
    facilitatorIds: ["a1b2"],
    tools: ["E2"],
    invited: ["15106"],
    ...changes,
  };
}

/** The fields with a problem, in the form's order. */
const flagged = (form: FormState) => FIELDS.filter((field) => validate(form)[field] !== undefined);

describe("validate", () => {
  it("finds nothing wrong in a complete in-person action", () => {
    expect(flagged(filled())).toEqual([]);
  });

  it("asks for a title of at least three characters, not counting spaces around it", () => {
    expect(validate(filled({ title: "  ab  " })).title).toBe(
      "Escriba un título (al menos 3 caracteres).",
    );
    expect(validate(filled({ title: " abc " })).title).toBeUndefined();
  });

  it("asks for a date and a time written HH:MM", () => {
    expect(validate(filled({ date: "" })).date).toBe("Indique la fecha.");
    for (const time of ["", "9:00", "24:00", "10:60", "10h"]) {
      expect(validate(filled({ time })).time, time).toBe("Indique la hora (HH:MM).");
    }
    expect(validate(filled({ time: "23:59" })).time).toBeUndefined();
  });

  it("keeps the duration between the domain's limits, in whole minutes", () => {
    const message = `La duración va de ${MIN_DURATION_MINUTES} a ${MAX_DURATION_MINUTES} minutos.`;
    for (const duration of [MIN_DURATION_MINUTES - 1, MAX_DURATION_MINUTES + 1]) {
      expect(validate(filled({ durationMinutes: String(duration) })).durationMinutes).toBe(message);
    }
    expect(validate(filled({ durationMinutes: "90.5" })).durationMinutes).toBe(message);
    expect(validate(filled({ durationMinutes: "dos horas" })).durationMinutes).toBe(message);
    for (const duration of [MIN_DURATION_MINUTES, MAX_DURATION_MINUTES]) {
      expect(
        validate(filled({ durationMinutes: String(duration) })).durationMinutes,
      ).toBeUndefined();
    }
  });

  it("asks for a facilitator, a tool and an invited municipality", () => {
    expect(flagged(filled({ facilitatorIds: [], tools: [], invited: [] }))).toEqual([
      "facilitatorIds",
      "tools",
      "invited",
    ]);
  });

  it("asks a virtual action for an http(s) link and no place", () => {
    const virtual = filled({ modality: "virtual", place: "Sala 1", link: "meet.example/abc" });
    expect(validate(virtual).place).toBe("Una acción virtual no lleva lugar.");
    expect(validate(virtual).link).toBe(
      "El enlace debe ser una dirección http:// o https:// completa.",
    );
    expect(
      flagged(filled({ modality: "virtual", place: "", link: "https://meet.example/abc" })),
    ).toEqual([]);
  });

  it("asks a hybrid action for both a place and a link", () => {
    expect(flagged(filled({ modality: "hybrid", place: " ", link: "" }))).toEqual([
      "place",
      "link",
    ]);
  });

  it("refuses a link on an in-person action rather than keeping it silently", () => {
    expect(validate(filled({ link: "https://meet.example/abc" })).link).toBe(
      "Una acción presencial no lleva enlace.",
    );
  });
});

describe("DOMAIN_FIELD", () => {
  it("maps date and time to the action's start, and every field to a domain field", () => {
    expect(DOMAIN_FIELD.date).toBe("startsAt");
    expect(DOMAIN_FIELD.time).toBe("startsAt");
    expect(Object.keys(DOMAIN_FIELD).sort()).toEqual([...FIELDS].sort());
  });
});

describe("initialState", () => {
  it("starts a new action today in Mexico City at 10:00 for two hours, led by whoever plans it", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-04T03:00:00Z")); // 21:00 of 3 December in Mexico City
    const form = initialState(undefined, new URLSearchParams(), "persona-1");
    expect(form).toMatchObject({
      type: "training",
      title: "",
      date: "2026-12-03",
      time: "10:00",
      durationMinutes: "120",
      modality: "in_person",
      facilitatorIds: ["persona-1"],
      tools: [],
      invited: [],
    });
  });

  it("takes a suggestion from the address: type, title, tools and municipalities", () => {
    const search = new URLSearchParams({
      tipo: "working_meeting",
      titulo: "Mesa de trabajo E2",
      herramientas: "E2, M3,,",
      municipios: "15106,15057",
    });
    expect(initialState(undefined, search, undefined)).toMatchObject({
      type: "working_meeting",
      title: "Mesa de trabajo E2",
      tools: ["E2", "M3"],
      invited: ["15106", "15057"],
      facilitatorIds: [],
    });
  });

  it("ignores an unknown type in the address", () => {
    const search = new URLSearchParams({ tipo: "fiesta" });
    expect(initialState(undefined, search, undefined).type).toBe("training");
  });

  it("copies an existing action, with empty text for a missing place or link", () => {
    const action = {
      type: "working_meeting",
      title: "Reunión de seguimiento",
      description: "Revisión de avances",
      date: "2026-12-15",
      time: "16:30",
      durationMinutes: 45,
      modality: "virtual",
      place: null,
      link: "https://meet.example/abc",
      facilitators: [{ id: "p1", name: "Ana", email: "ana@example.org" }],
      tools: ["R1"],
      invited: [{ cvegeo: "15106", name: "Toluca", cohort: "Cohorte 2022" }],
    } as unknown as SupportActionDetail;
    expect(initialState(action, new URLSearchParams({ tipo: "training" }), "otra")).toEqual({
      type: "working_meeting",
      title: "Reunión de seguimiento",
      description: "Revisión de avances",
      date: "2026-12-15",
      time: "16:30",
      durationMinutes: "45",
      modality: "virtual",
      place: "",
      link: "https://meet.example/abc",
      facilitatorIds: ["p1"],
      tools: ["R1"],
      invited: ["15106"],
    });
  });
});

describe("prefillPath", () => {
  it("opens the new-action form with the suggestion, which initialState reads back", () => {
    const path = prefillPath("working_meeting", ["E2", "M3"], ["15106"], "Toluca");
    const [pathname, query = ""] = path.split("?");
    expect(pathname).toBe("/acompanamiento/nueva");
    expect(initialState(undefined, new URLSearchParams(query), undefined)).toMatchObject({
      type: "working_meeting",
      title: "Reunión de trabajo con Toluca: E2, M3",
      tools: ["E2", "M3"],
      invited: ["15106"],
    });
  });
});
