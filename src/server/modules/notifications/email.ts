import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "../../../domain/notifications.js";
import { absoluteLink } from "./links.js";

const APP_NAME = "MRTM · Modelo Regional de Transparencia Municipal";
export const PREFERENCES_PATH = "/notificaciones/preferencias";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Escapes text for HTML content and attribute values: nothing from the data is markup. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
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
  const html = `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${escapeHtml(subject)}</h1>
<p style="margin:0 0 16px">Hola, ${escapeHtml(options.recipientName)}:</p>
${paragraphs}
<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0b5cad;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:4px;font-weight:bold">${escapeHtml(action)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#57606a">Si el botón no funciona, copie esta dirección en su navegador:<br><a href="${escapeHtml(url)}" style="color:#0b5cad">${escapeHtml(url)}</a></p>
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="margin:0;font-size:13px;color:#57606a">${escapeHtml(APP_NAME)}<br>${escapeHtml(why)} <a href="${escapeHtml(preferencesUrl)}" style="color:#0b5cad">Elegir qué avisos recibo por correo</a>.</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
