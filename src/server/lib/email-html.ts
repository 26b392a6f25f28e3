import { escapeHtml } from "./html.js";

/**
 * The HTML layout every e-mail of MRTM shares (a notice, an account link), written once so they
 * look alike: the heading, the greeting, `content`, the button with its address spelled out
 * beneath (for mail clients that break buttons), then `after` and the footer. Plain values are
 * escaped here; `content`, `after` and `footer` are HTML already.
 */
export function emailHtml(options: {
  subject: string;
  name: string;
  content: string;
  url: string;
  button: string;
  after?: string;
  footer: string;
}): string {
  const url = escapeHtml(options.url);
  const after = options.after === undefined ? "" : `${options.after}\n`;
  return `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(options.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${escapeHtml(options.subject)}</h1>
<p style="margin:0 0 16px">Hola, ${escapeHtml(options.name)}:</p>
${options.content}
<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#0b5cad;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:4px;font-weight:bold">${escapeHtml(options.button)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#57606a">Si el botón no funciona, copie esta dirección en su navegador:<br><a href="${url}" style="color:#0b5cad">${url}</a></p>
${after}<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="margin:0;font-size:13px;color:#57606a">${options.footer}</p>
</div>
</body>
</html>
`;
}
