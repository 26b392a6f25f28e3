import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { ApiToken, ApiTokenCreated } from "../../../contracts/api-tokens.js";
import {
  API_TOKEN_DAY_CHOICES,
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_ACTIVE,
  API_TOKEN_NAME_MAX_LENGTH,
  API_TOKEN_REVOCATION_LABELS,
  API_TOKEN_SCOPE_LABELS,
  API_TOKEN_SCOPES,
  API_TOKEN_STATUS_LABELS,
  type ApiTokenScope,
  type ApiTokenStatus,
} from "../../../domain/api-tokens.js";
import { api } from "../../api/client";
import { Alert, ErrorAlert, FormError } from "../../ui/Alert";
import { Badge, type BadgeTone } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { CopyableValue } from "../../ui/CopyButton";
import { SubmitRow } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { labelledOptions, SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import "./api-tokens.css";
import { ACTIONS_COLUMN } from "../../ui/TableHead";

const TOKENS_KEY = ["api-tokens"];
const FIELDS = ["name", "scope", "expiresInDays"] as const;

const STATUS_TONES: Record<ApiTokenStatus, BadgeTone> = {
  active: "success",
  expired: "neutral",
  revoked: "danger",
};

const DAY_OPTIONS = API_TOKEN_DAY_CHOICES.map((days) => ({
  value: String(days),
  label: days === 365 ? "1 año" : `${days} días`,
}));

/**
 * «Mi cuenta» › Tokens de API: create a token (its secret shown once, with a copy button), list
 * one's tokens and revoke them. Tokens act as their owner, so the page says what that means.
 */
export function ApiTokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: api.apiTokens.list });
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiTokenScope>("read");
  const [days, setDays] = useState(String(API_TOKEN_DEFAULT_DAYS));
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [confirming, setConfirming] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: api.apiTokens.create,
    onSuccess: (result) => {
      setCreated(result);
      setName("");
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api.apiTokens.revoke(token.id),
    onSuccess: (_result, token) => {
      setConfirming(null);
      if (created?.token.id === token.id) {
        setCreated(null);
      }
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const { check, fieldError } = useFieldProblems(FIELDS, create.error, { name });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const ok = check({
      name: name.trim() === "" ? "Escriba para qué es el token." : undefined,
    });
    if (ok) {
      create.mutate({ name: name.trim(), scope, expiresInDays: Number(days) });
    }
  }

  return (
    <>
      <PageHeader
        title="Tokens de API"
        description={
          <p>
            Un token permite que otro sistema (un portal municipal, una hoja de cálculo, un script)
            consulte o registre información en MRTM en su nombre, con su rol y su municipio,
            enviando el encabezado <code>Authorization: Bearer …</code>. Deja de funcionar al
            vencer, al revocarlo, o si su cuenta cambia de rol o de municipio o se desactiva.
          </p>
        }
      />
      <div className="stack api-tokens-page">
        {created ? (
          <Alert tone="warning" title="Su nuevo token">
            <p>
              <strong>Cópielo ahora: por seguridad no se volverá a mostrar.</strong> Quien lo tenga
              puede actuar en MRTM en su nombre
              {created.token.scope === "read" ? " (solo consultas)" : ""}: guárdelo como una
              contraseña y no lo comparta.
            </p>
            <CopyableValue
              label={`Token «${created.token.name}»`}
              value={created.secret}
              copyLabel="Copiar el token"
            >
              <p className="small">
                Ejemplo de uso, con el token guardado en la variable <code>MRTM_TOKEN</code>:
              </p>
              <pre className="api-token-example">
                {`curl -H "Authorization: Bearer $MRTM_TOKEN" ${window.location.origin}/api/auth/me`}
              </pre>
            </CopyableValue>
          </Alert>
        ) : null}

        <form className="card stack" onSubmit={submit} noValidate aria-label="Crear un token">
          <h2>Crear un token</h2>
          <FormError error={create.error} fields={FIELDS} />
          <TextField
            label="Nombre"
            hint="Para qué o para quién es, para reconocerlo después."
            required
            maxLength={API_TOKEN_NAME_MAX_LENGTH}
            value={name}
            onChange={setName}
            error={fieldError("name")}
          />
          <SelectField
            label="Alcance"
            hint="«Solo lectura» permite consultar; «Lectura y escritura», todo lo que su cuenta puede hacer."
            value={scope}
            onChange={(value) => setScope(value as ApiTokenScope)}
            options={labelledOptions(API_TOKEN_SCOPES, API_TOKEN_SCOPE_LABELS)}
            error={fieldError("scope")}
          />
          <SelectField
            label="Vigencia"
            value={days}
            onChange={setDays}
            options={DAY_OPTIONS}
            error={fieldError("expiresInDays")}
          />
          <SubmitRow busy={create.isPending} busyLabel="Creando…">
            Crear token
          </SubmitRow>
        </form>

        <section className="stack" aria-labelledby="tokens-lista">
          <h2 id="tokens-lista">Sus tokens</h2>
          <p className="muted small">
            Puede tener hasta {API_TOKEN_MAX_ACTIVE} tokens activos. Solo se muestran el principio y
            los últimos cuatro caracteres de cada uno.
          </p>
          {tokens.isPending ? <Loading label="Consultando sus tokens…" /> : null}
          <ErrorAlert error={tokens.error} />
          <ErrorAlert error={revoke.error} />
          {tokens.data && tokens.data.length === 0 ? (
            <p className="empty">Aún no ha creado ningún token.</p>
          ) : null}
          {tokens.data && tokens.data.length > 0 ? (
            <TokenTable tokens={tokens.data} onRevoke={setConfirming} />
          ) : null}
          {confirming ? (
            <fieldset className="api-token-confirm">
              <legend>¿Revocar el token «{confirming.name}»?</legend>
              <p>Los sistemas que lo usen dejarán de tener acceso de inmediato.</p>
              <div className="button-row">
                <Button
                  variant="danger"
                  busy={revoke.isPending}
                  busyLabel="Revocando…"
                  onClick={() => revoke.mutate(confirming)}
                >
                  Sí, revocar
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(null)}>
                  No, conservarlo
                </Button>
              </div>
            </fieldset>
          ) : null}
        </section>
      </div>
    </>
  );
}

function TokenTable({
  tokens,
  onRevoke,
}: {
  tokens: ApiToken[];
  onRevoke: (token: ApiToken) => void;
}) {
  return (
    <Table
      caption="Sus tokens de API"
      className="table--stack"
      columns={["Nombre", "Alcance", "Estado", "Vigencia", "Último uso", ACTIONS_COLUMN]}
    >
      {tokens.map((token) => (
        <tr key={token.id}>
          <th scope="row" data-label="Nombre">
            <span className="cell-title">{token.name}</span>
            <span className="cell-subtitle">
              <code>{token.hint}</code>
            </span>
          </th>
          <td data-label="Alcance">{API_TOKEN_SCOPE_LABELS[token.scope]}</td>
          <td data-label="Estado">
            <Badge tone={STATUS_TONES[token.status]}>{API_TOKEN_STATUS_LABELS[token.status]}</Badge>
            {token.revokedReason ? (
              <span className="cell-subtitle">
                {API_TOKEN_REVOCATION_LABELS[token.revokedReason]} (
                {formatDateTime(token.revokedAt)})
              </span>
            ) : null}
          </td>
          <td data-label="Vigencia">
            Creado el {formatDateTime(token.createdAt)}
            <span className="cell-subtitle">Vence el {formatDateTime(token.expiresAt)}</span>
          </td>
          <td data-label="Último uso">
            {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Sin usar"}
            {token.lastUsedIp ? (
              <span className="cell-subtitle">desde {token.lastUsedIp}</span>
            ) : null}
          </td>
          <td className="actions-cell">
            {token.status === "active" ? (
              <Button
                size="small"
                variant="danger"
                onClick={() => onRevoke(token)}
                aria-label={`Revocar ${token.name}`}
              >
                Revocar
              </Button>
            ) : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}
