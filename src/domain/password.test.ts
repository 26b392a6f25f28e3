import { describe, expect, it } from "vitest";
import {
  BREACHED_PASSWORD_MESSAGE,
  breachKey,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from "./password.js";

describe("passwordProblem", () => {
  it("accepts a long, varied password", () => {
    expect(passwordProblem("tres-tigres-tristes-2026")).toBeNull();
  });

  it("refuses short passwords, naming the minimum", () => {
    expect(passwordProblem("corta")).toBe(
      `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`,
    );
  });

  it("refuses a password made of one or two repeated characters", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/repite/);
    expect(passwordProblem("abababababababab")).toMatch(/repite/);
  });

  it("refuses a password containing the account's e-mail name, when that name is long enough to matter", () => {
    expect(passwordProblem("maria.lopez-2026!", { email: "maria.lopez@toluca.gob.mx" })).toMatch(
      /correo/,
    );
    expect(passwordProblem("una-clave-para-ana", { email: "ana@toluca.gob.mx" })).toBeNull();
  });

  it("refuses absurdly long input", () => {
    expect(passwordProblem("x1y2z3".repeat(50))).toMatch(/más de 256/);
  });
});

describe("breached passwords", () => {
  const breached = new Set(["contraseña123", "qwerty123456", "correcthorsebatterystaple"]);

  it("refuses a password found in the breached list, with a Spanish message", () => {
    expect(passwordProblem("qwerty123456", { breached })).toBe(BREACHED_PASSWORD_MESSAGE);
    expect(BREACHED_PASSWORD_MESSAGE).toBe(
      "Esta contraseña aparece en listas de contraseñas filtradas; elija otra.",
    );
  });

  it("matches regardless of case and surrounding spaces", () => {
    expect(passwordProblem("QWERTY123456", { breached })).toBe(BREACHED_PASSWORD_MESSAGE);
    expect(passwordProblem("  CorrectHorseBatteryStaple ", { breached })).toBe(
      BREACHED_PASSWORD_MESSAGE,
    );
    expect(passwordProblem("Contraseña123", { breached })).toBe(BREACHED_PASSWORD_MESSAGE);
  });

  it("accepts a password absent from the list, and ignores the list when none is given", () => {
    expect(passwordProblem("qwerty123456-tigres", { breached })).toBeNull();
    expect(passwordProblem("qwerty123456")).toBeNull();
  });

  it("reports the length rule before the breached list", () => {
    expect(passwordProblem("qwerty", { breached: new Set(["qwerty"]) })).toMatch(/al menos 12/);
  });

  it("breachKey trims and lowercases", () => {
    expect(breachKey("  AbC  ")).toBe("abc");
    expect(breachKey("ÁRBOL")).toBe("árbol");
  });
});
