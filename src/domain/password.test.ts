import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "./password.js";

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
