import { memo } from "react";
import { Link, Navigate, useParams } from "react-router";
import type { ToolInstance } from "../../../contracts/participation.js";
import { isMunicipalRole, isStaffRole } from "../../../domain/roles.js";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useAfterPaint } from "../../ui/useAfterPaint";
import { useSearchFilters } from "../../ui/useUrlFilters";
import { NotDesignatedNote } from "../auth/NotDesignatedNote";
import { useCurrentUser } from "../auth/session";
import { MunicipalDashboard } from "../dashboard/MunicipalDashboard";
import { useDiagnostic } from "../diagnostic/queries";
import { useMunicipalities } from "../municipalities/queries";
import { ReportCardsSection } from "../report-cards/ReportCardsSection";
import { useMunicipalityTools } from "../tools/queries";
import { ToolsTable } from "../tools/ToolsTable";
import { AdministrationsSection } from "./AdministrationsSection";
import { ParticipationSummary } from "./ParticipationSummary";
import { Timeline } from "./Timeline";
import { WorkSummary } from "./WorkSummary";
import {
  filterTools,
  readToolFilter,
  TOOL_FILTER_LABELS,
  TOOL_FILTERS,
  toolFilterCounts,
} from "./work";
import "./municipality.css";

/** "/mi-municipio": a liaison's or collaborator's own municipality. */
export function MyMunicipalityRedirect() {
  const user = useCurrentUser();
  if (!user?.municipality) {
    return <Navigate to="/municipios" replace />;
  }
  return <Navigate to={`/municipios/${user.municipality.cvegeo}`} replace />;
}

/**
 * A municipality's work: for its own people the home page; for staff, with agreement and timeline.
 * Another municipality's people get one page saying it is not available to them (the server
 * answers 404 to each of its requests), without asking the server anything.
 */
export function MunicipalityPage() {
  const { cvegeo = "" } = useParams();
  const user = useCurrentUser();
  if (user && isMunicipalRole(user.role) && user.municipality?.cvegeo !== cvegeo) {
    return <MunicipalityUnavailable own={user.municipality} />;
  }
  return <MunicipalityContent cvegeo={cvegeo} />;
}

function MunicipalityUnavailable({ own }: { own: { cvegeo: string; name: string } | null }) {
  return (
    <div className="narrow stack" data-testid="municipality-unavailable">
      <PageHeader title="Municipio no disponible" />
      <p>
        Su cuenta solo da acceso a la información de su municipio. La de otros municipios no está
        disponible para usted; su avance público puede consultarse en el portal.
      </p>
      <ul className="link-list">
        {own ? (
          <li>
            <Link to={`/municipios/${own.cvegeo}`}>Ir a mi municipio: {own.name}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/publico">Ver el portal público</Link>
        </li>
      </ul>
    </div>
  );
}

/** The tools by dimension, with a filter by state (kept in the address: `?estado=`). */
function FilteredTools({ tools }: { tools: ToolInstance[] }) {
  const { filters: filter, update } = useSearchFilters(readToolFilter);
  if (tools.length === 0) {
    return <ToolsTable tools={tools} headingLevel={3} />;
  }
  const counts = toolFilterCounts(tools);
  const shown = filterTools(tools, filter);
  return (
    <>
      <fieldset className="tool-filter">
        <legend>Mostrar</legend>
        {TOOL_FILTERS.filter((option) => option === "todas" || counts[option] > 0).map((option) => (
          <Button
            key={option}
            size="small"
            className="tool-filter__button"
            aria-pressed={filter === option}
            onClick={() => update({ estado: option === "todas" ? undefined : option })}
          >
            {`${TOOL_FILTER_LABELS[option]} (${counts[option]})`}
          </Button>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p className="empty">Ninguna herramienta en «{TOOL_FILTER_LABELS[filter]}».</p>
      ) : (
        <ToolsTable tools={shown} headingLevel={3} />
      )}
    </>
  );
}

function MunicipalityContent({ cvegeo }: { cvegeo: string }) {
  const user = useCurrentUser();
  const staff = user ? isStaffRole(user.role) : false;
  const own = user?.municipality?.cvegeo === cvegeo;
  const name =
    useMunicipalities().data?.find((m) => m.cvegeo === cvegeo)?.name ??
    (own ? user?.municipality?.name : undefined) ??
    cvegeo;
  // The route's loader asked as the page opened (first-reads.ts).
  const tools = useMunicipalityTools(cvegeo, { refetchOnMount: false });
  const diagnostic = useDiagnostic(cvegeo, tools.isSuccess && tools.data.length > 0);
  // The sections below the tools are drawn once «Qué hacer ahora» and the tools are on screen.
  const later = useAfterPaint(!tools.isPending);

  return (
    <div className="stack stack--large">
      <PageHeader
        title={own ? `Mi municipio: ${name}` : name}
        description={
          <p>
            Herramientas del modelo en el municipio, su estado y sus plazos.
            {own ? " Abra una herramienta para subir documentos y enviarla a revisión." : ""}
          </p>
        }
        actions={
          <>
            {diagnostic.data ? (
              <Link to={`/municipios/${cvegeo}/diagnostico`} className="button button--secondary">
                Diagnóstico inicial
              </Link>
            ) : null}
            {tools.data && tools.data.length > 0 ? (
              <Link to={`/municipios/${cvegeo}/proyectos`} className="button button--secondary">
                Fichas de proyecto
              </Link>
            ) : null}
            {tools.data && tools.data.length > 0 ? (
              <Link
                to={`/municipios/${cvegeo}/plan-de-mejora`}
                className="button button--secondary"
              >
                Plan de mejora
              </Link>
            ) : null}
          </>
        }
      />
      {own ? (
        <NotDesignatedNote
          user={user}
          action="envía a revisión, envía el diagnóstico, emite la cédula de avance y da por cumplidos los acuerdos"
        />
      ) : null}
      {diagnostic.data?.status === "draft" ? (
        <div className="alert alert--warning" role="status">
          <p className="alert__title">El diagnóstico inicial aún no se ha enviado</p>
          <div className="alert__body">
            <p>
              {own
                ? "Indique qué herramientas ya tiene el municipio y cuáles están pendientes."
                : "El municipio aún no envía su diagnóstico inicial."}{" "}
              <Link to={`/municipios/${cvegeo}/diagnostico`}>
                {own ? "Responder el diagnóstico" : "Ver el borrador"}
              </Link>
            </p>
          </div>
        </div>
      ) : null}
      <WorkSummary cvegeo={cvegeo} />
      <section className="stack" aria-labelledby="herramientas-titulo">
        <h2 id="herramientas-titulo">Herramientas</h2>
        {tools.isPending ? <Loading label="Cargando herramientas…" /> : null}
        <ErrorAlert error={tools.error} />
        {tools.data ? <FilteredTools tools={tools.data} /> : null}
      </section>
      {later ? (
        <LaterSections cvegeo={cvegeo} name={name} staff={staff} admin={user?.role === "admin"} />
      ) : null}
    </div>
  );
}

/**
 * What lies below the tools, mounted once the tools have answered and been painted: the summary
 * and the tool list come first, and these sections' own reads (administrations, report cards,
 * timeline) and drawing do not queue before them. Memoised: a filter click above does not redraw
 * them.
 */
const LaterSections = memo(function LaterSections({
  cvegeo,
  name,
  staff,
  admin,
}: {
  cvegeo: string;
  name: string;
  staff: boolean;
  admin: boolean;
}) {
  return (
    <>
      <section className="stack" aria-labelledby="avance-titulo">
        <h2 id="avance-titulo">Avance</h2>
        <MunicipalDashboard cvegeo={cvegeo} refetchOnMount={false} />
      </section>
      {staff ? <ParticipationSummary cvegeo={cvegeo} /> : null}
      <AdministrationsSection cvegeo={cvegeo} admin={admin} />
      <section className="stack" aria-labelledby="cedulas-titulo">
        <h2 id="cedulas-titulo">Cédulas de avance</h2>
        <ReportCardsSection cvegeo={cvegeo} name={name} />
      </section>
      {staff ? (
        <section className="stack" aria-labelledby="actividad-titulo">
          <h2 id="actividad-titulo">Línea de tiempo</h2>
          <Timeline cvegeo={cvegeo} />
        </section>
      ) : null}
    </>
  );
});
