import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter } from "react-router";
import { STAFF_ROLES } from "../../domain/roles.js";
import { ChangePasswordPage } from "../features/auth/ChangePasswordPage";
import { RequireRole, RequireUser } from "../features/auth/guards";
import {
  CreatePasswordPage,
  RequestPasswordResetPage,
  ResetPasswordPage,
} from "../features/auth/PasswordRecoveryPages";
import { SignInPage } from "../features/auth/SignInPage";
import { HomePage } from "../features/home/HomePage";
import { ModelPage } from "../features/model/ModelPage";
import { MunicipalitiesPage } from "../features/municipalities/MunicipalitiesPage";
import { prefetchMunicipalityPage } from "../features/municipality/first-reads";
import { PublicHomePage } from "../features/public/PublicHomePage";
import { toolInstanceQuery } from "../features/tools/queries";
import { Loading } from "../ui/Loading";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";
import { RouteError } from "./RouteError";

const ADMIN = ["admin"] as const;
const STAFF = STAFF_ROLES;

/**
 * The client routes. Administration screens load their code only when first opened; the server
 * names that code in the page's HTML (scripts/vite-route-preloads.ts reads this file for it).
 */
export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      element: <Layout />,
      hydrateFallbackElement: <Loading />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomePage /> },
            { path: "modelo", element: <ModelPage /> },
            { path: "municipios", element: <MunicipalitiesPage /> },
            { path: "iniciar-sesion", element: <SignInPage /> },
            { path: "recuperar-contrasena", element: <RequestPasswordResetPage /> },
            { path: "restablecer", element: <ResetPasswordPage /> },
            { path: "crear-contrasena", element: <CreatePasswordPage /> },
            // The public portal: the home's figures are at "/" for visitors and at /publico for all.
            { path: "publico", element: <PublicHomePage /> },
            {
              path: "publico/clasificacion",
              lazy: async () => ({
                Component: (await import("../features/public/RankingPage")).RankingPage,
              }),
            },
            {
              path: "publico/municipios/:cvegeo",
              lazy: async () => ({
                Component: (await import("../features/public/PublicMunicipalityPage"))
                  .PublicMunicipalityPage,
              }),
            },
            ...["verificar", "verificar/:code"].map((path) => ({
              path,
              lazy: async () => ({
                Component: (await import("../features/public/VerifyPage")).VerifyPage,
              }),
            })),
            {
              path: "datos-abiertos",
              lazy: async () => ({
                Component: (await import("../features/open-data/OpenDataPage")).OpenDataPage,
              }),
            },
            {
              path: "metodologia",
              lazy: async () => ({
                Component: (await import("../features/methodology/MethodologyPage"))
                  .MethodologyPage,
              }),
            },
            {
              element: <RequireUser />,
              children: [
                { path: "cuenta/contrasena", element: <ChangePasswordPage /> },
                {
                  path: "mi-trabajo",
                  lazy: async () => ({
                    Component: (await import("../features/my-work/MyWorkPage")).MyWorkPage,
                  }),
                },
                {
                  path: "avisos",
                  lazy: async () => ({
                    Component: (await import("../features/announcements/AnnouncementsPage"))
                      .AnnouncementsPage,
                  }),
                },
                {
                  path: "avisos/:id",
                  lazy: async () => ({
                    Component: (await import("../features/announcements/AnnouncementPage"))
                      .AnnouncementPage,
                  }),
                },
                {
                  path: "municipios/:cvegeo/colaboradores",
                  lazy: async () => ({
                    Component: (await import("../features/collaborators/CollaboratorsPage"))
                      .CollaboratorsPage,
                  }),
                },
                {
                  path: "cuenta/tokens",
                  lazy: async () => ({
                    Component: (await import("../features/api-tokens/ApiTokensPage")).ApiTokensPage,
                  }),
                },
                {
                  path: "cuenta/calendario",
                  lazy: async () => ({
                    Component: (await import("../features/calendar/CalendarPage")).CalendarPage,
                  }),
                },
                {
                  path: "mi-municipio",
                  lazy: async () => ({
                    Component: (await import("../features/municipality/MunicipalityPage"))
                      .MyMunicipalityRedirect,
                  }),
                },
                {
                  path: "municipios/:cvegeo",
                  // Not awaited: the page's first reads travel while its code loads.
                  loader: ({ params }) => {
                    prefetchMunicipalityPage(queryClient, params.cvegeo ?? "");
                    return null;
                  },
                  // A filter in the address (?estado=) is no reason to ask again.
                  shouldRevalidate: ({ currentParams, nextParams }) =>
                    currentParams.cvegeo !== nextParams.cvegeo,
                  lazy: async () => ({
                    Component: (await import("../features/municipality/MunicipalityPage"))
                      .MunicipalityPage,
                  }),
                },
                {
                  path: "municipios/:cvegeo/diagnostico",
                  lazy: async () => ({
                    Component: (await import("../features/diagnostic/DiagnosticPage"))
                      .DiagnosticPage,
                  }),
                },
                {
                  path: "municipios/:cvegeo/proyectos",
                  lazy: async () => ({
                    Component: (await import("../features/plans/ProjectCardsPage"))
                      .ProjectCardsPage,
                  }),
                },
                {
                  path: "municipios/:cvegeo/proyectos/nueva",
                  lazy: async () => ({
                    Component: (await import("../features/plans/ProjectCardsPage"))
                      .NewProjectCardPage,
                  }),
                },
                {
                  path: "municipios/:cvegeo/plan-de-mejora",
                  lazy: async () => ({
                    Component: (await import("../features/plans/ImprovementPlanPage"))
                      .ImprovementPlanPage,
                  }),
                },
                {
                  path: "fichas-proyecto/:id",
                  lazy: async () => ({
                    Component: (await import("../features/plans/ProjectCardsPage")).ProjectCardPage,
                  }),
                },
                {
                  path: "herramientas/:id",
                  // Not awaited: the instance travels while the page's code loads.
                  loader: ({ params }) => {
                    void queryClient.prefetchQuery(toolInstanceQuery(params.id ?? ""));
                    return null;
                  },
                  lazy: async () => ({
                    Component: (await import("../features/tools/ToolPage")).ToolPage,
                  }),
                },
                {
                  path: "herramientas/:id/documento",
                  lazy: async () => ({
                    Component: (await import("../features/drafts/DraftPage")).DraftPage,
                  }),
                },
                {
                  path: "herramientas/:id/indicadores",
                  lazy: async () => ({
                    Component: (await import("../features/indicators/IndicatorsPage"))
                      .IndicatorsPage,
                  }),
                },
                {
                  path: "herramientas/:id/indicadores/:period",
                  lazy: async () => ({
                    Component: (await import("../features/indicators/PeriodPage")).PeriodPage,
                  }),
                },
                {
                  path: "herramientas/:id/encuesta",
                  lazy: async () => ({
                    Component: (await import("../features/surveys/SurveyPage")).SurveyPage,
                  }),
                },
                {
                  path: "notificaciones",
                  lazy: async () => ({
                    Component: (await import("../features/notifications/NotificationsPage"))
                      .NotificationsPage,
                  }),
                },
                {
                  path: "notificaciones/preferencias",
                  lazy: async () => ({
                    Component: (await import("../features/notifications/PreferencesPage"))
                      .PreferencesPage,
                  }),
                },
                {
                  path: "acompanamiento",
                  lazy: async () => ({
                    Component: (await import("../features/support/SupportPage")).SupportPage,
                  }),
                },
                {
                  path: "acompanamiento/acciones/:id",
                  lazy: async () => ({
                    Component: (await import("../features/support/ActionPage")).ActionPage,
                  }),
                },
                {
                  path: "acompanamiento/acuerdos",
                  lazy: async () => ({
                    Component: (await import("../features/support/CommitmentsPage"))
                      .CommitmentsPage,
                  }),
                },
              ],
            },
            {
              element: <RequireRole roles={STAFF} />,
              children: [
                {
                  path: "tablero",
                  lazy: async () => ({
                    Component: (await import("../features/dashboard/RegionalDashboardPage"))
                      .RegionalDashboardPage,
                  }),
                },
                {
                  path: "indicadores",
                  lazy: async () => ({
                    Component: (await import("../features/indicators/ComparisonPage"))
                      .ComparisonPage,
                  }),
                },
                {
                  path: "brechas",
                  lazy: async () => ({
                    Component: (await import("../features/gap-matrix/GapMatrixPage")).GapMatrixPage,
                  }),
                },
                {
                  path: "revision",
                  lazy: async () => ({
                    Component: (await import("../features/review-queue/ReviewQueuePage"))
                      .ReviewQueuePage,
                  }),
                },
                {
                  path: "prorrogas",
                  lazy: async () => ({
                    Component: (await import("../features/extensions/ExtensionsPage"))
                      .ExtensionsPage,
                  }),
                },
                {
                  path: "convenios",
                  lazy: async () => ({
                    Component: (await import("../features/agreements/AgreementsPage"))
                      .AgreementsPage,
                  }),
                },
                {
                  path: "acompanamiento/nueva",
                  lazy: async () => ({
                    Component: (await import("../features/support/ActionFormPage")).ActionFormPage,
                  }),
                },
                {
                  path: "acompanamiento/acciones/:id/editar",
                  lazy: async () => ({
                    Component: (await import("../features/support/ActionFormPage")).ActionFormPage,
                  }),
                },
                {
                  path: "acompanamiento/sugerencias",
                  lazy: async () => ({
                    Component: (await import("../features/support/SuggestionsPage"))
                      .SuggestionsPage,
                  }),
                },
                {
                  path: "acompanamiento/efectividad",
                  lazy: async () => ({
                    Component: (await import("../features/support/EffectivenessPage"))
                      .EffectivenessPage,
                  }),
                },
              ],
            },
            {
              element: <RequireRole roles={ADMIN} />,
              children: [
                {
                  path: "usuarios",
                  lazy: async () => ({
                    Component: (await import("../features/users/UsersPage")).UsersPage,
                  }),
                },
                {
                  path: "revisores",
                  lazy: async () => ({
                    Component: (await import("../features/portfolios/PortfoliosPage"))
                      .PortfoliosPage,
                  }),
                },
                {
                  path: "modelo/editor",
                  lazy: async () => ({
                    Component: (await import("../features/model/editor/VersionsPage")).VersionsPage,
                  }),
                },
                {
                  path: "modelo/editor/:id",
                  lazy: async () => ({
                    Component: (await import("../features/model/editor/VersionPage")).VersionPage,
                  }),
                },
                {
                  path: "institucion",
                  lazy: async () => ({
                    Component: (await import("../features/institution/InstitutionPage"))
                      .InstitutionPage,
                  }),
                },
                {
                  path: "importar",
                  lazy: async () => ({
                    Component: (await import("../features/imports/ImportPage")).ImportPage,
                  }),
                },
                {
                  path: "bitacora",
                  lazy: async () => ({
                    Component: (await import("../features/audit/AuditPage")).AuditPage,
                  }),
                },
                {
                  path: "correo-saliente",
                  lazy: async () => ({
                    Component: (await import("../features/notifications/OutboxPage")).OutboxPage,
                  }),
                },
              ],
            },
            { path: "*", element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
