import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import type { Institution } from "../../../contracts/institution.js";
import { api } from "../../api/client";
import { ErrorAlert, Notice } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import { institutionKey } from "./queries";

/** Same limit as the server's (contracts/institution.ts), checked here to fail fast. */
const LOGO_MAX_BYTES = 512 * 1024;
const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"];

export function LogoSection({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const onSaved = (updated: Institution) => queryClient.setQueryData(institutionKey, updated);
  const upload = useMutation({
    mutationFn: api.institution.uploadLogo,
    onSuccess: (updated) => {
      onSaved(updated);
      setFile(null);
      if (fileRef.current) {
        fileRef.current.value = "";
      }
      setMessage("Se actualizó el logotipo.");
    },
  });
  const remove = useMutation({
    mutationFn: api.institution.removeLogo,
    onSuccess: (updated) => {
      onSaved(updated);
      setConfirmRemove(false);
      setMessage("Se quitó el logotipo.");
    },
  });

  function choose(chosen: File | null) {
    setMessage(null);
    upload.reset();
    setFile(chosen);
    if (!chosen) {
      setProblem(undefined);
    } else if (!LOGO_TYPES.includes(chosen.type)) {
      setProblem("El logotipo debe ser una imagen PNG, JPEG o WebP.");
    } else if (chosen.size > LOGO_MAX_BYTES) {
      setProblem("La imagen pesa más de 512 KB; redúzcala e inténtelo de nuevo.");
    } else {
      setProblem(undefined);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setProblem("Elija una imagen.");
      return;
    }
    if (!problem) {
      upload.mutate(file);
    }
  }

  return (
    <section className="card stack" aria-labelledby="institucion-logotipo">
      <h2 id="institucion-logotipo" className="card__title">
        Logotipo
      </h2>
      <Notice tone="success" message={message} />
      <div className="logo-preview">
        {institution.logoUrl ? (
          <img src={institution.logoUrl} alt={`Logotipo actual de ${institution.shortName}`} />
        ) : (
          <p className="muted">Sin logotipo. El encabezado muestra solo el nombre.</p>
        )}
      </div>
      <form className="stack" onSubmit={submit} noValidate aria-label="Subir logotipo">
        <ErrorAlert error={upload.error} />
        <Field
          label={institution.hasLogo ? "Reemplazar por otra imagen" : "Imagen del logotipo"}
          hint="PNG, JPEG o WebP de hasta 512 KB. Se recomienda fondo transparente y formato horizontal."
          error={problem}
        >
          {(control) => (
            <input
              {...control}
              ref={fileRef}
              className="input input--file"
              type="file"
              accept={LOGO_TYPES.join(",")}
              onChange={(event) => choose(event.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={upload.isPending} busyLabel="Subiendo…">
            Subir logotipo
          </Button>
          {institution.hasLogo ? (
            <Button variant="danger" onClick={() => setConfirmRemove(true)}>
              Quitar logotipo
            </Button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={confirmRemove}
        title="Quitar logotipo"
        confirmLabel="Quitar"
        busyLabel="Quitando…"
        variant="danger"
        mutation={remove}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate()}
      >
        <p>¿Quitar el logotipo? El encabezado mostrará solo el nombre de la institución.</p>
      </ConfirmDialog>
    </section>
  );
}
