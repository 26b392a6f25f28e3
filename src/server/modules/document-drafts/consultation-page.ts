import type { PublicConsultation } from "../../../contracts/document-drafts.js";
import { MAX_CONSULTATION_COMMENT, MAX_CONSULTATION_NAME } from "../../../domain/consultations.js";
import { escapeHtml } from "../../lib/html.js";
import type { App } from "../../types.js";
import { PUBLIC_FORM_FUNCTIONS } from "../surveys/form-script.js";
import { publicLayout, registerAsset, registerTokenPage } from "../surveys/page.js";
import { getPublicConsultation } from "./consultation.js";

/**
 * The public consultation page at /consulta/<token>: the draft report as put to the citizens, the
 * published comments with the municipality's answers, and a form to comment without an account.
 * Rendered by the server, no React, mobile first; it shares the survey form's stylesheet and has
 * a small script of its own (the CSP allows no inline code).
 */

const SCRIPT_PATH = "/consulta-recursos/consulta.js";

const layout = (title: string, body: string) => publicLayout(title, body, SCRIPT_PATH);

const paragraphs = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("\n");

function commentList(comments: PublicConsultation["comments"]): string {
  if (comments.length === 0) {
    return "";
  }
  const items = comments
    .map(
      (comment) => `<li class="question">
<p><b>${escapeHtml(comment.authorName || "Una persona")}</b> preguntó o comentó:</p>
${paragraphs(comment.body)}
${comment.answer ? `<div class="notice"><p><b>Respuesta del municipio:</b></p>${paragraphs(comment.answer)}</div>` : ""}
</li>`,
    )
    .join("\n");
  return `<h3>Comentarios publicados</h3><ul class="comments">${items}</ul>`;
}

/** The page of a consultation; a closed one shows the report and comments without the form. */
export function consultationPage(token: string, consultation: PublicConsultation): string {
  const title = `Consulta pública — ${consultation.title} — ${consultation.municipality.name}`;
  const bySection = (key: string | null) =>
    consultation.comments.filter((comment) => comment.sectionKey === key);
  const sections = consultation.sections
    .map(
      (section) => `<section class="report-section" id="seccion-${escapeHtml(section.key)}">
<h2>${escapeHtml(section.title)}</h2>
${section.text.trim() ? paragraphs(section.text) : '<p class="lead">(Sección aún sin texto.)</p>'}
${commentList(bySection(section.key))}
</section>`,
    )
    .join("\n");
  const options = [
    '<option value="">Todo el informe</option>',
    ...consultation.sections.map(
      (section) =>
        `<option value="${escapeHtml(section.key)}">${escapeHtml(section.title)}</option>`,
    ),
  ].join("");
  const form = consultation.open
    ? `<h2 id="comentar">Deje su pregunta o comentario</h2>
<noscript><p class="notice">Para enviar un comentario, active JavaScript en su navegador.</p></noscript>
<div id="summary" class="summary" role="alert" tabindex="-1" hidden></div>
<form id="consulta" data-token="${escapeHtml(token)}" novalidate>
<div class="question" data-field="sectionKey">
<label for="seccion">¿Sobre qué parte del informe?</label>
<select id="seccion" name="sectionKey">${options}</select>
<p class="error" hidden></p>
</div>
<div class="question" data-field="body">
<label for="comentario">Su pregunta o comentario</label>
<textarea id="comentario" name="body" rows="5" maxlength="${MAX_CONSULTATION_COMMENT}"></textarea>
<p class="error" hidden></p>
</div>
<div class="question" data-field="name">
<label for="nombre">Su nombre (opcional; se publica con su comentario)</label>
<input type="text" id="nombre" name="name" maxlength="${MAX_CONSULTATION_NAME}" autocomplete="name">
<p class="error" hidden></p>
</div>
<div class="trap">
<label for="website">No llene este campo</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
</div>
<button type="submit">Enviar comentario</button>
</form>
<div id="thanks" class="thanks" role="status" tabindex="-1" hidden></div>`
    : `<p class="notice" role="status">La consulta ya cerró y no recibe más comentarios. Gracias por su interés.</p>`;
  return layout(
    title,
    `<h1>Consulta pública: ${escapeHtml(consultation.title)}</h1>
<p class="lead">Ayuntamiento de ${escapeHtml(consultation.municipality.name)} · Rendición de cuentas</p>
<p>Este es el borrador del informe de rendición de cuentas. Léalo y deje sus preguntas o comentarios: no necesita cuenta. El municipio revisa cada comentario antes de publicarlo y responde públicamente; la consulta se integra al informe.</p>
${consultation.open ? '<p><a href="#comentar">Ir al formulario de comentarios</a></p>' : ""}
${sections}
${bySection(null).length > 0 ? `<section class="report-section"><h2>Sobre todo el informe</h2>${commentList(bySection(null))}</section>` : ""}
${form}`,
  );
}

const NOT_FOUND_PAGE = layout(
  "Consulta no encontrada",
  `<h1>Consulta no encontrada</h1>
<p class="notice">El enlace no corresponde a ninguna consulta. Revise la dirección.</p>`,
);

const SCRIPT = `"use strict";
(function () {
  var form = document.getElementById("consulta");
  if (!form) return;
  var token = form.getAttribute("data-token");
  var summary = document.getElementById("summary");
  var thanks = document.getElementById("thanks");
  var button = form.querySelector("button[type=submit]");
${PUBLIC_FORM_FUNCTIONS}
  function questionOf(d) {
    return form.querySelector('.question[data-field="' + d.field + '"]');
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var section = form.elements.sectionKey.value;
    send("/api/public/consultations/" + encodeURIComponent(token) + "/comments", {
      sectionKey: section === "" ? null : section,
      body: form.elements.body.value,
      name: form.elements.name.value,
      website: form.elements.website.value,
      browserToken: browserKey()
    }, "No pudimos registrar su comentario. Intente de nuevo.", function (body) {
      form.reset();
      summary.hidden = true;
      thanks.textContent = body.message || "¡Gracias! Recibimos su comentario.";
      thanks.hidden = false;
      thanks.focus();
    });
  });
})();
`;

/** The page and its script; the page is never cached (comments are published, it closes). */
export async function registerConsultationPage(app: App): Promise<void> {
  const { db } = app.deps;
  registerTokenPage(
    app,
    "/consulta/:token",
    (token) => getPublicConsultation(db, token),
    consultationPage,
    NOT_FOUND_PAGE,
  );
  registerAsset(app, SCRIPT_PATH, "text/javascript", SCRIPT);
}
