import { ErrorAlert } from "../../ui/Alert";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { InstitutionForm } from "./InstitutionForm";
import { LogoSection } from "./LogoSection";
import { useInstitution } from "./queries";

/** The institution that runs the platform: its names and logo are data, not code. */
export function InstitutionPage() {
  const institution = useInstitution();
  return (
    <>
      <PageHeader
        title="Institución"
        description={
          <p>
            Los datos del órgano garante que opera la plataforma. Aparecen en el encabezado y el pie
            de todas las páginas.
          </p>
        }
      />
      {institution.isPending ? <Loading /> : null}
      <ErrorAlert error={institution.error} />
      {institution.data ? (
        <div className="two-columns">
          <InstitutionForm institution={institution.data} />
          <LogoSection institution={institution.data} />
        </div>
      ) : null}
    </>
  );
}
