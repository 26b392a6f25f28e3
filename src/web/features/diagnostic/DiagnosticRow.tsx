import type { Diagnostic } from "../../../contracts/participation.js";
import { plural } from "../../ui/format";
import { EvidenceUploadForm } from "../tools/EvidenceUploadForm";

export type Item = Diagnostic["items"][number];
export type Answer = "has" | "pending" | null;

interface DiagnosticRowProps {
  item: Item;
  answer: Answer;
  onAnswer: (answer: Answer) => void;
  problem: string | undefined;
}

export function itemLabel(item: Item): string {
  return item.partName ? `${item.toolName}: ${item.partName}` : item.toolName;
}

/** One deliverable of the seed form: "ya cuenta con ella" (with its document) or pending. */
export function DiagnosticRow({ item, answer, onAnswer, problem }: DiagnosticRowProps) {
  const name = `respuesta-${item.instanceId}`;
  const errorId = `${name}-error`;
  return (
    <li
      className={problem ? "diagnostic-row diagnostic-row--invalid" : "diagnostic-row"}
      data-instance-tool={item.tool}
      data-instance-part={item.part ?? ""}
    >
      <fieldset
        className="diagnostic-row__fieldset"
        aria-describedby={problem ? errorId : undefined}
      >
        <legend className="diagnostic-row__legend">
          <span className="mono">{item.tool}</span> {itemLabel(item)}
          <span className="cell-subtitle">Plazo: {item.periodLabel}</span>
        </legend>
        <div className="diagnostic-row__choices">
          <label className="choice">
            <input
              type="radio"
              name={name}
              checked={answer === "has"}
              onChange={() => onAnswer("has")}
            />
            Ya cuenta con ella
          </label>
          <label className="choice">
            <input
              type="radio"
              name={name}
              checked={answer === "pending"}
              onChange={() => onAnswer("pending")}
            />
            Pendiente de elaboración
          </label>
        </div>
      </fieldset>
      {problem ? (
        <p className="field__error" id={errorId}>
          {problem}
        </p>
      ) : null}
      {answer === "has" ? (
        <div className="diagnostic-row__upload">
          <p className="small">
            Documento comprobatorio:{" "}
            <strong>
              {item.evidenceCount === 0
                ? "ninguno todavía"
                : plural(item.evidenceCount, "documento subido", "documentos subidos")}
            </strong>
          </p>
          <EvidenceUploadForm
            instanceId={item.instanceId}
            label={`Documento comprobatorio de ${item.tool}${item.part ? ` ${item.part}` : ""}`}
            compact
          />
        </div>
      ) : null}
    </li>
  );
}
