import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Agreement, LiaisonDesignation } from "../../../contracts/participation.js";
import type { UserWithPassword } from "../../../contracts/users.js";
import { api, isApiError } from "../../api/client";
import { Alert, errorMessage, FormError, Notice } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { DoneButton, FormActions } from "../../ui/FormActions";
import { todayLocalDate } from "../../ui/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { RadioChoice } from "../../ui/RadioChoice";
import { SelectField } from "../../ui/SelectField";
import { useFormValues } from "../../ui/useFormValues";
import { DocumentFileField } from "../uploads/DocumentFileField";
import { NameEmailFields } from "../users/AccountFields";
import { useUsers } from "../users/queries";
import { TemporaryPassword } from "../users/TemporaryPassword";
import { PastDateField } from "./PastDateField";
import { attachDocument, useDesignateLiaison } from "./queries";

type Mode = "existing" | "new";

/** What is left to show once the designation is made. */
interface Outcome {
  /** The new liaison's name. */
  name: string;
  /** The account created here, with its one-time password. */
  created: UserWithPassword | null;
  /** Why the designation letter could not be attached, if it could not. */
  letterError: unknown;
}

/**
 * Designates the municipality's liaison: an existing liaison account of the municipality, or a
 * new one created here (its temporary password is shown once). The previous liaison's account is
 * deactivated by the server (hand-over). The designation letter, when chosen, is uploaded right
 * after, to the new current designation.
 */
export function DesignateLiaisonDialog({
  agreement,
  onClose,
}: {
  agreement: Agreement | null;
  onClose: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  function close() {
    setOutcome(null);
    onClose();
  }
  function finished(result: Outcome) {
    if (result.created?.temporaryPassword || result.letterError) {
      setOutcome(result);
    } else {
      close();
    }
  }
  return (
    <Dialog
      open={agreement !== null}
      title={
        outcome
          ? "Enlace designado"
          : `Designar enlace${agreement ? ` de ${agreement.municipality.name}` : ""}`
      }
      onClose={close}
      wide
    >
      {agreement && outcome ? (
        <div className="stack">
          <Alert tone="success">
            <p>
              <strong>{outcome.name}</strong> es ahora el enlace de {agreement.municipality.name}.
            </p>
          </Alert>
          {outcome.letterError ? (
            <Alert tone="warning" title="No se pudo adjuntar el oficio de designación">
              <p>{errorMessage(outcome.letterError)}</p>
              <p>Puede adjuntarlo desde la página del municipio.</p>
            </Alert>
          ) : null}
          {outcome.created?.temporaryPassword ? (
            <TemporaryPassword
              password={outcome.created.temporaryPassword}
              email={outcome.created.user.email}
            />
          ) : null}
          <DoneButton onDone={close} />
        </div>
      ) : agreement ? (
        <DesignateForm
          key={agreement.id}
          agreement={agreement}
          onCancel={close}
          onDesignated={finished}
        />
      ) : null}
    </Dialog>
  );
}

function DesignateForm({
  agreement,
  onCancel,
  onDesignated,
}: {
  agreement: Agreement;
  onCancel: () => void;
  onDesignated: (outcome: Outcome) => void;
}) {
  const cvegeo = agreement.municipality.cvegeo;
  const accounts = useUsers({
    role: "liaison",
    municipality: cvegeo,
    active: "true",
    pageSize: 100,
  });
  const designate = useDesignateLiaison(cvegeo);
  const candidates = (accounts.data?.items ?? []).filter(
    (user) => user.id !== agreement.liaison?.id,
  );
  const [mode, setMode] = useState<Mode>("existing");
  const [userId, setUserId] = useState("");
  const { values: person, change: changePerson } = useFormValues({ name: "", email: "" });
  const { name, email } = person;
  const [designatedOn, setDesignatedOn] = useState(todayLocalDate);
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [letter, setLetter] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const busy = creating || designate.isPending || progress !== null;
  const effectiveMode: Mode = candidates.length === 0 && accounts.isSuccess ? "new" : mode;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreateError(null);
    if (!designatedOn) {
      setProblem("Indique la fecha de designación.");
      return;
    }
    if (effectiveMode === "existing" && !userId) {
      setProblem("Elija la cuenta del nuevo enlace.");
      return;
    }
    if (effectiveMode === "new" && (!name.trim() || !email.trim())) {
      setProblem("Escriba el nombre y el correo electrónico del nuevo enlace.");
      return;
    }
    setProblem(null);
    if (effectiveMode === "existing") {
      designate.mutate(
        { userId, designatedOn },
        { onSuccess: (history) => void afterDesignation(history, null) },
      );
      return;
    }
    setCreating(true);
    let result: UserWithPassword;
    try {
      result = await api.users.create({
        name: name.trim(),
        email: email.trim(),
        role: "liaison",
        municipality: cvegeo,
      });
    } catch (error) {
      setCreateError(error);
      setCreating(false);
      return;
    }
    setCreating(false);
    // The account exists now: a failed designation shows its own error and can be retried by
    // choosing the account among the existing ones.
    designate.mutate(
      { userId: result.user.id, designatedOn },
      {
        onSuccess: (history) => void afterDesignation(history, result),
        onError: () => {
          void accounts.refetch();
          setMode("existing");
          setUserId(result.user.id);
        },
      },
    );
  }

  /** Uploads the letter (if any) to the new current designation, then reports the outcome. */
  async function afterDesignation(history: LiaisonDesignation[], created: UserWithPassword | null) {
    const current = history.find((designation) => designation.current);
    const name = current?.user.name ?? created?.user.name ?? "";
    let letterError: unknown = null;
    if (letter && current) {
      setProgress(0);
      try {
        await attachDocument({
          target: "letter",
          id: current.id,
          file: letter,
          onProgress: setProgress,
        });
        await queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo, "liaisons"] });
      } catch (error) {
        letterError = error;
      }
      setProgress(null);
    }
    onDesignated({ name, created, letterError });
  }

  const apiError = isApiError(createError) ? createError : null;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Designar enlace">
      {agreement.liaison ? (
        <Alert tone="warning">
          <p>
            El enlace actual es <strong>{agreement.liaison.name}</strong>. Al designar a otra
            persona, su cuenta se desactivará (entrega-recepción); el historial se conserva.
          </p>
        </Alert>
      ) : null}
      <fieldset className="fieldset">
        <legend>Persona</legend>
        <RadioChoice
          name="liaison-mode"
          checked={effectiveMode === "existing"}
          disabled={candidates.length === 0}
          onSelect={() => setMode("existing")}
        >
          Una cuenta de enlace existente del municipio
          {accounts.isSuccess && candidates.length === 0 ? " (no hay ninguna)" : ""}
        </RadioChoice>
        <RadioChoice
          name="liaison-mode"
          checked={effectiveMode === "new"}
          onSelect={() => setMode("new")}
        >
          Crear una cuenta nueva
        </RadioChoice>
      </fieldset>
      {effectiveMode === "existing" ? (
        <SelectField
          label="Cuenta"
          required
          value={userId}
          onChange={setUserId}
          blank="Elija una cuenta…"
          options={candidates.map((user) => ({
            value: user.id,
            label: `${user.name} (${user.email})`,
          }))}
        />
      ) : (
        <div className="form-grid">
          <NameEmailFields
            values={person}
            onChange={changePerson}
            fieldError={(field) => apiError?.fieldMessage(field)}
          />
        </div>
      )}
      <PastDateField label="Fecha de designación" value={designatedOn} onChange={setDesignatedOn} />
      <DocumentFileField
        label="Oficio de designación (opcional)"
        later
        disabled={busy}
        onChange={setLetter}
      />
      {progress !== null ? (
        <ProgressBar value={progress} label="Avance de la subida del oficio" />
      ) : null}
      <Notice tone="error" message={problem} />
      <FormError error={createError} fields={["name", "email"]} />
      <FormError error={designate.error} />
      <FormActions
        submitLabel="Designar enlace"
        busyLabel={progress !== null ? "Subiendo el oficio…" : "Designando…"}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
