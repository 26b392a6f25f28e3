import { Link, useSearchParams } from "react-router";
import { isStaffRole } from "../../../domain/roles.js";
import { ErrorAlert } from "../../ui/Alert";
import { formatNumber } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { SearchField } from "../../ui/SearchField";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { useCurrentUser } from "../auth/session";
import { publicMunicipalityPath } from "../public/queries";
import { filterMunicipalities, useMunicipalities } from "./queries";

/** The municipalities of the catalog, searchable by name or INEGI key. */
export function MunicipalitiesPage() {
  const [search, setSearch] = useSearchParams();
  const query = search.get("q") ?? "";
  const municipalities = useMunicipalities();
  const user = useCurrentUser();
  const staff = user ? isStaffRole(user.role) : false;

  function changeQuery(value: string) {
    setSearch(value ? { q: value } : {}, { replace: true });
  }

  const all = municipalities.data ?? [];
  const shown = filterMunicipalities(all, query);
  return (
    <>
      <PageHeader
        title="Municipios"
        description={
          <p>
            Municipios del catálogo, con su clave geoestadística del INEGI y su población en 2020.
          </p>
        }
      />
      <search className="toolbar">
        <SearchField
          label="Buscar municipio"
          hint="Por nombre (sin importar acentos) o por clave INEGI."
          value={query}
          onChange={changeQuery}
          autoComplete="off"
        />
      </search>
      {municipalities.isPending ? <Loading label="Cargando municipios…" /> : null}
      <ErrorAlert error={municipalities.error} />
      {municipalities.isSuccess ? (
        <>
          <p className="result-count" role="status">
            {query
              ? `${formatNumber(shown.length)} de ${formatNumber(all.length)} municipios`
              : `${formatNumber(all.length)} municipios`}
          </p>
          {shown.length === 0 ? (
            <p className="empty">Ningún municipio coincide con «{query}».</p>
          ) : (
            <Table
              caption="Municipios"
              columns={["Clave INEGI", "Municipio", numeric("Población 2020")]}
            >
              {shown.map((municipality) => (
                <tr key={municipality.cvegeo} data-cvegeo={municipality.cvegeo}>
                  <td className="mono">{municipality.cvegeo}</td>
                  <th scope="row">
                    <Link
                      to={
                        staff
                          ? `/municipios/${municipality.cvegeo}`
                          : publicMunicipalityPath(municipality.cvegeo)
                      }
                    >
                      {municipality.name}
                    </Link>
                  </th>
                  <td className="numeric">{formatNumber(municipality.population2020)}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      ) : null}
    </>
  );
}
