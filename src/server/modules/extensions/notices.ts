/** The notices of extension requests, sent inside the transaction of the change they report. */
import type { ExtensionStatus } from "../../../domain/extensions.js";
import type { Executor } from "../../db/client.js";
import { formatDateEs } from "../../lib/dates-es.js";
import { municipalRecipients, staffRecipients } from "../notifications/recipients.js";
import { notifyEach } from "../notifications/service.js";
import { instanceFacts } from "../notifications/tool-events.js";

/** A municipality asked for more time: reviewers and admins are told, once per request. */
export async function notifyExtensionRequested(
  tx: Executor,
  request: { id: string; toolInstanceId: string; requestedOn: string; reason: string },
): Promise<void> {
  const facts = await instanceFacts(tx, request.toolInstanceId);
  const staff = await staffRecipients(tx, ["reviewer", "admin"]);
  await notifyEach(tx, staff, {
    kind: "extension_requested",
    title: `Solicitud de prórroga: ${facts.toolCode} · ${facts.municipality}`,
    body: `${facts.municipality} pide prorrogar ${facts.label} hasta el ${formatDateEs(request.requestedOn)}.\n\nMotivo: ${request.reason}`,
    link: "/prorrogas",
    dedupeKey: `extension-requested:${request.id}`,
    action: "Decidir la solicitud",
  });
}

/** Staff decided a request: the municipality's people are told, once per request. */
export async function notifyExtensionDecided(
  tx: Executor,
  request: {
    id: string;
    toolInstanceId: string;
    status: Exclude<ExtensionStatus, "pending">;
    grantedOn: string | null;
    reason: string | null;
  },
): Promise<void> {
  const facts = await instanceFacts(tx, request.toolInstanceId);
  const people = await municipalRecipients(tx, [facts.cvegeo]);
  const approved = request.status === "approved";
  const because = request.reason ? `\n\nMotivo: ${request.reason}` : "";
  await notifyEach(tx, people, {
    kind: "extension_decided",
    title: approved ? `Prórroga aprobada: ${facts.label}` : `Prórroga rechazada: ${facts.label}`,
    body: approved
      ? `El nuevo plazo de ${facts.label} es el ${formatDateEs(request.grantedOn ?? "")}.${because}`
      : `La solicitud de prórroga de ${facts.label} fue rechazada; el plazo no cambia.${because}`,
    link: `/herramientas/${request.toolInstanceId}`,
    dedupeKey: `extension-decided:${request.id}`,
    action: "Ver la herramienta",
  });
}
