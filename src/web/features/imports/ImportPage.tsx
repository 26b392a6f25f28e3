import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ImportProgress, ImportReport } from "../../../contracts/xlsx-import.js";
import { IMPORT_ACTION_LABELS } from "../../../domain/xlsx-import.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { formatNumber, plural } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { Table } from "../../ui/Table";

/** A random id for the apply's progress (crypto.randomUUID needs a secure context). */
function progressId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The XLSX import (admins): download the template, review a file (dry run: what each row would
 * create or change, every problem), then apply it in one go with a progress bar.
 */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState(0);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const tracking = useRef<string | null>(null);
  const review = useMutation({
    mutationFn: (chosen: File) => api.imports.dryRun(chosen, setUploaded),
  });
  const apply = useMutation({
    mutationFn: (chosen: File) => {
      const id = progressId();
      tracking.current = id;
      return api.imports.apply(chosen, id, setUploaded);
    },
    onSettled: () => {
      tracking.current = null;
    },
  });

  // While the apply runs, ask the server how far it is.
  useEffect(() => {
    if (!apply.isPending) {
      return;
    }
    const timer = window.setInterval(() => {
      const id = tracking.current;
      if (id) {
        api.imports.progress(id).then(setProgress, () => undefined);
      }
    }, 400);
    return () => window.clearInterval(timer);
  }, [apply.isPending]);

  function choose(next: File | null) {
    setFile(next);
    setProgress(null);
    review.reset();
    apply.reset();
  }

  function onReview(event: FormEvent) {
    event.preventDefault();
    if (file) {
      apply.reset();
      review.mutate(file);
    }
  }

  const report = apply.data ?? review.data;
  const canApply =
    review.data && !apply.data && review.data.counts.problems === 0 && changes(review.data) > 0;

  return (
    <>
      <PageHeader
        title="Importar XLSX"
        description="Cargue convenios, enlaces y colaboradores, estados históricos de las herramientas (quedan marcados como importados) y respuestas del diagnóstico desde un libro de Excel. Primero se revisa el archivo sin escribir nada; luego se aplica todo o nada. Importar el mismo archivo otra vez no cambia nada."
        actions={
          <a className="button button--secondary" href={api.imports.templateUrl()} download>
            Descargar plantilla
          </a>
        }
      />
      <div className="stack stack--large">
        <form className="card stack" onSubmit={onReview} aria-label="Archivo a importar">
          <Field
            label="Libro de Excel (.xlsx)"
            hint="La plantilla, o la hoja «Resumen» del reporte regional. Solo valores, sin fórmulas; hasta 20 MB."
            required
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => choose(event.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <div className="button-row">
            <Button
              type="submit"
              variant={canApply ? "secondary" : "primary"}
              disabled={!file || apply.isPending}
              busy={review.isPending}
              busyLabel="Revisando…"
            >
              Revisar el archivo
            </Button>
            {canApply && file ? (
              <Button
                variant="primary"
                busy={apply.isPending}
                busyLabel="Aplicando…"
                onClick={() => apply.mutate(file)}
              >
                Aplicar la importación
              </Button>
            ) : null}
          </div>
          {review.isPending ? (
            <ProgressBar value={uploaded} label="Avance de la subida del archivo" />
          ) : null}
          {apply.isPending ? <ApplyProgress uploaded={uploaded} progress={progress} /> : null}
          <ErrorAlert error={review.error ?? apply.error} title="No se pudo importar" />
        </form>
        {report ? <ReportView report={report} /> : null}
      </div>
    </>
  );
}

const changes = (report: ImportReport) => report.counts.create + report.counts.update;

function ApplyProgress({
  uploaded,
  progress,
}: {
  uploaded: number;
  progress: ImportProgress | null;
}) {
  if (progress?.phase === "writing" && progress.total > 0) {
    return (
      <div>
        <p>
          Escribiendo: {formatNumber(progress.done)} de {formatNumber(progress.total)} operaciones.
        </p>
        <ProgressBar value={progress.done / progress.total} label="Avance de la importación" />
      </div>
    );
  }
  return (
    <div>
      <p>{uploaded < 1 ? "Subiendo el archivo…" : "Leyendo y revisando el archivo…"}</p>
      <ProgressBar value={uploaded * 0.2} label="Avance de la importación" />
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { create, update, unchanged, problems } = report.counts;
  const summary = `Nuevas: ${formatNumber(create)}; con cambios: ${formatNumber(update)}; sin cambios: ${formatNumber(unchanged)}.`;
  return (
    <section className="stack" aria-label="Resultado de la importación">
      {report.applied ? (
        <Alert tone="success" title="Importación aplicada">
          <p>{summary}</p>
          {create > 0 ? (
            <p>Las cuentas nuevas reciben por correo un enlace para crear su contraseña.</p>
          ) : null}
        </Alert>
      ) : problems > 0 ? (
        <Alert tone="error" title={`El archivo tiene ${plural(problems, "problema", "problemas")}`}>
          <p>
            Corríjalos en el libro y revíselo de nuevo: mientras haya problemas no se importa nada.{" "}
            {summary}
          </p>
        </Alert>
      ) : changes(report) === 0 ? (
        <Alert tone="info" title="Nada que importar">
          <p>MRTM ya tiene todo lo que dice el archivo. {summary}</p>
        </Alert>
      ) : (
        <Alert tone="info" title="Revisión previa: todavía no se escribió nada">
          <p>{summary} Revise los cambios y pulse «Aplicar la importación».</p>
        </Alert>
      )}
      {report.problems.length > 0 ? (
        <Table
          caption="Problemas del archivo"
          showCaption
          columns={["Hoja", "Fila", "Columna", "Problema"]}
        >
          {report.problems.map((problem) => (
            <tr key={`${problem.sheet}-${problem.row}-${problem.column}-${problem.message}`}>
              <td>{problem.sheet}</td>
              <td>{problem.row ?? ""}</td>
              <td>{problem.column ?? ""}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {report.rows.length > 0 ? (
        <Table
          caption={report.applied ? "Lo que se importó" : "Lo que se importará"}
          showCaption
          columns={["Hoja", "Fila", "Registro", "Acción", "Cambios"]}
        >
          {report.rows.map((row) => (
            <tr key={`${row.sheet}-${row.row}`} data-import-row={`${row.sheet}-${row.row}`}>
              <td>{row.sheet}</td>
              <td>{row.row}</td>
              <td>{row.subject}</td>
              <td>{IMPORT_ACTION_LABELS[row.action]}</td>
              <td>
                <ul className="link-list">
                  {row.changes.map((change) => (
                    <li key={change.column}>
                      {change.column}: {change.before ?? "—"} → {change.after || "—"}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {changes(report) > report.rows.length ? (
        <p>Se muestran las primeras {formatNumber(report.rows.length)} filas con cambios.</p>
      ) : null}
    </section>
  );
}
