import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import "../contracts/zod.js";
import { fastifyTrustProxy } from "./config.js";
import { auditSealingDue, sealPendingAudit } from "./lib/audit.js";
import { accessLog, type LogDestination, stdoutLog } from "./lib/log-stream.js";
import { administrationRoutes } from "./modules/administrations/routes.js";
import { agreementRoutes } from "./modules/agreements/routes.js";
import { announcementRoutes } from "./modules/announcements/routes.js";
import { apiTokenRoutes } from "./modules/api-tokens/routes.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { authRoutes } from "./modules/auth/routes.js";
import { calendarRoutes } from "./modules/calendar/routes.js";
import { collaboratorRoutes } from "./modules/collaborators/routes.js";
import { dashboardRoutes } from "./modules/dashboard/routes.js";
import { diagnosticRoutes } from "./modules/diagnostic/routes.js";
import { documentDraftRoutes } from "./modules/document-drafts/routes.js";
import { documentRoutes } from "./modules/documents/routes.js";
import { uploadLimitRoutes } from "./modules/evidence/limits-routes.js";
import { evidenceRoutes } from "./modules/evidence/routes.js";
import { exemptionRoutes } from "./modules/exemptions/routes.js";
import { exportRoutes } from "./modules/exports/routes.js";
import { extensionRoutes } from "./modules/extensions/routes.js";
import { gapMatrixRoutes } from "./modules/gap-matrix/routes.js";
import { healthRoutes } from "./modules/health/routes.js";
import { improvementPlanRoutes } from "./modules/improvement-plans/routes.js";
import { indicatorRoutes } from "./modules/indicators/routes.js";
import { institutionRoutes } from "./modules/institution/routes.js";
import { liaisonRoutes } from "./modules/liaisons/routes.js";
import { modelRoutes } from "./modules/model/routes.js";
import { modelMigrationRoutes } from "./modules/model-migration/routes.js";
import { municipalityRoutes } from "./modules/municipalities/routes.js";
import { myWorkRoutes } from "./modules/my-work/routes.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { projectCardRoutes } from "./modules/project-cards/routes.js";
import { publicRoutes } from "./modules/public/routes.js";
import { reportCardRoutes } from "./modules/report-cards/routes.js";
import { reviewRoutes } from "./modules/review/routes.js";
import { reviewQueueRoutes } from "./modules/review-queue/routes.js";
import { reviewerPortfolioRoutes } from "./modules/reviewer-portfolios/routes.js";
import { supportActionRoutes } from "./modules/support-actions/routes.js";
import { surveyRoutes } from "./modules/surveys/routes.js";
import { timelineRoutes } from "./modules/timeline/routes.js";
import { userRoutes } from "./modules/users/routes.js";
import { xlsxImportRoutes } from "./modules/xlsx-import/routes.js";
import { authPlugin } from "./plugins/auth.js";
import { frameworkErrors, registerErrorHandling } from "./plugins/errors.js";
import { refuseNulCharacters } from "./plugins/no-nul.js";
import { registerSecurityHeaders } from "./plugins/security-headers.js";
import { registerWeb } from "./plugins/web.js";
import type { App, Deps, RouteEntry } from "./types.js";

/** Methods that write nothing of their own: their events, if any, are sealed before answering. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface BuildOptions {
  /** The log: its level and where its lines go (standard output by default), or none at all. */
  logger?: false | { level: string; stream: LogDestination };
}

/** Builds the whole application without listening, so tests can drive it with `app.inject`. */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<App> {
  const logger = options.logger ?? { level: deps.config.logLevel, stream: stdoutLog() };
  const app = Fastify({
    logger,
    // One access line per request (below) instead of Fastify's two, each with the whole request
    // serialised: at `info`, logging was ~9 % of a cached read's cost (issue 18). Through a log
    // controller: Fastify 5.12 deprecates the top-level option, with a warning at every start.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate("deps", deps);
  const logRequest = logger ? accessLog(logger.stream, logger.level) : null;
  // The hooks every request passes through take a callback and answer at once when they have
  // nothing to wait for: an async hook costs a promise and a turn of the microtask queue per
  // request, a measurable share of a cached read (issue 18).
  app.addHook("onResponse", (request, reply, done) => {
    logRequest?.(request, reply);
    // Audit events a request wrote get their place in the hash chain once it has answered
    // (src/server/lib/audit.ts): a short transaction of its own, and one index probe when one is
    // due. A read seals before answering (onSend, below).
    if (READS.has(request.method) || !auditSealingDue()) {
      done();
      return;
    }
    sealPendingAudit(deps.db, request.log).then(() => done(), done);
  });
  // Every route, as registered: the authorization matrix test checks each has an expected outcome.
  const routes: RouteEntry[] = [];
  app.decorate("routeList", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") {
        routes.push({ method, url: route.url });
      }
    }
  });
  // The API speaks JSON (and raw images for the logo): text/plain bodies are refused with 415.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  refuseNulCharacters(app);

  // Helmet's headers, computed once, for pages; the API's own for the rest
  // (see plugins/security-headers.ts).
  const completeSecurityHeaders = await registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something over TLS: added when the request came over https.
    strictTransportSecurity: false,
  });
  // The security headers that depend on what is answered. Then: a read that writes an event (a
  // download) has committed it before its body is sent: seal it before answering, so no event of a finished request is left unsealed. Costs nothing when no
  // event was written since the last sealing.
  app.addHook("onSend", (request, reply, payload, done) => {
    completeSecurityHeaders(request, reply);
    if ((request.method !== "GET" && request.method !== "HEAD") || !auditSealingDue()) {
      done(null, payload);
      return;
    }
    sealPendingAudit(deps.db, request.log).then(() => done(null, payload), done);
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "MRTM API",
        description:
          'API del Modelo Regional de Transparencia Municipal. Los errores siguen la forma {"error":{"code","message"}}.',
        version: "1",
      },
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "mrtm_session",
            description:
              "La sesión del navegador. Las escrituras llevan además el encabezado x-csrf-token.",
          },
          bearer: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "mrtm_…",
            description:
              "Un token de API creado en «Mi cuenta» (Authorization: Bearer mrtm_…): actúa como su titular, con su rol y municipio, sin token CSRF. Uno de solo lectura recibe 403 token_read_only en todo lo que no sea GET; cada token tiene un límite de peticiones por minuto (429).",
          },
        },
      },
      // Either proves who the caller is; routes that need no one ignore both.
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Its own policy allows framing by the site itself; nothing may frame any page of ours.
    transformStaticCSP: (header) =>
      header.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"),
  });
  await app.register(authPlugin, {
    db: deps.db,
    sessionDays: deps.config.sessionDays,
    tokenMaxPerMinute: deps.config.apiTokenMaxPerMinute,
  });

  for (const routes of [
    healthRoutes,
    authRoutes,
    apiTokenRoutes,
    userRoutes,
    collaboratorRoutes,
    modelRoutes,
    municipalityRoutes,
    institutionRoutes,
    auditRoutes,
    agreementRoutes,
    liaisonRoutes,
    reviewRoutes,
    diagnosticRoutes,
    evidenceRoutes,
    uploadLimitRoutes,
    documentRoutes,
    reviewQueueRoutes,
    reviewerPortfolioRoutes,
    myWorkRoutes,
    announcementRoutes,
    timelineRoutes,
    publicRoutes,
    supportActionRoutes,
    gapMatrixRoutes,
    calendarRoutes,
    notificationRoutes,
    dashboardRoutes,
    reportCardRoutes,
    exportRoutes,
    surveyRoutes,
    projectCardRoutes,
    extensionRoutes,
    exemptionRoutes,
    administrationRoutes,
    improvementPlanRoutes,
    indicatorRoutes,
    documentDraftRoutes,
    xlsxImportRoutes,
    modelMigrationRoutes,
  ]) {
    await app.register(routes);
  }
  await registerWeb(app, deps.config.webDir);
  return app;
}
