/**
 * The one typed client of the MRTM API: the only module of the web app that calls `fetch`.
 * It keeps the session's CSRF token (returned by login and by `me`) and sends it on every write.
 */
import type { AuditList } from "../../contracts/audit.js";
import type { ChangePasswordRequest, LoginRequest, SessionInfo } from "../../contracts/auth.js";
import type { ErrorBody, ErrorCode } from "../../contracts/errors.js";
import type { Institution, UpdateInstitutionRequest } from "../../contracts/institution.js";
import type {
  ModelContent,
  ModelVersionDetail,
  ModelVersionSummary,
  PublishedModel,
} from "../../contracts/model.js";
import type { Municipality } from "../../contracts/municipalities.js";
import type {
  CreateUserRequest,
  UpdateUserRequest,
  User,
  UserList,
  UserWithPassword,
} from "../../contracts/users.js";
import type { Role } from "../../domain/roles.js";

/** Codes the server sends, plus two of the client's own for failures that never reached it. */
export type ApiErrorCode = ErrorCode | "network_error" | "unexpected_response";

export interface FieldError {
  field: string;
  message: string;
}

/** An error answered by the API (or a failure to reach it), with its Spanish message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: FieldError[];

  constructor(status: number, code: ApiErrorCode, message: string, details: FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message for one field (`details[].field`), if the server sent one. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const CSRF_HEADER = "x-csrf-token";

let csrfToken: string | null = null;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. an image), with its own content type. */
  blob?: Blob;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.blob) {
    headers["content-type"] = options.blob.type || "application/octet-stream";
    body = options.blob;
  }
  if (UNSAFE_METHODS.has(method) && csrfToken) {
    headers[CSRF_HEADER] = csrfToken;
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.",
    );
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error && typeof body.error.message === "string") {
      const { code, message, details } = body.error;
      return new ApiError(response.status, code, message, details ?? []);
    }
  } catch {
    // Not our JSON error body (a proxy's page, an empty reply): fall through to a generic error.
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? "internal_error" : "unexpected_response",
    `El servidor respondió con un error inesperado (${response.status}). Inténtelo de nuevo.`,
  );
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 403 && UNSAFE_METHODS.has(method)) {
    const error = await toApiError(response.clone());
    // The token may be stale (another tab signed in again): refresh it once and retry.
    if (error.code === "csrf_failed" && (await refreshCsrfToken())) {
      response = await send(method, path, options);
    }
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send("GET", "/api/auth/me", {});
  if (!response.ok) {
    return false;
  }
  const session = (await response.json()) as SessionInfo;
  csrfToken = session.csrfToken;
  return true;
}

function remember(session: SessionInfo): SessionInfo {
  csrfToken = session.csrfToken;
  return session;
}

export interface Health {
  status: string;
  database: string;
}

export interface Page {
  page?: number;
  pageSize?: number;
}

export interface UserFilters extends Page {
  q?: string;
  role?: Role;
  municipality?: string;
  active?: "true" | "false";
}

export interface AuditFilters extends Page {
  action?: string;
  entityType?: string;
  q?: string;
}

export const api = {
  health: () => request<Health>("GET", "/api/health"),

  auth: {
    login: async (body: LoginRequest) =>
      remember(await request<SessionInfo>("POST", "/api/auth/login", { json: body })),
    logout: async () => {
      try {
        await request<{ ok: true }>("POST", "/api/auth/logout");
      } finally {
        csrfToken = null;
      }
    },
    /** The signed-in session, or null when nobody is signed in. */
    me: async (): Promise<SessionInfo | null> => {
      try {
        return remember(await request<SessionInfo>("GET", "/api/auth/me"));
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          csrfToken = null;
          return null;
        }
        throw error;
      }
    },
    changePassword: (body: ChangePasswordRequest) =>
      request<{ ok: true }>("POST", "/api/auth/password", { json: body }),
  },

  institution: {
    get: () => request<Institution>("GET", "/api/institution"),
    update: (body: UpdateInstitutionRequest) =>
      request<Institution>("PUT", "/api/institution", { json: body }),
    uploadLogo: (image: Blob) =>
      request<Institution>("PUT", "/api/institution/logo", { blob: image }),
    removeLogo: () => request<Institution>("DELETE", "/api/institution/logo"),
  },

  model: {
    published: () => request<PublishedModel>("GET", "/api/model"),
    versions: () => request<ModelVersionSummary[]>("GET", "/api/model/versions"),
    version: (id: string) =>
      request<ModelVersionDetail>("GET", `/api/model/versions/${encodeURIComponent(id)}`),
    createDraft: () => request<ModelVersionDetail>("POST", "/api/model/versions"),
    saveDraft: (id: string, content: ModelContent, expectedRevision: number) =>
      request<ModelVersionDetail>("PUT", `/api/model/versions/${encodeURIComponent(id)}`, {
        json: { content, expectedRevision },
      }),
    publish: (id: string) =>
      request<ModelVersionDetail>("POST", `/api/model/versions/${encodeURIComponent(id)}/publish`),
    discard: (id: string) =>
      request<void>("DELETE", `/api/model/versions/${encodeURIComponent(id)}`),
  },

  municipalities: {
    list: (q?: string) => request<Municipality[]>("GET", "/api/municipalities", { query: { q } }),
    get: (cvegeo: string) =>
      request<Municipality>("GET", `/api/municipalities/${encodeURIComponent(cvegeo)}`),
  },

  users: {
    list: (filters: UserFilters) =>
      request<UserList>("GET", "/api/users", { query: { ...filters } }),
    create: (body: CreateUserRequest) =>
      request<UserWithPassword>("POST", "/api/users", { json: body }),
    update: (id: string, patch: UpdateUserRequest) =>
      request<User>("PATCH", `/api/users/${encodeURIComponent(id)}`, { json: patch }),
    resetPassword: (id: string) =>
      request<UserWithPassword>("POST", `/api/users/${encodeURIComponent(id)}/reset-password`),
  },

  audit: {
    list: (filters: AuditFilters) =>
      request<AuditList>("GET", "/api/audit", { query: { ...filters } }),
  },
};
