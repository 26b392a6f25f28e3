import { fileTooLargeMessage } from "../../domain/uploads.js";
import { AppError } from "../lib/errors.js";
import { ACCEPTED_TYPES_LABEL } from "./accepted-types.js";

/** Raised while the file is still arriving, so an oversized upload is never read to its end. */
export class FileTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super("file_too_large", fileTooLargeMessage(maxBytes));
    this.name = "FileTooLargeError";
  }
}

/** The content, not the name the client gave, decides: the message lists what is accepted. */
export class UnsupportedFileTypeError extends AppError {
  constructor(reason = "El contenido del archivo no corresponde a un tipo admitido.") {
    super("unsupported_file_type", `${reason} Tipos admitidos: ${ACCEPTED_TYPES_LABEL}.`);
    this.name = "UnsupportedFileTypeError";
  }
}
