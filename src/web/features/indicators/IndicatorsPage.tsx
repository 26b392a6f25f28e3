import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { InstanceIndicators } from "../../../contracts/indicators.js";
import {
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_PERIODICITY_LABELS,
  PERIOD_STANDING_LABELS,
  REPORT_DUE_DAYS,
} from "../../../domain/indicators.js";
import { canAdoptIndicators, canDraftIndicatorValues } from "../../../domain/policy.js";
import { Alert, FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { formatDateTime, formatLocalDate } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { TextField } from "../../ui/TextField";
import { useCurrentUser } from "../auth/session";
import {
  adoptionRequest,
  type ChoiceRow,
  choiceProblems,
  initialChoices,
  STANDING_TONES,
} from "./forms";
import { IndicatorChart } from "./IndicatorChart";
import { useAdoptIndicators, useInstanceIndicators } from "./queries";
import { SheetImportCard } from "./SheetImportCard";

/** M2 of a municipality: adopt the battery with its targets, report its periods, see its series. */
export function IndicatorsPage() {
  const { id = "" } = useParams();
  const query = useInstanceIndicators(id);
  const user = useCurrentUser();
  const [adopting, setAdopting] = useState(false);

  if (!query.isSuccess) {
    return <QueryPending query={query} loadingLabel="Cargando los indicadores…" />;
  }
  const data = query.data;
  const { adoption, instance } = data;
  const mayAdopt = user !== null && canAdoptIndicators(user, instance.municipality.cvegeo);
  const mayDraft = user !== null && canDraftIndicatorValues(user, instance.municipality.cvegeo);
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Indicadores de desempeño (M2)"
        description={
          <p>
            {instance.municipality.name} ·{" "}
            <Link to={`/herramientas/${id}`}>Volver a la herramienta</Link>
          </p>
        }
      />
      {adoption && !adopting ? (
        <section className="card stack" aria-labelledby="adopcion-titulo">
          <h2 id="adopcion-titulo">Batería adoptada</h2>
          <p>
            Adoptada el {formatDateTime(adoption.adoptedAt)} por {adoption.adoptedBy} · revisión{" "}
            {adoption.revision} · se reporta desde {adoption.startYear} ·{" "}
            {adoption.items.filter((item) => !item.excluded).length} de {adoption.items.length}{" "}
            indicadores. El PDF de la batería está en los documentos de la herramienta.
          </p>
          {mayAdopt ? (
            <p>
              <Button onClick={() => setAdopting(true)}>Cambiar las metas</Button>
            </p>
          ) : null}
        </section>
      ) : mayAdopt ? (
        <AdoptionForm data={data} onDone={() => setAdopting(false)} />
      ) : (
        <p className="empty">
          El municipio aún no adopta la batería. La adopta la persona enlace designada.
        </p>
      )}
      {adoption ? (
        <>
          <PeriodsSection data={data} />
          {mayDraft && data.periods.some((period) => period.status !== "submitted") ? (
            <SheetImportCard instanceId={id} />
          ) : null}
          <section className="stack" aria-labelledby="series-titulo">
            <h2 id="series-titulo">Series</h2>
            {data.series.every((series) => series.points.length === 0) ? (
              <p className="empty">Aún no hay periodos enviados.</p>
            ) : (
              data.series
                .filter((series) => series.points.length > 0)
                .map((series) => <IndicatorChart key={series.code} series={series} />)
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

function PeriodsSection({ data }: { data: InstanceIndicators }) {
  return (
    <section className="card stack" aria-labelledby="periodos-titulo">
      <h2 id="periodos-titulo">Periodos por reportar</h2>
      <p className="small">
        Cada periodo se reporta a más tardar {REPORT_DUE_DAYS} días después de que concluye.
      </p>
      {data.periods.length === 0 ? (
        <p className="empty">Aún no concluye ningún periodo.</p>
      ) : (
        <Table
          caption="Periodos por reportar"
          columns={["Periodo", "Fecha límite", "Estado", numeric("Capturados"), "Acción"]}
        >
          {data.periods.map((period) => (
            <tr key={period.key}>
              <th scope="row">{period.label}</th>
              <td>{formatLocalDate(period.dueOn)}</td>
              <td>
                <Badge tone={STANDING_TONES[period.standing]}>
                  {PERIOD_STANDING_LABELS[period.standing]}
                </Badge>
              </td>
              <td className="numeric">
                {period.filled} de {period.indicators}
              </td>
              <td>
                <Link
                  to={`/herramientas/${data.instance.id}/indicadores/${period.key}`}
                  aria-label={`${period.status === "submitted" ? "Ver" : "Capturar"} ${period.label}`}
                >
                  {period.status === "submitted" ? "Ver" : "Capturar"}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function AdoptionForm({ data, onDone }: { data: InstanceIndicators; onDone: () => void }) {
  const thisYear = new Date().getFullYear();
  const [startYear, setStartYear] = useState(String(data.adoption?.startYear ?? thisYear));
  const [rows, setRows] = useState<ChoiceRow[]>(() => initialChoices(data.battery, data.adoption));
  const [checked, setChecked] = useState(false);
  const adopt = useAdoptIndicators(data.instance.id);
  const problems = choiceProblems(data.battery, rows);
  const update = (code: string, change: Partial<ChoiceRow>) =>
    setRows((current) => current.map((row) => (row.code === code ? { ...row, ...change } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) {
      return;
    }
    adopt.mutate(adoptionRequest(Number(startYear), rows, data.adoption?.revision), {
      onSuccess: onDone,
    });
  };
  return (
    <form className="card stack" aria-labelledby="adoptar-titulo" onSubmit={submit} noValidate>
      <h2 id="adoptar-titulo">Adoptar la batería de indicadores</h2>
      <p className="small">
        Fije la meta por periodo de cada indicador, o indique por qué no aplica al municipio. Al
        adoptarla, la batería con sus metas se agrega en PDF a los documentos de M2, lista para
        enviarse a revisión.
      </p>
      <SelectField
        label="Primer año de reporte"
        value={startYear}
        onChange={setStartYear}
        options={[thisYear - 2, thisYear - 1, thisYear].map((year) => ({
          value: String(year),
          label: String(year),
        }))}
      />
      {data.battery.map((item) => {
        const row = rows.find((r) => r.code === item.code);
        if (!row) {
          return null;
        }
        const error = checked ? problems[item.code] : undefined;
        return (
          <fieldset key={item.code} className="stack indicator-choice">
            <legend>
              {item.code} · {item.name}
            </legend>
            <p className="small">
              {item.definition} {INDICATOR_PERIODICITY_LABELS[item.periodicity]} ·{" "}
              {INDICATOR_DIRECTION_LABELS[item.direction]} · {item.unit}
            </p>
            {row.excluded ? null : (
              <TextField
                label={`Meta de ${item.code} (${item.unit})`}
                inputMode="decimal"
                value={row.target}
                onChange={(target) => update(item.code, { target })}
                error={error}
              />
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={row.excluded}
                onChange={(event) => update(item.code, { excluded: event.target.checked })}
              />{" "}
              No aplica al municipio
            </label>
            {row.excluded ? (
              <TextField
                label={`Por qué no aplica ${item.code}`}
                value={row.reason}
                onChange={(reason) => update(item.code, { reason })}
                error={error}
              />
            ) : null}
          </fieldset>
        );
      })}
      {checked && problems.battery ? <Alert tone="error">{problems.battery}</Alert> : null}
      <FormError error={adopt.error} fields={data.battery.map((item) => item.code)} />
      <div className="button-row button-row--end">
        {data.adoption ? <Button onClick={onDone}>Cancelar</Button> : null}
        <Button type="submit" variant="primary" busy={adopt.isPending} busyLabel="Adoptando…">
          Adoptar la batería
        </Button>
      </div>
    </form>
  );
}
