import { useState } from "react";
import { api, isApiError } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Detail } from "../../ui/Detail";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import {
  AttachDocumentDialog,
  type AttachRequest,
  agreementAttachRequest,
} from "../agreements/AttachDocumentDialog";
import { DocumentLink } from "../agreements/DocumentLink";
import { useCurrentUser } from "../auth/session";
import { useLiaisonHistory, useMunicipalityAgreement } from "./queries";

/** For staff: the agreement and the liaisons (current and past) of a municipality. */
export function ParticipationSummary({ cvegeo }: { cvegeo: string }) {
  const agreement = useMunicipalityAgreement(cvegeo);
  const liaisons = useLiaisonHistory(cvegeo, agreement.isSuccess);
  const admin = useCurrentUser()?.role === "admin";
  const [attaching, setAttaching] = useState<AttachRequest | null>(null);
  if (agreement.isPending) {
    return <Loading label="Cargando el convenio…" />;
  }
  if (agreement.isError) {
    return isApiError(agreement.error) && agreement.error.status === 404 ? (
      <p className="note">Este municipio no tiene un convenio registrado.</p>
    ) : (
      <ErrorAlert error={agreement.error} />
    );
  }
  const data = agreement.data;
  return (
    <div className="two-columns">
      <section className="card stack" aria-labelledby="convenio-titulo">
        <h2 id="convenio-titulo">Convenio</h2>
        <dl className="meta-list meta-list--wide">
          <Detail term="Firmado">{formatLocalDate(data.signedOn)}</Detail>
          <Detail term="Cohorte">{data.cohort}</Detail>
          <Detail term="Modelo">Versión {data.modelVersion}</Detail>
          <Detail term="Documento">
            {data.document ? (
              <DocumentLink
                href={api.agreements.documentUrl(data.id)}
                label="Convenio firmado"
                document={data.document}
              />
            ) : (
              <span className="muted">Sin convenio firmado adjunto</span>
            )}
          </Detail>
        </dl>
        {admin ? (
          <div className="button-row">
            <Button size="small" onClick={() => setAttaching(agreementAttachRequest(data))}>
              {data.document ? "Reemplazar convenio firmado" : "Adjuntar convenio firmado"}
            </Button>
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="enlace-titulo">
        <h2 id="enlace-titulo">Enlace</h2>
        {liaisons.isPending ? <Loading label="Cargando enlaces…" /> : null}
        <ErrorAlert error={liaisons.error} />
        {liaisons.data && liaisons.data.length === 0 ? (
          <p className="muted">Aún no se ha designado un enlace.</p>
        ) : null}
        {liaisons.data && liaisons.data.length > 0 ? (
          <ul className="liaison-list">
            {liaisons.data.map((designation) => (
              <li key={designation.id}>
                <span className="cell-title">{designation.user.name}</span>{" "}
                {designation.current ? <Badge tone="success">En funciones</Badge> : null}
                <span className="cell-subtitle">
                  {designation.user.email} · desde el {formatLocalDate(designation.designatedOn)}
                  {designation.endedAt ? ` hasta el ${formatDateTime(designation.endedAt)}` : ""}
                </span>
                {designation.letter ? (
                  <span className="cell-subtitle">
                    <DocumentLink
                      href={api.liaisons.letterUrl(designation.id)}
                      label="Oficio de designación"
                      document={designation.letter}
                    />
                  </span>
                ) : admin ? (
                  <Button
                    size="small"
                    onClick={() =>
                      setAttaching({
                        target: "letter",
                        id: designation.id,
                        cvegeo,
                        title: `Adjuntar oficio de designación de ${designation.user.name}`,
                        replacing: false,
                      })
                    }
                  >
                    Adjuntar oficio
                    <span className="visually-hidden"> de {designation.user.name}</span>
                  </Button>
                ) : (
                  <span className="cell-subtitle muted">Sin oficio de designación</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <AttachDocumentDialog request={attaching} onClose={() => setAttaching(null)} />
    </div>
  );
}
