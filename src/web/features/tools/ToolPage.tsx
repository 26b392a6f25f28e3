import { Link, useParams } from "react-router";
import { hasConsultation } from "../../../domain/consultations.js";
import { INDICATORS_TOOL_CODE } from "../../../domain/indicators.js";
import { actingRole, canSubmitTool } from "../../../domain/policy.js";
import { isMunicipalRole, isStaffRole } from "../../../domain/roles.js";
import { SURVEY_TOOL_CODE } from "../../../domain/survey.js";
import { IMPORTED_REVIEW_NOTE, isImportedReview, transition } from "../../../domain/tool-state.js";
import { keepsTrainingRegister } from "../../../domain/trainings.js";
import { Alert } from "../../ui/Alert";
import { formatLocalDate } from "../../ui/format";
import { QueryPending } from "../../ui/QueryResults";
import { NotDesignatedNote } from "../auth/NotDesignatedNote";
import { useCurrentUser } from "../auth/session";
import { ConsultationSection } from "../consultations/ConsultationSection";
import { ExemptionSection } from "../exemptions/ExemptionSection";
import { ExtensionSection } from "../extensions/ExtensionSection";
import { IndicatorsLinkCard } from "../indicators/IndicatorsLinkCard";
import { SurveyLinkCard } from "../surveys/SurveyLinkCard";
import { TrainingRegisterSection } from "../trainings/TrainingRegisterSection";
import { AgreementDocument } from "./AgreementDocument";
import { EvidenceList } from "./EvidenceList";
import { EvidenceUploadForm } from "./EvidenceUploadForm";
import { History } from "./History";
import { useToolInstance } from "./queries";
import { ReviewForm } from "./ReviewForm";
import { SubmitSection } from "./SubmitSection";
import { ToolHeader } from "./ToolHeader";
import { ToolRequirements } from "./ToolRequirements";

/** One municipality's instance of a tool: documents, submission, review and its history. */
export function ToolPage() {
  const { id = "" } = useParams();
  const detail = useToolInstance(id);
  const user = useCurrentUser();

  if (!detail.isSuccess) {
    return <QueryPending query={detail} loadingLabel="Cargando la herramienta…" />;
  }
  const tool = detail.data;
  // The tool as the municipality's agreement's model version defines it (not the newest model).
  const { modelTool } = tool;
  const criteria = modelTool.criteria;
  const municipal = user ? isMunicipalRole(user.role) : false;
  const staff = user ? isStaffRole(user.role) : false;
  // An «En revisión» loaded by the XLSX import waits for its documents in MRTM (decision 0025).
  const importedReview = isImportedReview(tool.state, tool.importedOn);
  // Whether the municipality may change its documents now: the server's transition table.
  const editable = user
    ? transition(tool.state, "add_evidence", user.role, { hasEvidence: true, importedReview }).ok
    : false;
  return (
    <div className="stack stack--large">
      <ToolHeader
        detail={tool}
        annual={modelTool.period.kind === "annual"}
        maturityLevels={modelTool.maturityLevels}
      />
      {importedReview ? (
        <Alert tone="info" title="Importada en revisión, sin documentos en MRTM">
          {IMPORTED_REVIEW_NOTE}
        </Alert>
      ) : null}
      {staff && tool.state === "submitted" && !importedReview ? (
        <ReviewForm
          key={tool.version}
          detail={tool}
          criteria={criteria}
          maturityLevels={modelTool.maturityLevels}
          onReload={() => void detail.refetch()}
        />
      ) : null}
      {tool.tool === SURVEY_TOOL_CODE ? <SurveyLinkCard instanceId={tool.id} /> : null}
      {tool.tool === INDICATORS_TOOL_CODE ? <IndicatorsLinkCard instanceId={tool.id} /> : null}
      {modelTool.period.kind === "project" ? (
        <section className="card stack" aria-labelledby="fichas-titulo">
          <h2 id="fichas-titulo">Fichas de proyecto</h2>
          <p>
            El plazo de esta herramienta es la fecha de término más tardía de las fichas de proyecto
            no canceladas del municipio. Cada ficha se imprime para su aprobación en cabildo; suba
            aquí la copia firmada como evidencia.
          </p>
          <p>
            <Link to={`/municipios/${tool.municipality.cvegeo}/proyectos`}>
              {municipal
                ? "Registrar o editar las fichas de proyecto"
                : "Ver las fichas de proyecto"}
            </Link>
          </p>
        </section>
      ) : null}
      {modelTool.guidedDocument ? (
        <section className="card stack" aria-labelledby="documento-guiado-titulo">
          <h2 id="documento-guiado-titulo">Documento guiado</h2>
          <p>
            El modelo ofrece una plantilla para este documento: secciones con lo que cada una debe
            contener. El equipo del municipio lo redacta aquí, lo descarga en Word o PDF para su
            aprobación y sube la copia firmada como evidencia.
          </p>
          <p>
            <Link to={`/herramientas/${tool.id}/documento`}>
              {municipal ? "Redactar el documento" : "Ver el borrador del documento"}
            </Link>
          </p>
        </section>
      ) : null}
      {keepsTrainingRegister(tool.tool) ? <TrainingRegisterSection instanceId={tool.id} /> : null}
      {hasConsultation(tool.tool) ? <ConsultationSection instanceId={tool.id} /> : null}
      <ExtensionSection tool={tool} user={user} />
      <ExemptionSection cvegeo={tool.municipality.cvegeo} tool={tool.tool} staff={staff} />
      <ToolRequirements detail={tool} />
      <section className="stack" aria-labelledby="documentos-titulo">
        <h2 id="documentos-titulo">Documentos</h2>
        {tool.agreement ? (
          <AgreementDocument agreement={tool.agreement} />
        ) : (
          <EvidenceList
            evidence={tool.evidence}
            actions={
              user
                ? {
                    instanceId: tool.id,
                    cvegeo: tool.municipality.cvegeo,
                    role: actingRole(user),
                    instanceState: tool.state,
                  }
                : undefined
            }
          />
        )}
        {editable ? (
          <div className="card stack">
            <h3>Subir un documento</h3>
            <EvidenceUploadForm instanceId={tool.id} label="Subir un documento" />
          </div>
        ) : null}
        {editable && user && canSubmitTool(user, tool.municipality.cvegeo) ? (
          <SubmitSection detail={tool} />
        ) : null}
        {editable ? <NotDesignatedNote user={user} action="envía a revisión" /> : null}
        {editable && user?.role === "collaborator" ? (
          <p className="note" data-testid="collaborator-note">
            Solo el enlace municipal envía la herramienta a revisión. Usted puede subir y preparar
            los documentos; avise a su enlace cuando estén listos.
          </p>
        ) : null}
        {municipal && tool.state === "submitted" && !importedReview ? (
          <p className="note">La herramienta está en revisión: espere la decisión del revisor.</p>
        ) : null}
      </section>
      <section className="stack" aria-labelledby="historial-titulo">
        <h2 id="historial-titulo">Historial de revisión</h2>
        {tool.agreement && tool.history.length === 0 ? (
          <p className="empty">
            Validada el {formatLocalDate(tool.agreement.signedOn)}, fecha de firma del convenio: no
            pasa por revisión.
          </p>
        ) : (
          <History detail={tool} criteria={criteria} canAnswer={municipal} />
        )}
      </section>
    </div>
  );
}
