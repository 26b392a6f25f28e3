import { describe, expect, it } from "vitest";
import { COMMITMENT_STATUSES } from "./support.js";
import {
  addDays,
  commitmentChangeProblem,
  commitmentChanges,
  commitmentDueProblem,
  editableFields,
  editProblem,
  heldOnlyProblem,
  isCommitmentOverdue,
  isHttpUrl,
  isLocalTime,
  isUpcoming,
  pastPlannedDateWarning,
  statusChangeProblem,
  suggestedTitle,
  typedTitle,
  venueProblems,
  zonedDateTime,
  zonedInstant,
} from "./support-actions.js";

describe("zonedInstant and zonedDateTime", () => {
  it("reads a Mexico City wall time as UTC-6 (no daylight saving since 2022)", () => {
    expect(zonedInstant("2025-03-10", "10:30").toISOString()).toBe("2025-03-10T16:30:00.000Z");
    expect(zonedInstant("2025-07-10", "10:30").toISOString()).toBe("2025-07-10T16:30:00.000Z");
  });

  it("keeps the local date at the day's edges", () => {
    expect(zonedInstant("2025-12-31", "23:59").toISOString()).toBe("2026-01-01T05:59:00.000Z");
    expect(zonedInstant("2025-01-01", "00:00").toISOString()).toBe("2025-01-01T06:00:00.000Z");
  });

  it("honours daylight saving where the zone had it (Mexico City in 2021, Madrid)", () => {
    expect(zonedInstant("2021-06-01", "09:00").toISOString()).toBe("2021-06-01T14:00:00.000Z");
    expect(zonedInstant("2025-07-01", "09:00", "Europe/Madrid").toISOString()).toBe(
      "2025-07-01T07:00:00.000Z",
    );
  });

  it("round-trips through zonedDateTime", () => {
    for (const [date, time] of [
      ["2024-02-29", "07:05"],
      ["2025-11-16", "18:00"],
      ["2023-02-27", "00:00"],
    ] as const) {
      expect(zonedDateTime(zonedInstant(date, time))).toEqual({ date, time });
    }
  });

  it("refuses malformed dates and times", () => {
    expect(() => zonedInstant("2025-02-30", "10:00")).toThrow(RangeError);
    expect(() => zonedInstant("2025-02-10", "24:00")).toThrow(RangeError);
    expect(isLocalTime("9:00")).toBe(false);
    expect(isLocalTime("09:00")).toBe(true);
    expect(isLocalTime("23:59")).toBe(true);
    expect(isLocalTime("12:60")).toBe(false);
  });
});

describe("addDays", () => {
  it("crosses months, years and leap days", () => {
    expect(addDays("2025-01-31", 1)).toBe("2025-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-01", 90)).toBe("2026-03-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2025-03-01", 0)).toBe("2025-03-01");
  });
});

describe("venueProblems", () => {
  it("needs a place for in-person actions and refuses a link there", () => {
    expect(venueProblems({ modality: "in_person", place: "Sala 2", link: null })).toEqual([]);
    expect(venueProblems({ modality: "in_person", place: "  ", link: null })).toEqual([
      { field: "place", message: expect.stringContaining("lugar") },
    ]);
    expect(
      venueProblems({ modality: "in_person", place: "Sala", link: "https://x.mx" }).map(
        (p) => p.field,
      ),
    ).toEqual(["link"]);
  });

  it("needs an http(s) link for virtual actions and refuses a place there", () => {
    expect(
      venueProblems({ modality: "virtual", place: null, link: "https://meet.example.org/abc" }),
    ).toEqual([]);
    expect(
      venueProblems({ modality: "virtual", place: null, link: "" }).map((p) => p.message),
    ).toEqual([expect.stringContaining("enlace")]);
    expect(
      venueProblems({ modality: "virtual", place: null, link: "javascript:alert(1)" }).map(
        (p) => p.message,
      ),
    ).toEqual([expect.stringContaining("http")]);
    expect(
      venueProblems({ modality: "virtual", place: "Sala", link: "http://x.mx" }).map(
        (p) => p.field,
      ),
    ).toEqual(["place"]);
  });

  it("needs both for hybrid actions", () => {
    expect(venueProblems({ modality: "hybrid", place: "Sala", link: "https://x.mx/s" })).toEqual(
      [],
    );
    expect(
      venueProblems({ modality: "hybrid", place: null, link: null }).map((p) => p.field),
    ).toEqual(["place", "link"]);
  });

  it.each([
    ["https://zoom.us/j/123", true],
    ["http://10.0.0.1:8080/sala", true],
    ["ftp://x.mx", false],
    ["zoom.us/j/123", false],
    ["mailto:a@b.mx", false],
  ])("accepts only absolute http and https URLs: %s is %s", (url, accepted) => {
    expect(isHttpUrl(url)).toBe(accepted);
  });
});

describe("editProblem", () => {
  it("lets a planned action change anything", () => {
    expect(editProblem("planned", editableFields("planned"))).toBeNull();
  });

  it("lets a held action correct only wording, duration and facilitators", () => {
    expect(editProblem("held", ["title", "description", "durationMinutes"])).toBeNull();
    expect(editProblem("held", ["facilitators"])).toBeNull();
    for (const field of ["startsAt", "tools", "invited", "modality", "type"] as const) {
      expect(editProblem("held", [field])).toMatch(/ya se realizó/);
    }
  });

  it("refuses every edit of a cancelled action, but an empty one", () => {
    expect(editProblem("cancelled", ["title"])).toMatch(/reprográmela/);
    expect(editProblem("cancelled", [])).toBeNull();
  });
});

describe("statusChangeProblem", () => {
  const now = new Date("2025-05-20T18:00:00Z"); // 20/05/2025 12:00 in Mexico City
  const planned = (startsAt: string) => ({
    status: "planned" as const,
    startsAt: new Date(startsAt),
  });

  it("marks held on a day from the planned date up to today", () => {
    const action = planned("2025-05-12T16:00:00Z");
    expect(statusChangeProblem(action, { to: "held", heldOn: "2025-05-12" }, now)).toBeNull();
    expect(statusChangeProblem(action, { to: "held", heldOn: "2025-05-20" }, now)).toBeNull();
    expect(statusChangeProblem(action, { to: "held", heldOn: "2025-05-21" }, now)).toMatch(
      /futura/,
    );
    expect(statusChangeProblem(action, { to: "held", heldOn: "2025-05-11" }, now)).toMatch(
      /anterior a la fecha programada/,
    );
  });

  it("compares the planned date in Mexico City, not in UTC", () => {
    // 12/05/2025 at 20:00 in Mexico City is already the 13th in UTC.
    const action = planned("2025-05-13T02:00:00Z");
    expect(statusChangeProblem(action, { to: "held", heldOn: "2025-05-12" }, now)).toBeNull();
  });

  it("refuses to mark held an action planned for later", () => {
    expect(
      statusChangeProblem(
        planned("2025-06-01T16:00:00Z"),
        { to: "held", heldOn: "2025-05-20" },
        now,
      ),
    ).toMatch(/anterior a la fecha programada/);
  });

  it("cancels a planned action with a reason", () => {
    const action = planned("2025-06-01T16:00:00Z");
    expect(statusChangeProblem(action, { to: "cancelled", reason: "Veda electoral" }, now)).toBe(
      null,
    );
    expect(statusChangeProblem(action, { to: "cancelled", reason: "  " }, now)).toMatch(/motivo/);
    // The contract's minimum too: the form refuses what the request schema would.
    expect(statusChangeProblem(action, { to: "cancelled", reason: " no " }, now)).toBe(
      "Indique el motivo de la cancelación.",
    );
    expect(statusChangeProblem(action, { to: "cancelled", reason: "sí." }, now)).toBeNull();
  });

  it("reschedules a cancelled action only to a future start", () => {
    const cancelled = { status: "cancelled" as const, startsAt: new Date("2025-05-01T16:00:00Z") };
    expect(
      statusChangeProblem(
        cancelled,
        { to: "planned", startsAt: new Date("2025-06-02T16:00:00Z") },
        now,
      ),
    ).toBeNull();
    expect(
      statusChangeProblem(
        cancelled,
        { to: "planned", startsAt: new Date("2025-05-20T17:00:00Z") },
        now,
      ),
    ).toMatch(/futuras/);
    expect(statusChangeProblem(cancelled, { to: "held", heldOn: "2025-05-10" }, now)).toMatch(
      /reprográmela/,
    );
    expect(statusChangeProblem(cancelled, { to: "cancelled", reason: "otra vez" }, now)).toMatch(
      /ya está cancelada/,
    );
  });

  it("keeps a held action held", () => {
    const held = { status: "held" as const, startsAt: new Date("2025-05-01T16:00:00Z") };
    expect(statusChangeProblem(held, { to: "cancelled", reason: "error" }, now)).toMatch(
      /ya se realizó/,
    );
    expect(
      statusChangeProblem(held, { to: "planned", startsAt: new Date("2025-07-01T16:00:00Z") }, now),
    ).toMatch(/ya se realizó/);
    expect(statusChangeProblem(held, { to: "held", heldOn: "2025-05-02" }, now)).toMatch(
      /ya se realizó/,
    );
  });

  it("does not reschedule a planned action through the status", () => {
    expect(
      statusChangeProblem(
        planned("2025-06-01T16:00:00Z"),
        { to: "planned", startsAt: new Date("2025-07-01T16:00:00Z") },
        now,
      ),
    ).toMatch(/ya está programada/);
  });
});

describe("commitmentChangeProblem", () => {
  it("lets staff close, cancel and reopen with a note", () => {
    expect(commitmentChangeProblem("open", "closed", "staff", "Se entregó")).toBeNull();
    expect(commitmentChangeProblem("open", "cancelled", "staff", "Ya no aplica")).toBeNull();
    expect(commitmentChangeProblem("closed", "open", "staff", "Faltó un anexo")).toBeNull();
    expect(commitmentChangeProblem("cancelled", "open", "staff", "Sí aplica")).toBeNull();
    expect(commitmentChangeProblem("closed", "cancelled", "staff", "x")).toBeNull();
  });

  it("lets the owning liaison only close an open commitment", () => {
    expect(commitmentChangeProblem("open", "closed", "owner_liaison", "Listo")).toBeNull();
    expect(commitmentChangeProblem("open", "cancelled", "owner_liaison", "No")).toMatch(
      /solo puede dar por cumplido/,
    );
    expect(commitmentChangeProblem("closed", "open", "owner_liaison", "Reabrir")).toMatch(
      /solo puede dar por cumplido/,
    );
  });

  it("requires a note that says what happened", () => {
    expect(commitmentChangeProblem("open", "closed", "staff", " ")).toMatch(/cómo se cumplió/);
    expect(commitmentChangeProblem("open", "cancelled", "staff", "")).toMatch(/por qué se cancela/);
    expect(commitmentChangeProblem("closed", "open", "staff", "")).toMatch(/por qué se reabre/);
  });

  it("refuses a change to the same status", () => {
    expect(commitmentChangeProblem("open", "open", "staff", "x")).toMatch(/ya está abierto/);
    expect(commitmentChangeProblem("closed", "closed", "staff", "x")).toMatch(/ya está cumplido/);
  });
});

describe("commitmentChanges", () => {
  it("offers staff every other status, in the order of the statuses", () => {
    expect(commitmentChanges("open", "staff")).toEqual(["closed", "cancelled"]);
    expect(commitmentChanges("closed", "staff")).toEqual(["open", "cancelled"]);
    expect(commitmentChanges("cancelled", "staff")).toEqual(["open", "closed"]);
  });

  it("offers the owning liaison only to close an open commitment", () => {
    expect(commitmentChanges("open", "owner_liaison")).toEqual(["closed"]);
    expect(commitmentChanges("closed", "owner_liaison")).toEqual([]);
    expect(commitmentChanges("cancelled", "owner_liaison")).toEqual([]);
  });

  it("offers exactly the changes commitmentChangeProblem accepts with a note", () => {
    for (const actor of ["staff", "owner_liaison"] as const) {
      for (const from of COMMITMENT_STATUSES) {
        const accepted = COMMITMENT_STATUSES.filter(
          (to) => commitmentChangeProblem(from, to, actor, "Nota") === null,
        );
        expect(commitmentChanges(from, actor)).toEqual(accepted);
      }
    }
  });
});

describe("commitment dates", () => {
  it("are due no earlier than the action", () => {
    expect(commitmentDueProblem("2025-05-10", "2025-05-10")).toBeNull();
    expect(commitmentDueProblem("2025-05-09", "2025-05-10")).toMatch(/anterior/);
    expect(commitmentDueProblem("2025-05-09", null)).toBeNull();
  });

  it("are overdue only while open after the due date", () => {
    expect(isCommitmentOverdue({ status: "open", dueOn: "2025-05-09" }, "2025-05-10")).toBe(true);
    expect(isCommitmentOverdue({ status: "open", dueOn: "2025-05-10" }, "2025-05-10")).toBe(false);
    expect(isCommitmentOverdue({ status: "closed", dueOn: "2025-05-01" }, "2025-05-10")).toBe(
      false,
    );
    expect(isCommitmentOverdue({ status: "cancelled", dueOn: "2025-05-01" }, "2025-05-10")).toBe(
      false,
    );
  });
});

describe("isUpcoming and suggestedTitle", () => {
  const now = new Date("2025-05-20T18:00:00Z");
  it("calls upcoming only planned actions not yet started", () => {
    expect(isUpcoming({ status: "planned", startsAt: new Date("2025-05-21T16:00:00Z") }, now)).toBe(
      true,
    );
    expect(isUpcoming({ status: "planned", startsAt: new Date("2025-05-19T16:00:00Z") }, now)).toBe(
      false,
    );
    expect(
      isUpcoming({ status: "cancelled", startsAt: new Date("2025-05-21T16:00:00Z") }, now),
    ).toBe(false);
  });

  it("names the suggested action after its tools and municipality", () => {
    expect(suggestedTitle("training", ["E2", "R2"])).toBe("Capacitación: E2, R2");
    expect(suggestedTitle("working_meeting", ["C1"], "Toluca")).toBe(
      "Reunión de trabajo con Toluca: C1",
    );
    expect(suggestedTitle("advisory", ["M4"])).toBe("Asesoría: M4");
  });
});

describe("heldOnlyProblem", () => {
  it("allows attendance, minutes and commitments only once the action was held", () => {
    expect(heldOnlyProblem("held", "El acta")).toBeNull();
    expect(heldOnlyProblem("planned", "El acta")).toBe(
      "El acta se registra cuando la acción se realizó; márquela primero como realizada.",
    );
    expect(heldOnlyProblem("cancelled", "Los acuerdos")).toBe(
      "Los acuerdos se registran cuando la acción se realizó; esta acción está cancelada.",
    );
  });
});

describe("typedTitle", () => {
  it("prefixes the type to a title that does not name it", () => {
    expect(typedTitle("training", "Datos abiertos")).toBe("Capacitación: Datos abiertos");
    expect(typedTitle("working_meeting", "Seguimiento de Metepec")).toBe(
      "Reunión de trabajo: Seguimiento de Metepec",
    );
  });

  it("does not repeat a type the title already starts with, whatever its case or accents", () => {
    expect(typedTitle("training", "Capacitación: Datos abiertos")).toBe(
      "Capacitación: Datos abiertos",
    );
    expect(typedTitle("training", "capacitacion sobre E2")).toBe("capacitacion sobre E2");
    expect(typedTitle("working_meeting", suggestedTitle("working_meeting", ["E2"], "Toluca"))).toBe(
      "Reunión de trabajo con Toluca: E2",
    );
    expect(typedTitle("advisory", "Asesoría")).toBe("Asesoría");
  });

  it("prefixes a title that merely begins with the same letters", () => {
    expect(typedTitle("training", "Capacitaciones 2025")).toBe("Capacitación: Capacitaciones 2025");
  });
});

describe("pastPlannedDateWarning", () => {
  it("warns only for a day before today", () => {
    expect(pastPlannedDateWarning("2026-12-02", "2026-12-03")).toMatch(/^Esa fecha ya pasó/);
    expect(pastPlannedDateWarning("2026-12-03", "2026-12-03")).toBe(null);
    expect(pastPlannedDateWarning("2027-01-10", "2026-12-03")).toBe(null);
  });
});
