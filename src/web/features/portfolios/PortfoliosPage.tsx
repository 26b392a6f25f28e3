import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ReviewerPortfolio } from "../../../contracts/portfolios.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryResults } from "../../ui/QueryResults";
import { MunicipalityPicker } from "../municipalities/MunicipalityPicker";

const KEY = ["reviewer-portfolios"];

/**
 * Admins assign municipalities to reviewers: each reviewer's queue opens on them («Mis
 * municipios») and their new submissions notify the assigned reviewers only.
 */
export function PortfoliosPage() {
  const portfolios = useQuery({ queryKey: KEY, queryFn: api.portfolios.list });
  return (
    <>
      <PageHeader
        title="Revisores y sus municipios"
        description="Los envíos de un municipio asignado se avisan solo a sus revisores (y a quien pidió recibirlos todos); un municipio sin revisor asignado se avisa a todos."
      />
      <QueryResults query={portfolios} loadingLabel="Cargando los revisores…">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No hay revisores activos.</p>
          ) : (
            <div className="stack stack--large">
              {list.map((portfolio) => (
                <PortfolioCard key={portfolio.reviewer.id} portfolio={portfolio} />
              ))}
            </div>
          )
        }
      </QueryResults>
    </>
  );
}

function PortfolioCard({ portfolio }: { portfolio: ReviewerPortfolio }) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (cvegeos: string[]) => api.portfolios.set(portfolio.reviewer.id, cvegeos),
    onSuccess: () => {
      setAdding(null);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const assigned = portfolio.municipalities.map((municipality) => municipality.cvegeo);
  const headingId = `revisor-${portfolio.reviewer.id}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {portfolio.reviewer.name} <span className="small">({portfolio.reviewer.email})</span>
      </h2>
      <p>
        {portfolio.municipalities.length === 0
          ? "Sin municipios asignados: recibe los avisos de todos los municipios sin revisor."
          : plural(portfolio.municipalities.length, "municipio asignado", "municipios asignados")}
        {portfolio.notifyUnassigned ? " Pidió recibir también los avisos de los demás." : ""}
      </p>
      <FormError error={save.error} fields={[]} />
      {portfolio.municipalities.length > 0 ? (
        <ul className="work-list">
          {portfolio.municipalities.map((municipality) => (
            <li key={municipality.cvegeo} className="work-list__item">
              {municipality.name} ({municipality.cvegeo}){" "}
              <Button
                size="small"
                onClick={() => save.mutate(assigned.filter((c) => c !== municipality.cvegeo))}
              >
                Quitar {municipality.name}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="toolbar">
        <MunicipalityPicker
          label={`Asignar un municipio a ${portfolio.reviewer.name}`}
          value={adding}
          onChange={setAdding}
        />
        <Button
          variant="primary"
          disabled={!adding || assigned.includes(adding)}
          busy={save.isPending}
          busyLabel="Guardando…"
          onClick={() => adding && save.mutate([...assigned, adding])}
        >
          Asignar
        </Button>
      </div>
    </section>
  );
}
