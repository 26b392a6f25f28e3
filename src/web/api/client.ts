/**
 * The one typed client of the MRTM API: the only module of the web app that calls `fetch`.
 * It keeps the session's CSRF token (returned by login and by `me`) and sends it on every write.
 */

import type {
  Administration,
  RecordAdministrationRequest,
} from "../../contracts/administrations.js";
import type {
  Announcement,
  AnnouncementDetail,
  SendAnnouncementRequest,
} from "../../contracts/announcements.js";
import type {
  ApiToken,
  ApiTokenCreated,
  CreateApiTokenRequest,
} from "../../contracts/api-tokens.js";
import type { AuditList, AuditQuery } from "../../contracts/audit.js";
import type { AuditChainState } from "../../contracts/audit-chain.js";
import type {
  ChangePasswordRequest,
  LoginRequest,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetRequest,
  SessionInfo,
} from "../../contracts/auth.js";
import type { CalendarFeedCreated, CalendarFeedStatus } from "../../contracts/calendar.js";
import type { InviteCollaboratorRequest } from "../../contracts/collaborators.js";
import type { QueryFlag } from "../../contracts/common.js";
import type {
  MunicipalDashboard,
  RegionalDashboard,
  RegionalRanking,
} from "../../contracts/dashboard.js";
import type {
  DraftComment,
  DraftView,
  InstanceConsultation,
  ModerateConsultationComment,
  NewDraftComment,
  NewTrainingSession,
  SaveDocumentDraft,
  TrainingRegister,
} from "../../contracts/document-drafts.js";
import type { ErrorBody, ErrorCode } from "../../contracts/errors.js";
import type { Exemption, ExemptToolRequest } from "../../contracts/exemptions.js";
import type {
  DecideExtensionRequest,
  Extension,
  RequestExtensionRequest,
} from "../../contracts/extensions.js";
import type { GapMatrix } from "../../contracts/gap-matrix.js";
import type {
  CreateImprovementActionRequest,
  ImprovementAction,
  ImprovementOverview,
  ImprovementPlan,
  ProposedActionsResult,
  UpdateImprovementActionRequest,
} from "../../contracts/improvement-plans.js";
import type {
  AdoptIndicatorsRequest,
  CorrectPeriodRequest,
  IndicatorCatalogue,
  IndicatorComparison,
  InstanceIndicators,
  PeriodReport,
  PublicIndicators,
  SavePeriodRequest,
  SheetImportResult,
} from "../../contracts/indicators.js";
import type { Institution, UpdateInstitutionRequest } from "../../contracts/institution.js";
import type {
  ModelContent,
  ModelVersionDetail,
  ModelVersionSummary,
  PublishedModel,
} from "../../contracts/model.js";
import type { MigrationPreview } from "../../contracts/model-migration.js";
import type { Municipality } from "../../contracts/municipalities.js";
import type { MyWork } from "../../contracts/my-work.js";
import type {
  MarkAllReadResult,
  Notification,
  NotificationList,
  NotificationPreferences,
  OutboxList,
  OutboxMessageDetail,
  UnreadCount,
  UpdatePreferencesRequest,
} from "../../contracts/notifications.js";
import type {
  Agreement,
  AgreementChange,
  CorrectAgreementRequest,
  CreateAgreementRequest,
  DesignateLiaisonRequest,
  Diagnostic,
  DiagnosticComparison,
  LiaisonDesignation,
  RecordAgreementChangeRequest,
  ReviewQueueItem,
  ReviewRequest,
  SaveDiagnosticRequest,
  TimelineEvent,
  ToolInstance,
  ToolInstanceDetail,
} from "../../contracts/participation.js";
import type { ReviewerPortfolio } from "../../contracts/portfolios.js";
import type {
  CreateProjectCardRequest,
  ProjectCard,
  ProjectCardList,
  UpdateProjectCardRequest,
} from "../../contracts/project-cards.js";
import type {
  OpenDataCatalog,
  PublicMap,
  PublicMethodology,
  PublicMunicipality,
  PublicRankingPage,
  PublicSearchResult,
  PublicSummary,
} from "../../contracts/public.js";
import type {
  ReportCardBatch,
  StartReportCardBatchRequest,
} from "../../contracts/report-card-batches.js";
import type { ReportCard, ReportCardVerification } from "../../contracts/reports.js";
import type {
  AttendeeRequest,
  CancelSupportActionRequest,
  Commitment,
  CommitmentList,
  CommitmentQuery,
  CommitmentStatusRequest,
  CreateCommitmentRequest,
  CreateSupportActionRequest,
  Effectiveness,
  HoldSupportActionRequest,
  MinutesRequest,
  RescheduleSupportActionRequest,
  StaffMember,
  Suggestions,
  SupportActionDetail,
  SupportActionList,
  SupportActionQuery,
  UpdateSupportActionRequest,
} from "../../contracts/support.js";
import type { InstanceSurvey, OpenSurveyRequest, SurveyLink } from "../../contracts/surveys.js";
import type { UploadLimits } from "../../contracts/uploads.js";
import type {
  CreateUserRequest,
  UpdateUserRequest,
  User,
  UserList,
  UserWithPassword,
} from "../../contracts/users.js";
import type { ImportProgress, ImportReport } from "../../contracts/xlsx-import.js";
import type { ExtensionStatus } from "../../domain/extensions.js";
import type { WorkView } from "../../domain/my-work.js";
import type { QueueScope } from "../../domain/portfolios.js";
import type { Role } from "../../domain/roles.js";
import type { ToolState } from "../../domain/tool-state.js";

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
  /** What a conflict carries to resolve it (a draft_conflict: the server's version). */
  readonly current: unknown;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    details: FieldError[] = [],
    current: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.current = current;
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

/**
 * The error an answer's status and text stand for: the server's own `{"error": …}` body, or, for
 * anything else (a proxy's page, an empty reply), a generic error naming the status.
 */
function errorFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody> | null;
    if (body?.error && typeof body.error.message === "string") {
      const { code, message, details, current } = body.error;
      return new ApiError(status, code, message, details ?? [], current);
    }
  } catch {
    // Not JSON: fall through to a generic error.
  }
  return new ApiError(
    status,
    status >= 500 ? "internal_error" : "unexpected_response",
    `El servidor respondió con un error inesperado (${status}). Inténtelo de nuevo.`,
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // The body could not be read: the generic error below names the status.
  }
  return errorFromText(response.status, text);
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
  const response = await send("GET", "/api/auth/session", {});
  if (!response.ok) {
    return false;
  }
  const body = (await response.json()) as { session: SessionInfo | null };
  csrfToken = body.session?.csrfToken ?? null;
  return csrfToken !== null;
}

/** Progress of an upload, from 0 to 1. */
export type UploadProgress = (fraction: number) => void;

function xhrUpload<T>(path: string, file: File, onProgress?: UploadProgress): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) {
      xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        // Document uploads answer 204 with no body.
        if (xhr.status === 204 || xhr.responseText === "") {
          resolve(undefined as T);
          return;
        }
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, "unexpected_response", "Respuesta inesperada."));
        }
        return;
      }
      reject(errorFromText(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          "network_error",
          "No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.",
        ),
      );
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

/**
 * Sends one file as multipart/form-data with XMLHttpRequest (fetch cannot report upload
 * progress); retries once with a fresh CSRF token, as `request` does.
 */
async function upload<T>(path: string, file: File, onProgress?: UploadProgress): Promise<T> {
  try {
    return await xhrUpload<T>(path, file, onProgress);
  } catch (error) {
    if (isApiError(error) && error.code === "csrf_failed" && (await refreshCsrfToken())) {
      return xhrUpload<T>(path, file, onProgress);
    }
    throw error;
  }
}

function remember(session: SessionInfo): SessionInfo {
  csrfToken = session.csrfToken;
  return session;
}

export interface Health {
  status: string;
  database: string;
  /** A first start is still writing the demo progress. */
  preparingDemo: boolean;
}

export interface Page {
  page?: number;
  pageSize?: number;
}

/** The gap matrix's filters and sorting (`sort`: name, gaps, overdue, index or tool:<code>). */
export interface GapMatrixParams extends Page {
  cohort?: string;
  dimension?: string;
  state?: ToolState;
  overdue?: QueryFlag;
  sort?: string;
  order?: "asc" | "desc";
}

export interface UserFilters extends Page {
  q?: string;
  role?: Role;
  municipality?: string;
  active?: QueryFlag;
}

export interface ReviewQueueFilters {
  scope?: QueueScope | undefined;
  municipality?: string | undefined;
  tool?: string | undefined;
  dimension?: string | undefined;
  cohort?: string | undefined;
}

export interface TimelinePage {
  items: TimelineEvent[];
  page: number;
  pageSize: number;
}

export interface EvidenceUpload {
  file: File;
  /** aaaa-mm-dd; the server uses today when missing. */
  effectiveOn?: string | undefined;
  isPublic: boolean;
  onProgress?: UploadProgress;
}

const enc = encodeURIComponent;

export interface NotificationFilters extends Page {
  unread?: "true" | undefined;
}

export interface OutboxFilters extends Page {
  status?: OutboxMessageDetail["status"] | undefined;
  q?: string | undefined;
}

export interface AuditFilters extends Page {
  action?: AuditQuery["action"];
  entityType?: AuditQuery["entityType"];
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
    /** The signed-in session, or null when nobody is signed in (200 either way: no 401 logged). */
    session: async (): Promise<SessionInfo | null> => {
      const body = await request<{ session: SessionInfo | null }>("GET", "/api/auth/session");
      if (!body.session) {
        csrfToken = null;
        return null;
      }
      return remember(body.session);
    },
    changePassword: (body: ChangePasswordRequest) =>
      request<{ ok: true }>("POST", "/api/auth/password", { json: body }),
    /** «¿Olvidó su contraseña?»: the same answer whether or not the address has an account. */
    requestPasswordReset: (body: PasswordResetRequest) =>
      request<PasswordResetAccepted>("POST", "/api/auth/password-reset", { json: body }),
    /** A new password with the token of the link sent by e-mail. */
    confirmPasswordReset: (body: PasswordResetConfirm) =>
      request<{ ok: true }>("POST", "/api/auth/password-reset/confirm", { json: body }),
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
    previewMigration: (id: string, municipalities: string[]) =>
      request<MigrationPreview>(
        "POST",
        `/api/model/versions/${encodeURIComponent(id)}/migration-preview`,
        { json: { municipalities } },
      ),
    migrate: (id: string, municipalities: string[]) =>
      request<MigrationPreview>(
        "POST",
        `/api/model/versions/${encodeURIComponent(id)}/migrations`,
        {
          json: { municipalities },
        },
      ),
  },

  municipalities: {
    list: (q?: string) => request<Municipality[]>("GET", "/api/municipalities", { query: { q } }),
    get: (cvegeo: string) =>
      request<Municipality>("GET", `/api/municipalities/${encodeURIComponent(cvegeo)}`),
  },

  /** The public portal: no session needed. */
  public: {
    summary: () => request<PublicSummary>("GET", "/api/public/summary"),
    ranking: (page: Page) =>
      request<PublicRankingPage>("GET", "/api/public/ranking", { query: { ...page } }),
    search: (q: string) =>
      request<PublicSearchResult>("GET", "/api/public/municipalities", { query: { q } }),
    map: () => request<PublicMap>("GET", "/api/public/map"),
    municipality: (cvegeo: string) =>
      request<PublicMunicipality>("GET", `/api/public/municipalities/${enc(cvegeo)}`),
    openData: () => request<OpenDataCatalog>("GET", "/api/public/open-data"),
    methodology: () => request<PublicMethodology>("GET", "/api/public/methodology"),
    documentUrl: (id: string) => `/api/public/documents/${enc(id)}`,
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

  collaborators: {
    accounts: (cvegeo: string) =>
      request<User[]>("GET", `/api/municipalities/${enc(cvegeo)}/accounts`),
    invite: (cvegeo: string, body: InviteCollaboratorRequest) =>
      request<UserWithPassword>("POST", `/api/municipalities/${enc(cvegeo)}/collaborators`, {
        json: body,
      }),
    setActive: (cvegeo: string, id: string, active: boolean) =>
      request<User>(
        "POST",
        `/api/municipalities/${enc(cvegeo)}/collaborators/${enc(id)}/${active ? "reactivate" : "deactivate"}`,
      ),
  },

  portfolios: {
    list: () => request<ReviewerPortfolio[]>("GET", "/api/reviewer-portfolios"),
    set: (reviewerId: string, municipalities: string[]) =>
      request<ReviewerPortfolio>("PUT", `/api/reviewer-portfolios/${enc(reviewerId)}`, {
        json: { municipalities },
      }),
    mine: () => request<ReviewerPortfolio>("GET", "/api/reviewer-portfolios/me"),
    setPreference: (notifyUnassigned: boolean) =>
      request<ReviewerPortfolio>("PUT", "/api/reviewer-portfolios/me", {
        json: { notifyUnassigned },
      }),
  },

  myWork: {
    get: (view: WorkView) => request<MyWork>("GET", `/api/my-work/${view}`),
  },

  announcements: {
    list: () => request<Announcement[]>("GET", "/api/announcements"),
    unread: () => request<{ unread: number }>("GET", "/api/announcements/unread"),
    get: (id: string) => request<AnnouncementDetail>("GET", `/api/announcements/${enc(id)}`),
    send: (body: SendAnnouncementRequest) =>
      request<AnnouncementDetail>("POST", "/api/announcements", { json: body }),
    markRead: (id: string) =>
      request<AnnouncementDetail>("POST", `/api/announcements/${enc(id)}/read`),
  },

  audit: {
    list: (filters: AuditFilters) =>
      request<AuditList>("GET", "/api/audit", { query: { ...filters } }),
    chain: () => request<AuditChainState>("GET", "/api/audit/chain"),
  },

  agreements: {
    list: (cohort?: string) =>
      request<Agreement[]>("GET", "/api/agreements", { query: { cohort } }),
    create: (body: CreateAgreementRequest) =>
      request<Agreement>("POST", "/api/agreements", { json: body }),
    correct: (id: string, body: CorrectAgreementRequest) =>
      request<Agreement>("PATCH", `/api/agreements/${enc(id)}`, { json: body }),
    ofMunicipality: (cvegeo: string) =>
      request<Agreement>("GET", `/api/municipalities/${enc(cvegeo)}/agreement`),
    /** Attaches (or replaces) the signed agreement; 204. */
    uploadDocument: (id: string, file: File, onProgress?: UploadProgress) =>
      upload<void>(`/api/agreements/${enc(id)}/document`, file, onProgress),
    documentUrl: (id: string) => `/api/agreements/${enc(id)}/document`,
    changes: (cvegeo: string) =>
      request<AgreementChange[]>("GET", `/api/municipalities/${enc(cvegeo)}/agreement/changes`),
    recordChange: (id: string, body: RecordAgreementChangeRequest) =>
      request<AgreementChange>("POST", `/api/agreements/${enc(id)}/changes`, { json: body }),
    /** Attaches (or replaces) a renewal's or ratification's signed document; 204. */
    uploadChangeDocument: (changeId: string, file: File, onProgress?: UploadProgress) =>
      upload<void>(`/api/agreement-changes/${enc(changeId)}/document`, file, onProgress),
    changeDocumentUrl: (changeId: string) => `/api/agreement-changes/${enc(changeId)}/document`,
  },

  administrations: {
    list: (cvegeo: string) =>
      request<Administration[]>("GET", `/api/municipalities/${enc(cvegeo)}/administrations`),
    record: (cvegeo: string, body: RecordAdministrationRequest) =>
      request<Administration[]>("POST", `/api/municipalities/${enc(cvegeo)}/administrations`, {
        json: body,
      }),
    handoverUrl: (cvegeo: string) => `/api/municipalities/${enc(cvegeo)}/handover.pdf`,
  },

  liaisons: {
    history: (cvegeo: string) =>
      request<LiaisonDesignation[]>("GET", `/api/municipalities/${enc(cvegeo)}/liaisons`),
    designate: (cvegeo: string, body: DesignateLiaisonRequest) =>
      request<LiaisonDesignation[]>("POST", `/api/municipalities/${enc(cvegeo)}/liaison`, {
        json: body,
      }),
    /** Attaches (or replaces) a designation's letter; 204. */
    uploadLetter: (designationId: string, file: File, onProgress?: UploadProgress) =>
      upload<void>(`/api/liaison-designations/${enc(designationId)}/letter`, file, onProgress),
    letterUrl: (designationId: string) => `/api/liaison-designations/${enc(designationId)}/letter`,
  },

  tools: {
    ofMunicipality: (cvegeo: string) =>
      request<ToolInstance[]>("GET", `/api/municipalities/${enc(cvegeo)}/tools`),
    get: (id: string) => request<ToolInstanceDetail>("GET", `/api/tool-instances/${enc(id)}`),
    uploadEvidence: (id: string, { file, effectiveOn, isPublic, onProgress }: EvidenceUpload) =>
      upload<ToolInstanceDetail>(
        buildUrl(`/api/tool-instances/${enc(id)}/evidence`, {
          effectiveOn,
          public: isPublic ? "true" : "false",
        }),
        file,
        onProgress,
      ),
    submit: (id: string) =>
      request<ToolInstanceDetail>("POST", `/api/tool-instances/${enc(id)}/submit`),
    review: (id: string, body: ReviewRequest) =>
      request<ToolInstanceDetail>("POST", `/api/tool-instances/${enc(id)}/review`, {
        json: body,
      }),
    answerObservation: (id: string, answer: string) =>
      request<ToolInstanceDetail>("POST", `/api/observations/${enc(id)}/answer`, {
        json: { answer },
      }),
  },

  surveys: {
    ofInstance: (id: string) =>
      request<InstanceSurvey>("GET", `/api/tool-instances/${enc(id)}/survey`),
    open: (id: string, body: NonNullable<OpenSurveyRequest>) =>
      request<SurveyLink>("POST", `/api/tool-instances/${enc(id)}/survey`, { json: body }),
    close: (id: string) =>
      request<InstanceSurvey>("POST", `/api/tool-instances/${enc(id)}/survey/close`),
    setCommentHidden: (responseId: string, hidden: boolean) =>
      request<InstanceSurvey>(
        "PUT",
        `/api/survey-responses/${enc(responseId)}/comment-visibility`,
        { json: { hidden } },
      ),
    qrPngUrl: (id: string) => `/api/tool-instances/${enc(id)}/survey/qr.png`,
    qrSvgUrl: (id: string) => `/api/tool-instances/${enc(id)}/survey/qr.svg`,
    posterUrl: (id: string) => `/api/tool-instances/${enc(id)}/survey/poster.pdf`,
  },

  indicators: {
    ofInstance: (id: string) =>
      request<InstanceIndicators>("GET", `/api/tool-instances/${enc(id)}/indicators`),
    adopt: (id: string, body: AdoptIndicatorsRequest) =>
      request<InstanceIndicators>("POST", `/api/tool-instances/${enc(id)}/indicators/adoption`, {
        json: body,
      }),
    period: (id: string, period: string) =>
      request<PeriodReport>(
        "GET",
        `/api/tool-instances/${enc(id)}/indicators/periods/${enc(period)}`,
      ),
    savePeriod: (id: string, period: string, body: SavePeriodRequest) =>
      request<PeriodReport>(
        "PUT",
        `/api/tool-instances/${enc(id)}/indicators/periods/${enc(period)}`,
        { json: body },
      ),
    submitPeriod: (id: string, period: string, expectedRevision: number) =>
      request<PeriodReport>(
        "POST",
        `/api/tool-instances/${enc(id)}/indicators/periods/${enc(period)}/submit`,
        { json: { expectedRevision } },
      ),
    correctPeriod: (id: string, period: string, body: CorrectPeriodRequest) =>
      request<PeriodReport>(
        "POST",
        `/api/tool-instances/${enc(id)}/indicators/periods/${enc(period)}/corrections`,
        { json: body },
      ),
    templateUrl: (id: string) => `/api/tool-instances/${enc(id)}/indicators/template.xlsx`,
    importSheet: (id: string, file: File, apply: boolean) =>
      upload<SheetImportResult>(
        `/api/tool-instances/${enc(id)}/indicators/import${apply ? "?apply=true" : ""}`,
        file,
      ),
    catalogue: () => request<IndicatorCatalogue>("GET", "/api/indicators"),
    comparison: (code: string, period?: string) =>
      request<IndicatorComparison>(
        "GET",
        `/api/indicators/${enc(code)}/comparison${period ? `?period=${enc(period)}` : ""}`,
      ),
    ofMunicipality: (cvegeo: string) =>
      request<PublicIndicators>("GET", `/api/public/municipalities/${enc(cvegeo)}/indicators`),
  },

  evidence: {
    limits: () => request<UploadLimits>("GET", "/api/uploads/limits"),
    downloadUrl: (id: string) => `/api/evidence/${enc(id)}/download`,
    previewUrl: (id: string) => `/api/evidence/${enc(id)}/preview`,
    remove: (id: string) => request<void>("DELETE", `/api/evidence/${enc(id)}`),
    withdraw: (id: string, reason: string) =>
      request<ToolInstanceDetail>("POST", `/api/evidence/${enc(id)}/withdrawal`, {
        json: { reason },
      }),
    setPublic: (id: string, isPublic: boolean) =>
      request<ToolInstanceDetail>("PUT", `/api/evidence/${enc(id)}/public`, {
        json: { isPublic },
      }),
  },

  diagnostic: {
    get: (cvegeo: string) =>
      request<Diagnostic>("GET", `/api/municipalities/${enc(cvegeo)}/diagnostic`),
    save: (cvegeo: string, body: SaveDiagnosticRequest) =>
      request<Diagnostic>("PUT", `/api/municipalities/${enc(cvegeo)}/diagnostic`, { json: body }),
    submit: (cvegeo: string) =>
      request<Diagnostic>("POST", `/api/municipalities/${enc(cvegeo)}/diagnostic/submit`),
    acknowledgementUrl: (cvegeo: string) =>
      `/api/municipalities/${enc(cvegeo)}/diagnostic/acknowledgement.pdf`,
    startRound: (cvegeo: string) =>
      request<Diagnostic>("POST", `/api/municipalities/${enc(cvegeo)}/diagnostic/rounds`),
    comparison: (cvegeo: string) =>
      request<DiagnosticComparison>(
        "GET",
        `/api/municipalities/${enc(cvegeo)}/diagnostic/comparison`,
      ),
  },

  reviewQueue: {
    list: (filters: ReviewQueueFilters) =>
      request<ReviewQueueItem[]>("GET", "/api/review-queue", { query: { ...filters } }),
  },

  exemptions: {
    ofMunicipality: (cvegeo: string) =>
      request<Exemption[]>("GET", `/api/municipalities/${enc(cvegeo)}/exemptions`),
    exempt: (cvegeo: string, body: ExemptToolRequest) =>
      request<Exemption>("POST", `/api/municipalities/${enc(cvegeo)}/exemptions`, { json: body }),
    lift: (id: string, reason: string) =>
      request<Exemption>("POST", `/api/exemptions/${enc(id)}/lift`, { json: { reason } }),
  },

  extensions: {
    /** Every municipality's requests (staff), oldest first. */
    list: (status?: ExtensionStatus) =>
      request<Extension[]>("GET", "/api/extensions", { query: { status } }),
    /** One tool instance's requests, newest first. */
    ofInstance: (instanceId: string) =>
      request<Extension[]>("GET", `/api/tool-instances/${enc(instanceId)}/extensions`),
    request: (instanceId: string, body: RequestExtensionRequest) =>
      request<Extension>("POST", `/api/tool-instances/${enc(instanceId)}/extensions`, {
        json: body,
      }),
    decide: (id: string, body: DecideExtensionRequest) =>
      request<Extension>("POST", `/api/extensions/${enc(id)}/decision`, { json: body }),
  },

  supportActions: {
    list: (query: SupportActionQuery) =>
      request<SupportActionList>("GET", "/api/support-actions", { query: { ...query } }),
    get: (id: string) => request<SupportActionDetail>("GET", `/api/support-actions/${enc(id)}`),
    create: (body: CreateSupportActionRequest) =>
      request<SupportActionDetail>("POST", "/api/support-actions", { json: body }),
    update: (id: string, body: UpdateSupportActionRequest) =>
      request<SupportActionDetail>("PATCH", `/api/support-actions/${enc(id)}`, { json: body }),
    cancel: (id: string, body: CancelSupportActionRequest) =>
      request<SupportActionDetail>("POST", `/api/support-actions/${enc(id)}/cancel`, {
        json: body,
      }),
    reschedule: (id: string, body: RescheduleSupportActionRequest) =>
      request<SupportActionDetail>("POST", `/api/support-actions/${enc(id)}/reschedule`, {
        json: body,
      }),
    hold: (id: string, body: HoldSupportActionRequest) =>
      request<SupportActionDetail>("POST", `/api/support-actions/${enc(id)}/held`, { json: body }),
    saveMinutes: (id: string, body: MinutesRequest) =>
      request<SupportActionDetail>("PUT", `/api/support-actions/${enc(id)}/minutes`, {
        json: body,
      }),
    uploadMinutes: (id: string, file: File, onProgress?: UploadProgress) =>
      upload<SupportActionDetail>(`/api/support-actions/${enc(id)}/minutes/file`, file, onProgress),
    minutesUrl: (id: string) => `/api/support-actions/${enc(id)}/minutes/file`,
    addAttendee: (id: string, body: AttendeeRequest) =>
      request<SupportActionDetail>("POST", `/api/support-actions/${enc(id)}/attendees`, {
        json: body,
      }),
    removeAttendee: (id: string, attendeeId: string) =>
      request<SupportActionDetail>(
        "DELETE",
        `/api/support-actions/${enc(id)}/attendees/${enc(attendeeId)}`,
      ),
    addCommitment: (id: string, body: CreateCommitmentRequest) =>
      request<SupportActionDetail>("POST", `/api/support-actions/${enc(id)}/commitments`, {
        json: body,
      }),
    staff: () => request<StaffMember[]>("GET", "/api/support-actions/staff"),
    suggestions: () => request<Suggestions>("GET", "/api/support-actions/suggestions"),
    effectiveness: (query: { days?: number; from?: string; to?: string }) =>
      request<Effectiveness>("GET", "/api/support-actions/effectiveness", { query: { ...query } }),
  },

  commitments: {
    list: (query: CommitmentQuery) =>
      request<CommitmentList>("GET", "/api/commitments", { query: { ...query } }),
    setStatus: (id: string, body: CommitmentStatusRequest) =>
      request<Commitment>("PUT", `/api/commitments/${enc(id)}/status`, { json: body }),
  },

  timeline: {
    list: (cvegeo: string, page: Page) =>
      request<TimelinePage>("GET", `/api/municipalities/${enc(cvegeo)}/timeline`, {
        query: { ...page },
      }),
  },

  notifications: {
    list: (filters: NotificationFilters) =>
      request<NotificationList>("GET", "/api/notifications", { query: { ...filters } }),
    unreadCount: () => request<UnreadCount>("GET", "/api/notifications/unread-count"),
    markRead: (id: string) => request<Notification>("POST", `/api/notifications/${enc(id)}/read`),
    markAllRead: () => request<MarkAllReadResult>("POST", "/api/notifications/read-all"),
    preferences: () => request<NotificationPreferences>("GET", "/api/notification-preferences"),
    savePreferences: (body: UpdatePreferencesRequest) =>
      request<NotificationPreferences>("PUT", "/api/notification-preferences", { json: body }),
  },

  mailOutbox: {
    list: (filters: OutboxFilters) =>
      request<OutboxList>("GET", "/api/mail-outbox", { query: { ...filters } }),
    get: (id: string) => request<OutboxMessageDetail>("GET", `/api/mail-outbox/${enc(id)}`),
    /** The HTML part, shown in a sandboxed frame. */
    htmlUrl: (id: string) => `/api/mail-outbox/${enc(id)}/html`,
    retry: (id: string) =>
      request<OutboxMessageDetail>("POST", `/api/mail-outbox/${enc(id)}/retry`),
  },

  gapMatrix: {
    get: (params: GapMatrixParams) =>
      request<GapMatrix>("GET", "/api/gap-matrix", { query: { ...params } }),
    /** The same matrix (every row) as a spreadsheet: a plain link, the browser downloads it. */
    xlsxUrl: ({ page: _page, pageSize: _pageSize, ...filters }: GapMatrixParams) =>
      buildUrl("/api/gap-matrix.xlsx", { ...filters }),
  },

  apiTokens: {
    list: () => request<ApiToken[]>("GET", "/api/auth/tokens"),
    /** Creates a token; the answer holds its secret, shown this once. */
    create: (body: CreateApiTokenRequest) =>
      request<ApiTokenCreated>("POST", "/api/auth/tokens", { json: body }),
    revoke: (id: string) => request<void>("DELETE", `/api/auth/tokens/${enc(id)}`),
  },

  calendar: {
    feed: () => request<CalendarFeedStatus>("GET", "/api/calendar/feed"),
    /** Creates the private feed, or replaces it (the old address stops working). */
    createFeed: () => request<CalendarFeedCreated>("POST", "/api/calendar/feed"),
    revokeFeed: () => request<void>("DELETE", "/api/calendar/feed"),
    /** A support action as an .ics file: a plain link. */
    actionIcsUrl: (id: string) => `/api/support-actions/${enc(id)}/calendar.ics`,
  },

  dashboard: {
    regional: () => request<RegionalDashboard>("GET", "/api/dashboard/regional"),
    ranking: () => request<RegionalRanking>("GET", "/api/dashboard/regional/ranking"),
    municipality: (cvegeo: string) =>
      request<MunicipalDashboard>("GET", `/api/municipalities/${enc(cvegeo)}/dashboard`),
  },

  reportCards: {
    list: (cvegeo: string) =>
      request<ReportCard[]>("GET", `/api/municipalities/${enc(cvegeo)}/report-cards`),
    issue: (cvegeo: string) =>
      request<ReportCard>("POST", `/api/municipalities/${enc(cvegeo)}/report-cards`),
    /** The card as a PDF: a plain link, the browser downloads it. */
    pdfUrl: (id: string) => `/api/report-cards/${enc(id)}/pdf`,
    /** What the card with a printed code said (public). */
    verify: (code: string) =>
      request<ReportCardVerification>("GET", `/api/public/report-cards/${enc(code)}`),
  },

  reportCardBatches: {
    list: () => request<ReportCardBatch[]>("GET", "/api/report-card-batches"),
    start: (body: StartReportCardBatchRequest) =>
      request<ReportCardBatch>("POST", "/api/report-card-batches", { json: body }),
    get: (id: string) => request<ReportCardBatch>("GET", `/api/report-card-batches/${enc(id)}`),
    /** The finished batch's ZIP: a plain link, the browser downloads it. */
    zipUrl: (id: string) => `/api/report-card-batches/${enc(id)}/zip`,
  },

  projectCards: {
    list: (cvegeo: string) =>
      request<ProjectCardList>("GET", `/api/municipalities/${enc(cvegeo)}/project-cards`),
    get: (id: string) => request<ProjectCard>("GET", `/api/project-cards/${enc(id)}`),
    create: (cvegeo: string, body: CreateProjectCardRequest) =>
      request<ProjectCard>("POST", `/api/municipalities/${enc(cvegeo)}/project-cards`, {
        json: body,
      }),
    update: (id: string, body: UpdateProjectCardRequest) =>
      request<ProjectCard>("PUT", `/api/project-cards/${enc(id)}`, { json: body }),
    /** The card as a PDF for the cabildo: a plain link, the browser downloads it. */
    pdfUrl: (id: string) => `/api/project-cards/${enc(id)}/pdf`,
  },

  improvementPlans: {
    get: (cvegeo: string) =>
      request<ImprovementPlan>("GET", `/api/municipalities/${enc(cvegeo)}/improvement-plan`),
    propose: (cvegeo: string) =>
      request<ProposedActionsResult>(
        "POST",
        `/api/municipalities/${enc(cvegeo)}/improvement-plan/proposals`,
      ),
    create: (cvegeo: string, body: CreateImprovementActionRequest) =>
      request<ImprovementAction>("POST", `/api/municipalities/${enc(cvegeo)}/improvement-actions`, {
        json: body,
      }),
    update: (id: string, body: UpdateImprovementActionRequest) =>
      request<ImprovementAction>("PUT", `/api/improvement-actions/${enc(id)}`, { json: body }),
    overview: () => request<ImprovementOverview>("GET", "/api/improvement-plans/overview"),
    /** The plan as a PDF for its approval: a plain link, the browser downloads it. */
    pdfUrl: (cvegeo: string) => `/api/municipalities/${enc(cvegeo)}/improvement-plan.pdf`,
    evidenceUrl: (id: string) => `/api/improvement-actions/${enc(id)}/evidence`,
  },

  drafts: {
    get: (instanceId: string) =>
      request<DraftView>("GET", `/api/tool-instances/${enc(instanceId)}/draft`),
    /** A stale save fails with `draft_conflict`; its `current` is the server's version. */
    save: (instanceId: string, body: SaveDocumentDraft) =>
      request<{ revision: number; updatedAt: string }>(
        "PUT",
        `/api/tool-instances/${enc(instanceId)}/draft`,
        { json: body },
      ),
    comment: (instanceId: string, body: NewDraftComment) =>
      request<DraftComment>("POST", `/api/tool-instances/${enc(instanceId)}/draft/comments`, {
        json: body,
      }),
    /** The draft for approval: plain links, the browser downloads them. */
    docxUrl: (instanceId: string) => `/api/tool-instances/${enc(instanceId)}/draft/docx`,
    pdfUrl: (instanceId: string) => `/api/tool-instances/${enc(instanceId)}/draft/pdf`,
  },

  /** R2, R3: the register of trainings delivered; every write answers with the whole register. */
  trainings: {
    ofInstance: (instanceId: string) =>
      request<TrainingRegister>("GET", `/api/tool-instances/${enc(instanceId)}/trainings`),
    record: (instanceId: string, body: NewTrainingSession) =>
      request<TrainingRegister>("POST", `/api/tool-instances/${enc(instanceId)}/trainings`, {
        json: body,
      }),
    correct: (id: string, body: NewTrainingSession) =>
      request<TrainingRegister>("PUT", `/api/trainings/${enc(id)}`, { json: body }),
    remove: (id: string) => request<TrainingRegister>("DELETE", `/api/trainings/${enc(id)}`),
  },

  /** M3: the public consultation of the report (the designated liaison manages it). */
  consultations: {
    ofInstance: (instanceId: string) =>
      request<InstanceConsultation>("GET", `/api/tool-instances/${enc(instanceId)}/consultation`),
    open: (instanceId: string) =>
      request<InstanceConsultation>("POST", `/api/tool-instances/${enc(instanceId)}/consultation`),
    close: (instanceId: string) =>
      request<InstanceConsultation>(
        "POST",
        `/api/tool-instances/${enc(instanceId)}/consultation/close`,
      ),
    moderate: (commentId: string, body: ModerateConsultationComment) =>
      request<InstanceConsultation>("PUT", `/api/consultation-comments/${enc(commentId)}`, {
        json: body,
      }),
  },

  reports: {
    /** The regional report as a spreadsheet and as CSV: plain links, the browser downloads them. */
    regionalXlsxUrl: () => "/api/reports/regional.xlsx",
    regionalCsvUrl: () => "/api/reports/regional.csv",
  },

  imports: {
    /** The import's template: a plain link, the browser downloads it. */
    templateUrl: () => "/api/imports/template.xlsx",
    dryRun: (file: File, onProgress?: UploadProgress) =>
      upload<ImportReport>("/api/imports/dry-run", file, onProgress),
    /** `progressId`: a random id under which the server reports how far the apply is. */
    apply: (file: File, progressId: string, onProgress?: UploadProgress) =>
      upload<ImportReport>(`/api/imports/apply?progress=${enc(progressId)}`, file, onProgress),
    progress: (progressId: string) =>
      request<ImportProgress>("GET", `/api/imports/progress/${enc(progressId)}`),
  },
};
