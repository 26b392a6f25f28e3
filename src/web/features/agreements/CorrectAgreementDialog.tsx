import { type FormEvent, useEffect, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import { signedOnProblem } from "../../../domain/agreements.js";
import { isLocalDate } from "../../../domain/dates.js";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { TextAreaField } from "../../ui/TextField";
import { type Problems, useFieldProblems } from "../../ui/useFieldProblems";
import { useFormValues } from "../../ui/useFormValues";
import { SignatureFields, type SignatureValues } from "./PastDateField";
import { useCorrectAgreement } from "./queries";

const FIELDS = ["signedOn", "cohort", "reason"] as const;

interface Props {
  agreement: Agreement | null;
  cohorts: string[];
  onClose: () => void;
}

/** Corrects an agreement's date or cohort; the reason goes to the audit log. */
export function CorrectAgreementDialog({ agreement, cohorts, onClose }: Props) {
  const correct = useCorrectAgreement();
  const {
    values: signature,
    change: changeSignature,
    reset: resetSignature,
  } = useFormValues<SignatureValues>({ signedOn: "", cohort: "" });
  const { signedOn, cohort } = signature;
  const [reason, setReason] = useState("");
  const { check, clear, fieldError } = useFieldProblems(FIELDS, correct.error, {
    signedOn,
    cohort,
    reason,
  });

  useEffect(() => {
    resetSignature({ signedOn: agreement?.signedOn ?? "", cohort: agreement?.cohort ?? "" });
    setReason("");
    clear();
  }, [agreement, clear, resetSignature]);

  function close() {
    correct.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!agreement) {
      return;
    }
    const changedDate = signedOn !== agreement.signedOn;
    const changedCohort = cohort.trim() !== agreement.cohort;
    const found: Problems<(typeof FIELDS)[number]> = {
      signedOn: !isLocalDate(signedOn)
        ? "Indique la fecha de firma."
        : (signedOnProblem(signedOn, new Date()) ?? undefined),
      cohort: cohort.trim() ? undefined : "Indique la cohorte.",
      reason:
        reason.trim().length < 5
          ? "Explique el motivo de la corrección (al menos 5 caracteres)."
          : undefined,
    };
    if (!changedDate && !changedCohort && !found.signedOn && !found.cohort) {
      found.signedOn = "No hay cambios que guardar.";
    }
    if (!check(found)) {
      return;
    }
    correct.mutate(
      {
        id: agreement.id,
        body: {
          ...(changedDate ? { signedOn } : {}),
          ...(changedCohort ? { cohort: cohort.trim() } : {}),
          reason: reason.trim(),
        },
      },
      { onSuccess: close },
    );
  }

  return (
    <Dialog
      open={agreement !== null}
      title={`Corregir convenio${agreement ? ` de ${agreement.municipality.name}` : ""}`}
      onClose={close}
      wide
    >
      <form className="stack" onSubmit={submit} noValidate aria-label="Corregir convenio">
        <FormError error={correct.error} fields={FIELDS} />
        <SignatureFields
          values={signature}
          onChange={changeSignature}
          cohorts={cohorts}
          fieldError={fieldError}
        />
        <TextAreaField
          label="Motivo de la corrección"
          hint="Queda registrado en la bitácora."
          required
          error={fieldError("reason")}
          rows={3}
          value={reason}
          onChange={setReason}
        />
        <FormActions submitLabel="Guardar corrección" busy={correct.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
