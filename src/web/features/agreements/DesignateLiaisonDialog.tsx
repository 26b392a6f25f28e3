import { type FormEvent, useState } from "react";
import type { Agreement } from "../../../contracts/participation.js";
import type { UserWithPassword } from "../../../contracts/users.js";
import { api, isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import { todayLocalDate } from "../../ui/format";
import { useUsers } from "../users/queries";
import { TemporaryPassword } from "../users/TemporaryPassword";
import { useDesignateLiaison } from "./queries";

type Mode = "existing" | "new";

/**
 * Designates the municipality's liaison: an existing liaison account of the municipality, or a
 * new one created here (its temporary password is shown once). The previous liaison's account is
 * deactivated by the server (hand-over).
 */
export function DesignateLiaisonDialog({
  agreement,
  onClose,
}: {
  agreement: Agreement | null;
  onClose: () => void;
}) {
  const [created, setCreated] = useState<UserWithPassword | null>(null);
  function close() {
    setCreated(null);
    onClose();
  }
  return (
    <Dialog
      open={agreement !== null}
      title={
        created
          ? "Enlace designado"
          : `Designar enlace${agreement ? ` de ${agreement.municipality.name}` : ""}`
      }
      onClose={close}
      wide
    >
      {agreement && created?.temporaryPassword ? (
        <div className="stack">
          <Alert tone="success">
            <p>
              <strong>{created.user.name}</strong> es ahora el enlace de{" "}
              {agreement.municipality.name}.
            </p>
          </Alert>
          <TemporaryPassword password={created.temporaryPassword} email={created.user.email} />
          <div className="button-row button-row--end">
            <Button variant="primary" onClick={close}>
              Listo
            </Button>
          </div>
        </div>
      ) : agreement ? (
        <DesignateForm
          key={agreement.id}
          agreement={agreement}
          onDone={close}
          onCreated={setCreated}
        />
      ) : null}
    </Dialog>
  );
}

function DesignateForm({
  agreement,
  onDone,
  onCreated,
}: {
  agreement: Agreement;
  onDone: () => void;
  onCreated: (result: UserWithPassword) => void;
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
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [designatedOn, setDesignatedOn] = useState(todayLocalDate);
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
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
      designate.mutate({ userId, designatedOn }, { onSuccess: onDone });
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
        onSuccess: () => onCreated(result),
        onError: () => {
          void accounts.refetch();
          setMode("existing");
          setUserId(result.user.id);
        },
      },
    );
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
        <label className="choice">
          <input
            type="radio"
            name="liaison-mode"
            checked={effectiveMode === "existing"}
            disabled={candidates.length === 0}
            onChange={() => setMode("existing")}
          />
          Una cuenta de enlace existente del municipio
          {accounts.isSuccess && candidates.length === 0 ? " (no hay ninguna)" : ""}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="liaison-mode"
            checked={effectiveMode === "new"}
            onChange={() => setMode("new")}
          />
          Crear una cuenta nueva
        </label>
      </fieldset>
      {effectiveMode === "existing" ? (
        <Field label="Cuenta" required>
          {(control) => (
            <select
              {...control}
              className="input"
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
            >
              <option value="">Elija una cuenta…</option>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <div className="form-grid">
          <Field label="Nombre completo" required error={apiError?.fieldMessage("name")}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={name}
                autoComplete="off"
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <Field label="Correo electrónico" required error={apiError?.fieldMessage("email")}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                value={email}
                autoComplete="off"
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      <Field label="Fecha de designación" required>
        {(control) => (
          <input
            {...control}
            className="input"
            type="date"
            max={todayLocalDate()}
            value={designatedOn}
            onChange={(event) => setDesignatedOn(event.target.value)}
          />
        )}
      </Field>
      {problem ? (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      ) : null}
      <FormError error={createError} fields={["name", "email"]} />
      <FormError error={designate.error} />
      <div className="button-row button-row--end">
        <Button onClick={onDone} disabled={creating || designate.isPending}>
          Cancelar
        </Button>
        <Button
          type="submit"
          variant="primary"
          busy={creating || designate.isPending}
          busyLabel="Designando…"
        >
          Designar enlace
        </Button>
      </div>
    </form>
  );
}
