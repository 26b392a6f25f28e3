import { useState } from "react";
import { useSearchParams } from "react-router";
import type { Agreement } from "../../../contracts/participation.js";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { SelectField } from "../../ui/SelectField";
import { useCurrentUser } from "../auth/session";
import { AgreementChangesDialog } from "./AgreementChangesDialog";
import { AgreementsTable } from "./AgreementsTable";
import { AttachDocumentDialog, type AttachRequest } from "./AttachDocumentDialog";
import { CorrectAgreementDialog } from "./CorrectAgreementDialog";
import { DesignateLiaisonDialog } from "./DesignateLiaisonDialog";
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
  const [terms, setTerms] = useState<Agreement | null>(null);
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
        <SelectField
          label="Cohorte"
          value={cohort}
          onChange={(value) => setSearch(value ? { cohorte: value } : {}, { replace: true })}
          blank="Todas"
          options={cohorts.map((name) => ({ value: name, label: name }))}
        />
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
            <AgreementsTable
              agreements={agreements.data}
              admin={admin}
              onTerms={setTerms}
              onCorrect={setCorrecting}
              onAttach={setAttaching}
              onDesignate={setDesignating}
            />
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
      <AgreementChangesDialog agreement={terms} admin={admin} onClose={() => setTerms(null)} />
      <DesignateLiaisonDialog agreement={designating} onClose={() => setDesignating(null)} />
      <AttachDocumentDialog request={attaching} onClose={() => setAttaching(null)} />
    </>
  );
}
