import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import type {
  MigrationPreview,
  MunicipalityMigration,
} from "../../../contracts/model-migration.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { formatLocalDate, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { agreementsKey, useAgreements } from "../agreements/queries";

interface Item {
  tool: string;
  toolName: string;
  part: string | null;
  partName: string | null;
  cycle: number;
}

function itemName(item: Item): string {
  const part = item.partName ? ` — ${item.partName}` : "";
  const cycle = item.cycle > 1 ? ` (ciclo ${item.cycle})` : "";
  return `${item.tool} ${item.toolName}${part}${cycle}`;
}

/**
 * «Mover participantes a esta versión» (decision 0030): the admin picks municipalities that follow
 * an earlier version, sees per municipality what is kept, added with its deadline and archived,
 * and confirms; all of them move or none.
 */
export function MigrationPanel({ versionId, version }: { versionId: string; version: number }) {
  const headingId = useId();
  const agreements = useAgreements();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<MigrationPreview | null>(null);
  const preview = useMutation({
    mutationFn: () => api.model.previewMigration(versionId, [...chosen]),
  });
  const apply = useMutation({
    mutationFn: () => api.model.migrate(versionId, [...chosen]),
    onSuccess: (result) => {
      setDone(result);
      setChosen(new Set());
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: agreementsKey });
      void queryClient.invalidateQueries({ queryKey: ["municipality"] });
    },
  });
  const candidates = (agreements.data ?? [])
    .filter((agreement) => agreement.modelVersion < version)
    .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, "es"));
  const toggle = (cvegeo: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) {
      next.add(cvegeo);
    } else {
      next.delete(cvegeo);
    }
    setChosen(next);
    preview.reset();
  };
  const blocked = preview.data?.municipalities.some((m) => m.problems.length > 0) ?? false;

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Mover participantes a esta versión</h2>
      <p>
        Los municipios siguen la versión del modelo de su convenio. Al moverlos, las herramientas
        con la misma clave conservan su historia; las nuevas reciben un plazo contado desde hoy; las
        que esta versión ya no tiene se archivan (conservan su historia, fuera del índice).
      </p>
      {done ? (
        <Alert
          tone="success"
          title={`Se movieron ${plural(done.municipalities.length, "municipio", "municipios")} a la versión ${done.version.version}`}
        >
          <ul>
            {done.municipalities.map((m) => (
              <li key={m.cvegeo}>
                <Link to={`/municipios/${m.cvegeo}`}>{m.name}</Link>:{" "}
                {plural(m.added.length, "herramienta nueva", "herramientas nuevas")},{" "}
                {plural(m.archived.length, "archivada", "archivadas")}.
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {agreements.isPending ? <Loading /> : null}
      <ErrorAlert error={agreements.error} />
      {agreements.data && candidates.length === 0 ? (
        <p>Todos los municipios con convenio ya siguen esta versión o una posterior.</p>
      ) : null}
      {candidates.length > 0 ? (
        <fieldset>
          <legend>Municipios que siguen una versión anterior</legend>
          <p>
            <Button
              size="small"
              onClick={() => {
                setChosen(new Set(candidates.map((a) => a.municipality.cvegeo)));
                preview.reset();
              }}
            >
              Elegir todos
            </Button>{" "}
            <Button
              size="small"
              onClick={() => {
                setChosen(new Set());
                preview.reset();
              }}
            >
              Quitar todos
            </Button>
          </p>
          <ul className="checkbox-list">
            {candidates.map((agreement) => (
              <li key={agreement.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(agreement.municipality.cvegeo)}
                    onChange={(event) =>
                      toggle(agreement.municipality.cvegeo, event.currentTarget.checked)
                    }
                  />{" "}
                  {agreement.municipality.name} (versión {agreement.modelVersion})
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <p>
        <Button
          variant="secondary"
          disabled={chosen.size === 0 || preview.isPending}
          onClick={() => {
            setDone(null);
            preview.mutate();
          }}
        >
          Ver qué cambia
        </Button>
      </p>
      <ErrorAlert error={preview.error} />
      {preview.data ? (
        <>
          {preview.data.municipalities.map((m) => (
            <MunicipalityPlan key={m.cvegeo} plan={m} />
          ))}
          {blocked ? (
            <Alert tone="error" title="No se puede mover a esta selección">
              <p>Resuelva los problemas señalados o quite esos municipios de la selección.</p>
            </Alert>
          ) : (
            <p>
              <Button variant="primary" disabled={apply.isPending} onClick={() => apply.mutate()}>
                Mover {plural(preview.data.municipalities.length, "municipio", "municipios")} a la
                versión {preview.data.version.version}
              </Button>
            </p>
          )}
        </>
      ) : null}
      <ErrorAlert error={apply.error} />
    </section>
  );
}

function MunicipalityPlan({ plan }: { plan: MunicipalityMigration }) {
  const redated = plan.kept.filter((k) => k.redated);
  const keptTools = [...new Set(plan.kept.map((k) => k.tool))];
  return (
    <article className="card" aria-label={`Cambios para ${plan.name}`}>
      <h3>
        {plan.name}: de la versión {plan.fromVersion} a la {plan.toVersion}
      </h3>
      {plan.problems.length > 0 ? (
        <Alert tone="error" title="No se puede mover">
          <ul>
            {plan.problems.map((problem) => (
              <li key={problem.message}>{problem.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <h4>Herramientas que se conservan ({keptTools.length})</h4>
      <p>{keptTools.length > 0 ? keptTools.join(", ") : "Ninguna."}</p>
      {redated.length > 0 ? (
        <ul>
          {redated.map((k) => (
            <li key={`${k.tool}-${k.part}-${k.cycle}`}>
              {itemName(k)}: plazo del {formatLocalDate(k.deadlineBefore) || "—"} al{" "}
              {formatLocalDate(k.deadline) || "—"} (cambió su periodo)
            </li>
          ))}
        </ul>
      ) : null}
      <h4>Nuevas, con su plazo ({plan.added.length})</h4>
      {plan.added.length > 0 ? (
        <ul>
          {plan.added.map((a) => (
            <li key={`${a.tool}-${a.part}-${a.cycle}`}>
              {itemName(a)}:{" "}
              {a.validatedOnSigning
                ? "validada con el convenio"
                : a.deadline
                  ? `plazo ${formatLocalDate(a.deadline)}`
                  : "plazo según su proyecto"}
            </li>
          ))}
        </ul>
      ) : (
        <p>Ninguna.</p>
      )}
      <h4>Archivadas ({plan.archived.length})</h4>
      {plan.archived.length > 0 ? (
        <ul>
          {plan.archived.map((a) => (
            <li key={`${a.tool}-${a.part}-${a.cycle}`}>
              {itemName(a)} ({TOOL_STATE_LABELS[a.state].toLowerCase()})
            </li>
          ))}
        </ul>
      ) : (
        <p>Ninguna.</p>
      )}
      {plan.weightChanges.length > 0 ? (
        <>
          <h4>Pesos que cambian en el índice</h4>
          <ul>
            {plan.weightChanges.map((w) => (
              <li key={w.tool}>
                {w.tool}: de {w.from} a {w.to}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
