import { describe, expect, it } from "vitest";
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  type AnnouncementDraft,
  announcementProblems,
  audienceSummary,
} from "./announcements.js";

const draft = (change: Partial<AnnouncementDraft> = {}): AnnouncementDraft => ({
  title: "Capacitación de enero",
  body: "Les esperamos el 20/01/2027.",
  audience: "all",
  cohort: null,
  municipalities: [],
  ...change,
});

describe("an announcement's draft", () => {
  it("is sent to everyone with a title and a text", () => {
    expect(announcementProblems(draft())).toEqual({});
  });

  it("asks for a title and a text, each within its length", () => {
    expect(announcementProblems(draft({ title: "  ", body: "" }))).toEqual({
      title: "Escriba el título del aviso.",
      body: "Escriba el texto del aviso.",
    });
    expect(
      announcementProblems(
        draft({
          title: "x".repeat(ANNOUNCEMENT_TITLE_MAX + 1),
          body: "x".repeat(ANNOUNCEMENT_BODY_MAX + 1),
        }),
      ),
    ).toEqual({
      title: `El título admite hasta ${ANNOUNCEMENT_TITLE_MAX} caracteres.`,
      body: `El texto admite hasta ${ANNOUNCEMENT_BODY_MAX} caracteres.`,
    });
  });

  it("needs the cohort or the municipalities its audience names", () => {
    expect(announcementProblems(draft({ audience: "cohort" }))).toEqual({
      cohort: "Elija la cohorte.",
    });
    expect(announcementProblems(draft({ audience: "cohort", cohort: "Cohorte 2023" }))).toEqual({});
    expect(announcementProblems(draft({ audience: "municipalities" }))).toEqual({
      municipalities: "Elija al menos un municipio.",
    });
    expect(
      announcementProblems(draft({ audience: "municipalities", municipalities: ["15106"] })),
    ).toEqual({});
    // A cohort named while writing to everyone does not matter.
    expect(announcementProblems(draft({ cohort: "" }))).toEqual({});
  });

  it("says to whom it went", () => {
    expect(audienceSummary("all", null, 0)).toBe("Todos los enlaces");
    expect(audienceSummary("cohort", "Cohorte 2023", 0)).toBe(
      "Enlaces de la cohorte «Cohorte 2023»",
    );
    expect(audienceSummary("municipalities", null, 1)).toBe("Enlace de 1 municipio");
    expect(audienceSummary("municipalities", null, 3)).toBe("Enlaces de 3 municipios");
  });
});
