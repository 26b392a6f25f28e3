/**
 * The one zod instance of the app, configured to speak Spanish. Every contract imports `z` from
 * here so that server and web report the same messages.
 */
import { z } from "zod";

z.config(z.locales.es());
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        return issue.input === undefined
          ? "Este campo es obligatorio."
          : "El valor no tiene el tipo esperado.";
      case "too_small":
        if (issue.origin === "string") {
          return issue.minimum === 1
            ? "Este campo no puede estar vacío."
            : `Debe tener al menos ${issue.minimum} caracteres.`;
        }
        if (issue.origin === "array") {
          return `Debe tener al menos ${issue.minimum} elementos.`;
        }
        return `Debe ser mayor o igual que ${issue.minimum}.`;
      case "too_big":
        if (issue.origin === "string") {
          return `No puede tener más de ${issue.maximum} caracteres.`;
        }
        if (issue.origin === "array") {
          return `No puede tener más de ${issue.maximum} elementos.`;
        }
        return `Debe ser menor o igual que ${issue.maximum}.`;
      case "invalid_format":
        return issue.format === "email"
          ? "No es un correo electrónico válido."
          : "El formato no es válido.";
      case "invalid_value":
        return `Valor no permitido; se espera uno de: ${issue.values.map(String).join(", ")}.`;
      case "unrecognized_keys":
        return `Campos no reconocidos: ${issue.keys.join(", ")}.`;
      default:
        return undefined;
    }
  },
});

export { z };
