import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Agreement } from "../../../contracts/participation.js";
import { api } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { formatLocalDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useCurrentUser } from "../auth/session";
import { AttachDocumentDialog, type AttachRequest } from "./AttachDocumentDialog";
import { CorrectAgreementDialog } from "./CorrectAgreementDialog";
import { DesignateLiaisonDialog } from "./DesignateLiaisonDialog";
import { DocumentLink } from "./DocumentLink";
import { useAgreements } from "./queries";
import { RegisterAgreementDialog } from "./RegisterAgreementDialog";

/** The municipalities taking part: their agreements and liaisons (admin edits, reviewers read). */
export function AgreementsPage() {
  const [search, setSearch] = useSearchParams();
  const cohort = search.get("cohorte") ?? "";
  const all = useAgreements();
  const agreements = useAgreements(cohort || undefined);
  const admin = useCurrentUser()?.role === "admin";
  const [registering, setRegistering] = useState(false);
  const [correcting, setCorrecting] = useState<Agreement | null>(null);
  const [designating, setDesignating] = useState<Agreement | null>(null);
  const [attaching, setAttaching] = useState<AttachRequest | null>(null);
  const cohorts = [...new Set((all.data ?? []).map((agreement) => agreement.cohort))].sort();

  return (
    <>
      <PageHeader
        title="Convenios"
        description={
          <p>
            Municipios que firmaron el convenio de colaboración, su cohorte y su enlace designado.
          </p>
        }
        actions={
          admin ? (
            <Button variant="primary" onClick={() => setRegistering(true)}>
              Registrar convenio
            </Button>
          ) : null
        }
      />
      <search className="toolbar filters" aria-label="Filtrar convenios">
        <Field label="Cohorte">
          {(control) => (
            <select
              {...control}
              className="input"
              value={cohort}
              onChange={(event) =>
                setSearch(event.target.value ? { cohorte: event.target.value } : {}, {
                  replace: true,
                })
              }
            >
              <option value="">Todas</option>
              {cohorts.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </search>
      {agreements.isPending ? <Loading label="Cargando convenios…" /> : null}
      <ErrorAlert error={agreements.error} />
      {agreements.data ? (
        <>
          <p className="result-count" role="status">
            {plural(agreements.data.length, "convenio", "convenios")}
          </p>
          {agreements.data.length === 0 ? (
            <p className="empty">No hay convenios registrados{cohort ? ` en «${cohort}»` : ""}.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--stack">
                <caption className="visually-hidden">Convenios</caption>
                <thead>
                  <tr>
                    <th scope="col">Municipio</th>
                    <th scope="col">Firma, cohorte y documento</th>
                    <th scope="col">Enlace</th>
                    {admin ? (
                      <th scope="col">
                        <span className="visually-hidden">Acciones</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {agreements.data.map((agreement) => (
                    <tr key={agreement.id} data-agreement={agreement.municipality.cvegeo}>
                      <th scope="row" data-label="Municipio">
                        <Link to={`/municipios/${agreement.municipality.cvegeo}`}>
                          {agreement.municipality.name}
                        </Link>
                        <span className="cell-subtitle mono">{agreement.municipality.cvegeo}</span>
                      </th>
                      <td data-label="Firma, cohorte y documento">
                        {formatLocalDate(agreement.signedOn)}
                        <span className="cell-subtitle">
                          {agreement.cohort} · modelo v{agreement.modelVersion}
                        </span>
                        <span className="cell-subtitle">
                          {agreement.document ? (
                            <DocumentLink
                              href={api.agreements.documentUrl(agreement.id)}
                              label="Convenio firmado"
                              document={agreement.document}
                            />
                          ) : (
                            "Sin convenio firmado adjunto"
                          )}
                        </span>
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
                      {admin ? (
                        <td className="actions-cell">
                          <div className="button-row button-row--tight">
                            <Button size="small" onClick={() => setCorrecting(agreement)}>
                              Corregir
                              <span className="visually-hidden">
                                {" "}
                                {agreement.municipality.name}
                              </span>
                            </Button>
                            <Button
                              size="small"
                              onClick={() =>
                                setAttaching({
                                  target: "agreement",
                                  id: agreement.id,
                                  cvegeo: agreement.municipality.cvegeo,
                                  title: `${agreement.document ? "Reemplazar" : "Adjuntar"} convenio firmado de ${agreement.municipality.name}`,
                                  replacing: agreement.document !== null,
                                })
                              }
                            >
                              {agreement.document ? "Reemplazar" : "Adjuntar convenio firmado"}
                              <span className="visually-hidden">
                                {agreement.document ? " convenio firmado" : ""} de{" "}
                                {agreement.municipality.name}
                              </span>
                            </Button>
                            <Button size="small" onClick={() => setDesignating(agreement)}>
                              Designar enlace
                              <span className="visually-hidden">
                                {" "}
                                de {agreement.municipality.name}
                              </span>
                            </Button>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <RegisterAgreementDialog
        open={registering}
        taken={new Set((all.data ?? []).map((agreement) => agreement.municipality.cvegeo))}
        cohorts={cohorts}
        onClose={() => setRegistering(false)}
      />
      <CorrectAgreementDialog
        agreement={correcting}
        cohorts={cohorts}
        onClose={() => setCorrecting(null)}
      />
      <DesignateLiaisonDialog agreement={designating} onClose={() => setDesignating(null)} />
      <AttachDocumentDialog request={attaching} onClose={() => setAttaching(null)} />
    </>
  );
}
