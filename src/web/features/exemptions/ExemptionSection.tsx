import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Exemption } from "../../../contracts/exemptions.js";
import { EXEMPT_LABEL } from "../../../domain/exemptions.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { FormError } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { SubmitRow } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { QueryResults } from "../../ui/QueryResults";
import { TextAreaField } from "../../ui/TextField";

const exemptionKey = (cvegeo: string) => ["municipality", cvegeo, "exemptions"] as const;

/**
 * Whether a tool is exempt for the municipality (it does not apply: it leaves the index), its
 * history, and for staff the form to exempt it or to lift the exemption, with a reason.
 */
export function ExemptionSection({
  cvegeo,
  tool,
  staff,
}: {
  cvegeo: string;
  tool: string;
  staff: boolean;
}) {
  const exemptions = useFreshQuery(exemptionKey(cvegeo), () =>
    api.exemptions.ofMunicipality(cvegeo),
  );
  return (
    <QueryResults query={exemptions} loadingLabel="Cargando las exenciones…">
      {(list) => {
        const own = list.filter((exemption) => exemption.tool === tool);
        const active = own.find((exemption) => exemption.active) ?? null;
        if (own.length === 0 && !staff) {
          return null;
        }
        return (
          <section className="card stack" aria-labelledby="exencion-titulo">
            <h2 id="exencion-titulo">Exención</h2>
            {active ? (
              <p>
                <Badge tone="info">{EXEMPT_LABEL}</Badge> No aplica a este municipio desde el{" "}
                {formatDateTime(active.exemptedAt)}: no cuenta en su índice. Motivo: {active.reason}
              </p>
            ) : (
              <p>La herramienta aplica al municipio y cuenta en su índice.</p>
            )}
            {own
              .filter((exemption) => !exemption.active)
              .map((exemption) => (
                <p key={exemption.id} className="note">
                  Estuvo exenta del {formatDateTime(exemption.exemptedAt)} al{" "}
                  {formatDateTime(exemption.liftedAt)} ({exemption.reason}; levantada:{" "}
                  {exemption.liftReason}).
                </p>
              ))}
            {staff ? <ExemptionForm cvegeo={cvegeo} tool={tool} active={active} /> : null}
          </section>
        );
      }}
    </QueryResults>
  );
}

function ExemptionForm({
  cvegeo,
  tool,
  active,
}: {
  cvegeo: string;
  tool: string;
  active: Exemption | null;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const change = useMutation({
    mutationFn: (text: string) =>
      active
        ? api.exemptions.lift(active.id, text)
        : api.exemptions.exempt(cvegeo, { tool, reason: text }),
    onSuccess: () => {
      setReason("");
      void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo] });
    },
  });
  const action = active ? "Levantar la exención" : "Declarar exenta (no aplica)";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    setMissing(text === "");
    if (text !== "" && !change.isPending) {
      change.mutate(text);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={action}>
      <TextAreaField
        label={active ? "Por qué vuelve a aplicar" : "Por qué no aplica al municipio"}
        rows={2}
        maxLength={2000}
        value={reason}
        onChange={setReason}
        error={missing ? "Escriba el motivo." : undefined}
        required
      />
      <FormError error={change.error} />
      <SubmitRow variant="secondary" busy={change.isPending} busyLabel="Guardando…">
        {action}
      </SubmitRow>
    </form>
  );
}
