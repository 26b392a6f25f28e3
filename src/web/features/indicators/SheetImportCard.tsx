import { useState } from "react";
import type { SheetImportResult } from "../../../contracts/indicators.js";
import { SHEET_CHANGE_LABELS, type SheetChange } from "../../../domain/indicator-sheet.js";
import { api } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { Badge, type BadgeTone } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { formatNumber } from "../../ui/format";
import { Table } from "../../ui/Table";
import { numeric } from "../../ui/TableHead";
import { useImportSheet } from "./queries";

const CHANGE_TONES: Record<SheetChange, BadgeTone> = {
  new: "info",
  changed: "warning",
  same: "neutral",
  empty: "neutral",
  error: "danger",
};

const shown = (value: number | null) => (value === null ? "—" : formatNumber(value));

/**
 * The capture spreadsheet: download the template, upload it filled in, see what each row changes
 * (and its errors) and only then save everything at once.
 */
export function SheetImportCard({ instanceId }: { instanceId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<SheetImportResult | null>(null);
  const importing = useImportSheet(instanceId);
  const check = (chosen: File) =>
    importing.mutate({ file: chosen, apply: false }, { onSuccess: (result) => setPlan(result) });
  const errors = plan?.rows.filter((row) => row.change === "error").length ?? 0;
  const changes =
    plan?.rows.filter((row) => row.change === "new" || row.change === "changed").length ?? 0;
  const listed = plan?.rows.filter((row) => row.change !== "empty") ?? [];
  return (
    <section className="card stack" aria-labelledby="hoja-titulo">
      <h2 id="hoja-titulo">Capturar con hoja de cálculo</h2>
      <p className="small">
        Descargue la plantilla con los periodos sin enviar, escriba los valores en Excel y súbala:
        primero verá qué cambia en cada fila; nada se guarda hasta que lo confirme. Una celda vacía
        no cambia el valor guardado; las fórmulas no se admiten.
      </p>
      <p>
        <a className="button" href={api.indicators.templateUrl(instanceId)} download>
          Descargar la plantilla (XLSX)
        </a>
      </p>
      <Field label="Hoja de cálculo llena (.xlsx)">
        {(control) => (
          <input
            {...control}
            className="input input--file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setPlan(null);
              importing.reset();
              if (chosen) {
                check(chosen);
              }
            }}
          />
        )}
      </Field>
      {importing.isPending ? <p aria-live="polite">Revisando el archivo…</p> : null}
      <FormError error={importing.error} fields={[]} />
      {plan?.applied ? (
        <Alert tone="success">
          {changes === 0
            ? "La hoja no cambia ningún valor: no había nada que guardar."
            : `Se guardaron ${changes === 1 ? "un valor" : `${changes} valores`} como borrador.`}
        </Alert>
      ) : null}
      {plan && !plan.applied ? (
        <div className="stack" data-testid="sheet-plan">
          <p>
            {errors > 0
              ? `${errors === 1 ? "Una fila tiene" : `${errors} filas tienen`} error: corríjalas en el archivo y súbalo de nuevo. No se guardará nada mientras haya errores.`
              : changes === 0
                ? "La hoja no cambia ningún valor."
                : `La hoja cambia ${changes === 1 ? "un valor" : `${changes} valores`}.`}
          </p>
          {listed.length > 0 ? (
            <Table
              caption="Qué cambia cada fila"
              columns={[
                numeric("Fila"),
                "Periodo",
                "Indicador",
                numeric("Antes"),
                numeric("Después"),
                "Resultado",
              ]}
            >
              {listed.map((row) => (
                <tr key={row.row}>
                  <td className="numeric">{row.row}</td>
                  <td>{row.period}</td>
                  <th scope="row">
                    {row.code} {row.name ? `· ${row.name}` : ""}
                  </th>
                  <td className="numeric">{shown(row.before)}</td>
                  <td className="numeric">{shown(row.after)}</td>
                  <td>
                    <Badge tone={CHANGE_TONES[row.change]}>{SHEET_CHANGE_LABELS[row.change]}</Badge>
                    {row.message ? <span className="small"> {row.message}</span> : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : null}
          {errors === 0 && changes > 0 && file ? (
            <div className="button-row button-row--end">
              <Button
                variant="primary"
                busy={importing.isPending}
                busyLabel="Guardando…"
                onClick={() =>
                  importing.mutate(
                    { file, apply: true },
                    { onSuccess: (result) => setPlan(result) },
                  )
                }
              >
                Guardar los cambios
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
