import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorBody, ErrorCode } from "../../contracts/errors.js";
import { AppError } from "../lib/errors.js";

const WHERE: Record<string, string> = {
  body: "",
  querystring: "parámetro ",
  params: "parámetro de ruta ",
  headers: "encabezado ",
};

/** Fastify's own 4xx errors, mapped to our codes and Spanish messages. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "validation_error",
    message: "El cuerpo de la petición no es JSON válido.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "validation_error",
    message: "El cuerpo de la petición está vacío.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "payload_too_large",
    message: "El cuerpo de la petición es demasiado grande.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    message: "El tipo de contenido de la petición no es compatible.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "validation_error",
    message: "La longitud declarada del cuerpo no coincide.",
  },
};

function send(reply: FastifyReply, status: number, error: ErrorBody["error"]): FastifyReply {
  return reply.code(status).type("application/json; charset=utf-8").send({ error });
}

/** One error body everywhere: `{"error":{"code","message"}}`. 5xx details are logged, never sent. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) {
        reply.headers(error.headers);
      }
      return send(reply, error.status, {
        code: error.code,
        message: error.message,
        details: error.details,
        ...(error.current === undefined ? {} : { current: error.current }),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const prefix = WHERE[error.validationContext ?? "body"] ?? "";
      const details = error.validation.map((issue) => ({
        field: issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(cuerpo)",
        message: issue.message ?? "Valor no válido.",
      }));
      const first = details[0] ?? { field: "(cuerpo)", message: "Valor no válido." };
      return send(reply, 400, {
        code: "validation_error",
        message: `El ${prefix}campo «${first.field}» no es válido: ${first.message}`,
        details,
      });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      return send(reply, error.statusCode ?? 400, known);
    }
    if (error.statusCode === 429) {
      return send(reply, 429, {
        code: "rate_limited",
        message: "Demasiados intentos. Espere un momento y vuelva a intentarlo.",
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, "client error");
      return send(reply, error.statusCode, {
        code: "validation_error",
        message: "La petición no es válida.",
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return send(reply, 500, {
      code: "internal_error",
      message: "Ocurrió un error interno. Intente de nuevo; si persiste, avise al administrador.",
    });
  });
}

/**
 * Errors Fastify raises while routing, before any hook or error handler runs (a malformed URL, a
 * path parameter over maxParamLength): same body shape and Spanish messages as everything else.
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return send(reply, 414, {
      code: "validation_error",
      message: "La dirección solicitada es demasiado larga.",
    });
  }
  return send(reply, 400, {
    code: "validation_error",
    message: "La dirección solicitada no es válida.",
  });
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return send(reply, 404, { code: "not_found", message: "La ruta solicitada no existe." });
}
