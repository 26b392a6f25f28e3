import { Link } from "react-router";
import type { Agreement } from "../../../contracts/participation.js";
import { api } from "../../api/client";
import { Button } from "../../ui/Button";
import { formatLocalDate } from "../../ui/format";
import { Table } from "../../ui/Table";
import { ACTIONS_COLUMN } from "../../ui/TableHead";
import { type AttachRequest, agreementAttachRequest } from "./AttachDocumentDialog";
import { DocumentLink } from "./DocumentLink";
import { participationText } from "./participation";

/**
 * The agreements with their standing; staff open an agreement's history (renewals, suspensions,
 * termination), and an administrator corrects one, attaches its document, designates.
 */
export function AgreementsTable({
  agreements,
  admin,
  onTerms,
  onCorrect,
  onAttach,
  onDesignate,
}: {
  agreements: Agreement[];
  admin: boolean;
  onTerms: (agreement: Agreement) => void;
  onCorrect: (agreement: Agreement) => void;
  onAttach: (request: AttachRequest) => void;
  onDesignate: (agreement: Agreement) => void;
}) {
  return (
    <Table
      caption="Convenios"
      className="table--stack"
      columns={["Municipio", "Firma, cohorte y documento", "Enlace", "Vigencia", ACTIONS_COLUMN]}
    >
      {agreements.map((agreement) => (
        <tr key={agreement.id} data-agreement={agreement.municipality.cvegeo}>
          <th scope="row" data-label="Municipio">
            <Link to={`/municipios/${agreement.municipality.cvegeo}`}>
              {agreement.municipality.name}
            </Link>
            <span className="cell-subtitle mono">{agreement.municipality.cvegeo}</span>
          </th>
          <td data-label="Firma, cohorte y documento">
            {/* The signing date, never the upload's: the link names it; the upload says its own. */}
            {agreement.document ? (
              <DocumentLink
                href={api.agreements.documentUrl(agreement.id)}
                label={`Convenio firmado el ${formatLocalDate(agreement.signedOn)}`}
                document={agreement.document}
              />
            ) : (
              <>Convenio firmado el {formatLocalDate(agreement.signedOn)}</>
            )}
            <span className="cell-subtitle">
              {agreement.cohort} · modelo v{agreement.modelVersion}
            </span>
            {agreement.document ? null : (
              <span className="cell-subtitle">Sin convenio firmado adjunto</span>
            )}
          </td>
          <td data-label="Enlace">
            {agreement.liaison ? (
              <>
                {agreement.liaison.name}
                <span className="cell-subtitle">{agreement.liaison.email}</span>
              </>
            ) : (
              <span className="muted">Sin enlace designado</span>
            )}
          </td>
          <td data-label="Vigencia" data-participation={agreement.participation.status}>
            {participationText(agreement)}
          </td>
          <td className="actions-cell">
            <div className="button-row button-row--tight">
              <Button size="small" onClick={() => onTerms(agreement)}>
                {admin ? "Renovar, suspender o terminar" : "Historia del convenio"}
                <span className="visually-hidden"> de {agreement.municipality.name}</span>
              </Button>
              {admin ? (
                <>
                  <Button size="small" onClick={() => onCorrect(agreement)}>
                    Corregir
                    <span className="visually-hidden"> {agreement.municipality.name}</span>
                  </Button>
                  <Button size="small" onClick={() => onAttach(agreementAttachRequest(agreement))}>
                    {agreement.document ? "Reemplazar" : "Adjuntar convenio firmado"}
                    <span className="visually-hidden">
                      {agreement.document ? " convenio firmado" : ""} de{" "}
                      {agreement.municipality.name}
                    </span>
                  </Button>
                  <Button size="small" onClick={() => onDesignate(agreement)}>
                    Designar enlace
                    <span className="visually-hidden"> de {agreement.municipality.name}</span>
                  </Button>
                </>
              ) : null}
            </div>
          </td>
        </tr>
      ))}
    </Table>
  );
}
