import { canIssueReportCard } from "../../../domain/policy.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert, FormError } from "../../ui/Alert";
import { MutationButton } from "../../ui/Button";
import { formatDateTime } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { NotDesignatedNote } from "../auth/NotDesignatedNote";
import { useCurrentUser } from "../auth/session";
import { formatPercent } from "../dashboard/format";
import { useMunicipalDashboard } from "../dashboard/municipal-query";
import { useIssueReportCard, useReportCards } from "./queries";
import "../dashboard/dashboard.css";

/**
 * A municipality's report cards (cédulas de avance): staff and the municipality's liaison issue
 * one (a PDF with a verification code); everyone who sees the municipality downloads them.
 */
export function ReportCardsSection({ cvegeo, name }: { cvegeo: string; name: string }) {
  const user = useCurrentUser();
  const cards = useReportCards(cvegeo);
  const issue = useIssueReportCard(cvegeo);
  // Same query as the dashboard above it (read when the page opened, so not asked again): only a
  // municipality that takes part has a card to issue.
  const participating =
    useMunicipalDashboard(cvegeo, { refetchOnMount: false }).data?.participating === true;
  const canIssue = participating && user !== null && canIssueReportCard(user, cvegeo);
  const issued = issue.data;
  return (
    <div className="stack dashboard-page">
      <p>
        La cédula de avance resume el índice, las dimensiones, el estado y las fechas de cada
        herramienta y las observaciones abiertas a la fecha de emisión. Lleva un código que
        cualquiera puede verificar en la página pública de verificación.
      </p>
      {canIssue ? (
        <div className="button-row">
          <MutationButton variant="primary" mutation={issue} busyLabel="Emitiendo…">
            Emitir cédula de avance
          </MutationButton>
        </div>
      ) : null}
      {participating ? <NotDesignatedNote user={user} action="emite la cédula" /> : null}
      <FormError error={issue.error} />
      {issued ? (
        <Alert tone="success" title="Cédula emitida">
          <p>
            La cédula de {name} quedó registrada con el código{" "}
            <strong className="code-chip">{issued.code}</strong>.{" "}
            <a href={api.reportCards.pdfUrl(issued.id)} download>
              Descargar la cédula (PDF)
            </a>
          </p>
        </Alert>
      ) : null}
      {cards.isPending ? <Loading label="Cargando cédulas…" /> : null}
      <ErrorAlert error={cards.error} />
      {cards.data && cards.data.length === 0 ? (
        <p className="muted">Aún no se ha emitido ninguna cédula.</p>
      ) : null}
      {cards.data && cards.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">Cédulas de avance emitidas</caption>
            <thead>
              <tr>
                <th scope="col">Emitida</th>
                <th scope="col">Por</th>
                <th scope="col" className="numeric">
                  Índice
                </th>
                <th scope="col">Código</th>
                <th scope="col">
                  <span className="visually-hidden">Descarga</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cards.data.map((card) => (
                <tr key={card.id}>
                  <td>{formatDateTime(card.issuedAt)}</td>
                  <td>{card.issuedBy ?? "—"}</td>
                  <td className="numeric">{formatPercent(card.index)}</td>
                  <td>
                    <span className="code-chip">{card.code}</span>
                  </td>
                  <td>
                    <a href={api.reportCards.pdfUrl(card.id)} download>
                      PDF<span className="visually-hidden"> de la cédula {card.code}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
