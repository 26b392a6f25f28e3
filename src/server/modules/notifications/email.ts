import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "../../../domain/notifications.js";
import { emailHtml } from "../../lib/email-html.js";
import { escapeHtml } from "../../lib/html.js";
import { absoluteLink } from "./links.js";

const APP_NAME = "MRTM · Modelo Regional de Transparencia Municipal";
export const PREFERENCES_PATH = "/notificaciones/preferencias";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Subject lines are one line: newlines (header injection) and runs of spaces collapse. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim().slice(0, 200);
}

/**
 * The e-mail of one notification, in Spanish: a greeting, the notification's text, a link to the
 * right page of the web app, and why the person receives it (with the link to change that). Plain
 * text and HTML say the same; every value is escaped in the HTML.
 */
export function renderEmail(options: {
  recipientName: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  action?: string | undefined;
}): EmailContent {
  const url = absoluteLink(options.link);
  const preferencesUrl = absoluteLink(PREFERENCES_PATH);
  const action = options.action ?? "Abrir en MRTM";
  const why = `Recibe este correo porque tiene activado el aviso por correo de «${NOTIFICATION_KIND_LABELS[options.kind]}».`;
  const subject = oneLine(options.title);
  const text = [
    `Hola, ${options.recipientName}:`,
    "",
    options.body,
    "",
    `${action}: ${url}`,
    "",
    "--",
    APP_NAME,
    why,
    `Puede elegir qué avisos recibe por correo en ${preferencesUrl}`,
    "",
  ].join("\n");
  const paragraphs = options.body
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p style="margin:0 0 16px">${paragraph.split("\n").map(escapeHtml).join("<br>")}</p>`,
    )
    .join("\n");
  const html = emailHtml({
    subject,
    name: options.recipientName,
    content: paragraphs,
    url,
    button: action,
    footer: `${escapeHtml(APP_NAME)}<br>${escapeHtml(why)} <a href="${escapeHtml(preferencesUrl)}" style="color:#0b5cad">Elegir qué avisos recibo por correo</a>.`,
  });
  return { subject, text, html };
}
