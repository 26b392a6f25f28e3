import { Link } from "react-router";
import type { Diagnostic } from "../../../contracts/participation.js";
import { DIAGNOSTIC_ANSWER_LABELS, shownLabel } from "../../../domain/diagnostic.js";
import { api } from "../../api/client";
import { Alert } from "../../ui/Alert";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { Table } from "../../ui/Table";
import { StateBadge } from "../tools/StateBadge";
import { DiagnosticRounds } from "./DiagnosticRounds";
import { itemLabel } from "./DiagnosticRow";

/** The diagnostic, read-only: after submission, or for staff and collaborators of others. */
export function DiagnosticSummary({
  diagnostic,
  title,
}: {
  diagnostic: Diagnostic;
  title: string;
}) {
  const submitted = diagnostic.status === "submitted";
  const cvegeo = diagnostic.municipality.cvegeo;
  return (
    <div className="stack stack--large">
      <PageHeader
        title={title}
        actions={
          submitted ? (
            <a
              className="button button--primary"
              href={api.diagnostic.acknowledgementUrl(cvegeo)}
              download
            >
              Descargar acuse (PDF)
            </a>
          ) : null
        }
      />
      {submitted ? (
        <Alert tone="success" title="Diagnóstico enviado">
          <p>
            Enviado el {formatDateTime(diagnostic.submittedAt)}
            {diagnostic.submittedBy ? ` por ${diagnostic.submittedBy}` : ""}.
          </p>
        </Alert>
      ) : (
        <Alert tone="info" title="Borrador">
          <p>El municipio aún no envía su diagnóstico. Estas son sus respuestas hasta ahora.</p>
        </Alert>
      )}
      <DiagnosticRounds diagnostic={diagnostic} />
      <p>
        Convenio firmado el {formatLocalDate(diagnostic.agreement.signedOn)}. Las herramientas
        validadas o en revisión se muestran con su estado, sin pregunta.
      </p>
      <Table
        caption="Respuestas del diagnóstico"
        className="table--stack"
        columns={["Herramienta", "Respuesta", "Documentos", "Estado actual"]}
      >
        {diagnostic.items.map((item) => (
          <tr key={item.instanceId} data-instance-tool={item.tool}>
            <th scope="row" data-label="Herramienta">
              <Link to={`/herramientas/${item.instanceId}`}>
                <span className="mono">{item.tool}</span> {itemLabel(item)}
              </Link>
            </th>
            <td data-label="Respuesta">
              {item.answer
                ? DIAGNOSTIC_ANSWER_LABELS[item.answer]
                : (shownLabel(item, diagnostic.agreement.unitName) ?? "Sin respuesta")}
            </td>
            <td data-label="Documentos">{item.evidenceCount}</td>
            <td data-label="Estado actual">
              <StateBadge state={item.state} />
            </td>
          </tr>
        ))}
      </Table>
      <p>
        <Link to={`/municipios/${cvegeo}`}>Volver al municipio</Link>
      </p>
    </div>
  );
}
