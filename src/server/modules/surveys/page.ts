import type { PublicSurvey } from "../../../contracts/surveys.js";
import { AppError } from "../../lib/errors.js";
import { escapeHtml } from "../../lib/html.js";
import type { App } from "../../types.js";
import { PUBLIC_FORM_FUNCTIONS } from "./form-script.js";
import { getPublicSurvey } from "./queries.js";

/**
 * The public survey form at /encuesta/<token>: a small page rendered by the server (no React, no
 * account), mobile first, with one stylesheet and one script of its own (the CSP allows no inline
 * code). A few kilobytes in all, so it opens quickly on a phone at the service window.
 */

/** Where the public form's stylesheet and script are served (the consultation page shares the stylesheet). */
export const ASSETS = "/encuesta-recursos";

/**
 * A public page of its own (survey, consultation): mobile first, the survey's stylesheet and one
 * script, no inline code.
 */
export function publicLayout(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${ASSETS}/encuesta.css">
<script src="${script}" defer></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

const layout = (title: string, body: string) => publicLayout(title, body, `${ASSETS}/encuesta.js`);

function questionField(question: PublicSurvey["questions"][number], index: number): string {
  const id = `q-${index}`;
  const required = question.required ? ' <span class="req">(obligatoria)</span>' : "";
  const error = `<p class="error" id="${id}-error" hidden></p>`;
  if (question.kind === "text") {
    return `<div class="question" data-code="${escapeHtml(question.code)}" data-kind="text">
<label for="${id}">${escapeHtml(question.text)}${required}</label>
<textarea id="${id}" name="${escapeHtml(question.code)}" rows="4" maxlength="1000" aria-describedby="${id}-error"></textarea>
${error}
</div>`;
  }
  const options = (question.options ?? [])
    .map(
      (option, position) => `<label class="option" for="${id}-${position}">
<input type="radio" id="${id}-${position}" name="${escapeHtml(question.code)}" value="${escapeHtml(option.value)}">
<span>${question.kind === "likert" ? `<b>${escapeHtml(option.value)}</b> · ` : ""}${escapeHtml(option.label)}</span>
</label>`,
    )
    .join("\n");
  return `<fieldset class="question" data-code="${escapeHtml(question.code)}" data-kind="${question.kind}" aria-describedby="${id}-error">
<legend>${escapeHtml(question.text)}${required}</legend>
<div class="options${question.kind === "likert" ? " likert" : ""}">
${options}
</div>
${error}
</fieldset>`;
}

/** The form of an open survey; a closed one says so. */
export function surveyPage(token: string, survey: PublicSurvey): string {
  const title = `Encuesta de satisfacción — ${survey.municipality.name}`;
  const heading = `<h1>Encuesta de satisfacción</h1>
<p class="lead">Ayuntamiento de ${escapeHtml(survey.municipality.name)} · Transparencia y acceso a la información</p>`;
  if (survey.status === "closed") {
    return layout(
      title,
      `${heading}<p class="notice" role="status">Esta encuesta ya cerró y no recibe más respuestas. Gracias por su interés.</p>`,
    );
  }
  return layout(
    title,
    `${heading}
<p>Responda en unos 3 minutos. Es anónima: no le pedimos nombre, correo ni teléfono.</p>
<noscript><p class="notice">Para enviar la encuesta, active JavaScript en su navegador.</p></noscript>
<div id="summary" class="summary" role="alert" tabindex="-1" hidden></div>
<form id="encuesta" data-token="${escapeHtml(token)}" novalidate>
${survey.questions.map(questionField).join("\n")}
<div class="trap">
<label for="website">No llene este campo</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
</div>
<details class="privacy">
<summary>Aviso de privacidad</summary>
<p>${escapeHtml(survey.privacyNotice)}</p>
</details>
<button type="submit">Enviar respuestas</button>
</form>
<div id="thanks" class="thanks" role="status" tabindex="-1" hidden></div>`,
  );
}

const NOT_FOUND_PAGE = layout(
  "Encuesta no encontrada",
  `<h1>Encuesta no encontrada</h1>
<p class="notice">El enlace no corresponde a ninguna encuesta. Revise la dirección o vuelva a escanear el código QR.</p>`,
);

const STYLE = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f5f6f7}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.5rem;margin:.5rem 0}
.lead{color:#444;margin-top:0}
.question{border:1px solid #c9ccd1;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}
legend,.question>label{font-weight:600;padding:0 .25rem;display:block;margin-bottom:.5rem}
.req{font-weight:400;color:#5a1a1a;font-size:.9rem}
.options{display:flex;flex-direction:column;gap:.25rem}
.option{display:flex;align-items:flex-start;gap:.6rem;padding:.55rem .5rem;border-radius:.4rem;min-height:2.75rem;cursor:pointer}
.option:hover{background:#eef2f7}
.option input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none}
textarea,select,input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:.4rem}
.comments{list-style:none;padding:0;margin:0}
.report-section{border-top:1px solid #c9ccd1;padding-top:.5rem;margin-top:1rem;overflow-wrap:anywhere}
.error{color:#a4000f;font-weight:600;margin:.5rem 0 0}
[aria-invalid=true]{border-color:#a4000f}
.summary{border:2px solid #a4000f;border-radius:.5rem;padding:.75rem;margin-bottom:1rem;color:#a4000f}
.notice{background:#fff4ce;border-radius:.5rem;padding:.75rem}
.thanks{background:#dff6dd;border-radius:.5rem;padding:1rem;font-size:1.1rem}
.trap{display:none}
.privacy{margin:1rem 0;font-size:.95rem}
.privacy summary{cursor:pointer;font-weight:600;padding:.5rem 0}
button{font:inherit;font-weight:600;width:100%;padding:.85rem;border:0;border-radius:.5rem;background:#0b4f8a;color:#fff;cursor:pointer}
button:disabled{background:#5d6b78}
button:focus-visible,.option:focus-within,textarea:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible,a:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
@media (min-width:40rem){main{padding:2rem;margin-top:1rem;min-height:auto;border-radius:.75rem}.likert{flex-direction:row;flex-wrap:wrap}.likert .option{flex:1 1 30%}}
`;

const SCRIPT = `"use strict";
(function () {
  var form = document.getElementById("encuesta");
  if (!form) return;
  var token = form.getAttribute("data-token");
  var done = "mrtm-encuesta-respondida-" + token;
  var summary = document.getElementById("summary");
  var thanks = document.getElementById("thanks");
  var button = form.querySelector("button[type=submit]");
  function finish(text) {
    form.hidden = true;
    summary.hidden = true;
    thanks.textContent = text;
    thanks.hidden = false;
    thanks.focus();
  }
  var stored = null;
  try { stored = window.localStorage.getItem(done); } catch (e) {}
  if (stored) {
    finish("Ya respondió esta encuesta desde este navegador. ¡Gracias por su participación!");
    return;
  }
${PUBLIC_FORM_FUNCTIONS}
  function questionOf(d) {
    var code = String(d.field || "").replace(/^answers\\./, "");
    return form.querySelector('.question[data-code="' + code + '"]');
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var answers = {};
    form.querySelectorAll(".question").forEach(function (q) {
      var code = q.getAttribute("data-code");
      if (q.getAttribute("data-kind") === "text") {
        var text = q.querySelector("textarea").value.trim();
        if (text) answers[code] = text;
        return;
      }
      var checked = q.querySelector("input:checked");
      if (!checked) return;
      answers[code] = q.getAttribute("data-kind") === "likert" ? Number(checked.value) : checked.value;
    });
    send("/api/public/surveys/" + encodeURIComponent(token) + "/responses", {
      answers: answers,
      browserToken: browserKey(),
      website: form.elements.website.value
    }, "No pudimos registrar su respuesta. Intente de nuevo.", function (body) {
      try { window.localStorage.setItem(done, "1"); } catch (e) {}
      finish(body.message || "¡Gracias! Su respuesta quedó registrada.");
    }, function (error) {
      if (error.code === "survey_already_answered") {
        try { window.localStorage.setItem(done, "1"); } catch (e) {}
      }
    });
  });
})();
`;

/**
 * Serves a public page by its secret token at `path` (e.g. `/encuesta/:token`), never cached
 * and without a referrer; an unknown token gets `notFoundPage` with 404.
 */
export function registerTokenPage<T>(
  app: App,
  path: string,
  load: (token: string) => Promise<T>,
  render: (token: string, found: T) => string,
  notFoundPage: string,
): void {
  app.get(path, { schema: { hide: true } }, async (request: { params: unknown }, reply) => {
    const { token } = request.params as { token: string };
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer");
    try {
      return reply.send(render(token, await load(token.slice(0, 100))));
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") {
        return reply.code(404).send(notFoundPage);
      }
      throw error;
    }
  });
}

/** Serves a page's script or stylesheet, cached for an hour. */
export function registerAsset(app: App, path: string, type: string, body: string): void {
  app.get(path, { schema: { hide: true } }, (_request, reply) =>
    reply.type(`${type}; charset=utf-8`).header("cache-control", "public, max-age=3600").send(body),
  );
}

/** The page and its two assets; the page is never cached (a survey closes). */
export async function registerSurveyPage(app: App): Promise<void> {
  const { db } = app.deps;
  registerTokenPage(
    app,
    "/encuesta/:token",
    (token) => getPublicSurvey(db, token),
    surveyPage,
    NOT_FOUND_PAGE,
  );
  registerAsset(app, `${ASSETS}/encuesta.css`, "text/css", STYLE);
  registerAsset(app, `${ASSETS}/encuesta.js`, "text/javascript", SCRIPT);
}
