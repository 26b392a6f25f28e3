import type { DocumentTemplate, TemplateSection } from "./document-templates.js";

/**
 * The guided documents of the 2022 model, written from the seed form's description of each tool
 * (documento inicial, 16 Nov 2022), keyed by tool or `tool.part`. The institute edits them in a
 * new model version; these are only the first ones.
 */
export const TEMPLATES_2022: Readonly<Record<string, DocumentTemplate>> = {
  E2: {
    title: "Política de Transparencia y Acceso a la Información Pública",
    sections: [
      text(
        "alcance",
        "Alcance y objetivos",
        "Describa a qué áreas del ayuntamiento aplica la política y qué busca en transparencia, acceso a la información y gestión documental. Ejemplo: «Aplica a todas las dependencias de la administración municipal 2022-2024…».",
      ),
      table(
        "funciones",
        "Funciones principales por ámbito",
        "Para cada ámbito (transparencia, acceso a la información, gestión documental), las funciones que desarrolla el municipio.",
        ["Ámbito", "Funciones principales"],
      ),
      text(
        "estructura",
        "Estructura de trabajo",
        "Cómo se organiza el trabajo: Unidad de Transparencia, Comité de Transparencia, servidores públicos habilitados, área coordinadora de archivos.",
      ),
      table(
        "responsables",
        "Responsables",
        "Quién responde de cada función: cargo, área y datos de contacto institucionales.",
        ["Cargo", "Área", "Responsabilidad"],
      ),
      text(
        "reporte",
        "Reporte de resultados",
        "Cómo y cada cuándo se informan los resultados (indicadores, informes al cabildo, publicación).",
      ),
      text(
        "aprobacion",
        "Aprobación y vigencia",
        "Acto de aprobación (sesión de cabildo, fecha) y vigencia de la política.",
        false,
      ),
    ],
  },
  "E3.a": {
    title: "Código de Ética",
    sections: [
      text(
        "presentacion",
        "Presentación y ámbito de aplicación",
        "A quién obliga el código y por qué; mencione que se elaboró de forma participativa con los funcionarios municipales.",
      ),
      list(
        "principios",
        "Principios y valores",
        "Un principio por punto, con una frase que lo explique. Ejemplo: «Legalidad: actuamos conforme a la ley…».",
      ),
      list(
        "conductas",
        "Reglas de conducta",
        "Conductas esperadas y prohibidas, concretas y verificables.",
      ),
      text(
        "participacion",
        "Proceso participativo",
        "Cómo participaron los funcionarios en su elaboración: talleres, consultas, número de participantes, fechas.",
      ),
      text(
        "difusion",
        "Difusión y capacitación",
        "Cómo se da a conocer el código y cómo se capacita al personal.",
        false,
      ),
    ],
  },
  "E3.b": {
    title: "Canales de denuncia del Sistema de Integridad",
    sections: [
      table(
        "canales",
        "Canales de denuncia",
        "Cada canal formalizado: medio (buzón, correo, formulario, teléfono), dónde está y quién lo atiende.",
        ["Canal", "Ubicación o dirección", "Responsable"],
      ),
      text(
        "procedimiento",
        "Procedimiento de atención",
        "Pasos desde que se recibe una denuncia hasta su resolución, con plazos.",
      ),
      text(
        "proteccion",
        "Confidencialidad y protección del denunciante",
        "Cómo se protege la identidad y se evitan represalias.",
      ),
      text(
        "formalizacion",
        "Formalización",
        "Acto por el que se formalizan los canales (acuerdo, fecha, publicación).",
      ),
    ],
  },
  "R1.a": jobProfile("Perfil de cargo: Oficial o Encargado de Transparencia"),
  "R1.b": jobProfile("Perfil de cargo: responsable de transparencia activa"),
  "R1.c": jobProfile("Perfil de cargo: responsable de transparencia pasiva"),
  "R1.d": jobProfile("Perfil de cargo: responsable de gestión documental"),
  R2: trainingPlan(
    "Plan anual de capacitación interna a funcionarios públicos",
    "las áreas y los servidores públicos",
  ),
  R3: trainingPlan(
    "Plan anual de capacitación a la ciudadanía",
    "los grupos de la ciudadanía (colonias, escuelas, organizaciones)",
  ),
  R4: {
    title: "Diagnóstico de la infraestructura asignada a los procesos de transparencia",
    sections: [
      table(
        "informatica",
        "Recursos informáticos",
        "Equipos, conectividad y sistemas con que cuentan la Unidad de Transparencia y las áreas: cantidad, estado y necesidades.",
        ["Recurso", "Cantidad", "Estado", "Necesidad detectada"],
      ),
      table(
        "depositos",
        "Condiciones de los depósitos documentales",
        "Archivos de trámite, concentración e histórico: ubicación, condiciones (espacio, humedad, seguridad) y necesidades.",
        ["Depósito", "Ubicación", "Condiciones", "Necesidad detectada"],
      ),
      table(
        "oficinas",
        "Oficinas de atención al público",
        "Dónde se atiende a la ciudadanía: accesibilidad, horario, equipamiento.",
        ["Oficina", "Ubicación", "Condiciones", "Necesidad detectada"],
      ),
      text(
        "conclusiones",
        "Conclusiones y prioridades",
        "Las carencias principales y el orden en que conviene atenderlas.",
      ),
    ],
  },
  C1: {
    title: "Plan anual de difusión a la ciudadanía",
    sections: [
      list("objetivos", "Objetivos", "Qué se quiere lograr con la difusión, uno por punto."),
      table("metas", "Metas", "Metas medibles, con su indicador y valor esperado.", [
        "Meta",
        "Indicador",
        "Valor esperado",
      ]),
      table(
        "acciones",
        "Acciones",
        "Las acciones de difusión (medios, materiales, eventos), su fecha y su responsable.",
        ["Acción", "Medio", "Fecha", "Responsable"],
      ),
      text(
        "seguimiento",
        "Mecanismos de seguimiento",
        "Cómo se revisa el avance del plan y quién lo reporta.",
      ),
    ],
  },
  C2: {
    title: "Cartas de servicios de los canales de atención",
    sections: [
      text(
        "presentacion",
        "Presentación",
        "Para qué sirven estas cartas y qué canales de atención ofrece el municipio para ejercer el derecho de acceso a la información.",
      ),
      table(
        "cartas",
        "Carta de servicios por canal",
        "Una fila por canal (presencial, teléfono, correo, Plataforma Nacional, SAIMEX…): responsable, horario, condiciones de operación, tiempos de respuesta y plan de contingencia.",
        [
          "Canal",
          "Responsable",
          "Horario",
          "Condiciones de operación",
          "Tiempos de respuesta",
          "Plan de contingencia",
        ],
      ),
      checklist(
        "publicacion",
        "Publicación de las cartas",
        "Confirme dónde quedan a la vista las cartas.",
        [
          "Publicadas en el portal del municipio",
          "Exhibidas en la oficina de atención",
          "Difundidas al personal que atiende",
        ],
      ),
      text(
        "formalizacion",
        "Formalización",
        "Acto por el que se aprueban las cartas (acuerdo, fecha).",
        false,
      ),
    ],
  },
  C3: {
    title: "Guía metodológica de transparencia proactiva",
    sections: [
      text(
        "proposito",
        "Propósito",
        "Qué información nueva, útil para la ciudadanía, se quiere publicar más allá de las obligaciones.",
      ),
      table(
        "publicos",
        "Públicos objetivo y necesidades",
        "Identifique con la misma ciudadanía qué necesita cada público.",
        ["Público objetivo", "Necesidad de información", "Cómo se identificó"],
      ),
      list(
        "proceso",
        "Proceso de elaboración de contenidos",
        "Los pasos del proceso dinámico: identificar, elaborar, validar, publicar, evaluar.",
      ),
      text(
        "formato",
        "Formato de publicación",
        "Cómo y dónde se publican los contenidos (formatos abiertos, lenguaje ciudadano, periodicidad).",
      ),
      table("metas", "Metas", "Metas de publicación y su plazo.", ["Meta", "Plazo", "Responsable"]),
    ],
  },
  C4: {
    title: "Política de datos abiertos",
    sections: [
      list("objetivos", "Objetivos", "Qué se busca al abrir los datos del municipio."),
      list(
        "procesos",
        "Procesos de trabajo",
        "Cómo se identifican, preparan, publican y actualizan los conjuntos de datos.",
      ),
      table(
        "responsables",
        "Responsables y participantes",
        "Quién hace cada parte, dentro y fuera del ayuntamiento.",
        ["Persona o área", "Papel"],
      ),
      table(
        "conjuntos",
        "Conjuntos de datos priorizados",
        "Los primeros conjuntos que se publicarán.",
        ["Conjunto de datos", "Área que lo genera", "Periodicidad"],
      ),
      checklist(
        "atributos",
        "Atributos de los datos",
        "Los atributos que deben cumplir los datos publicados.",
        [
          "Gratuitos",
          "En formato abierto",
          "Con licencia de uso libre",
          "Actualizados con periodicidad definida",
          "Con diccionario de datos",
        ],
      ),
    ],
  },
  M3: {
    title: "Informe de rendición de cuentas",
    sections: [
      text(
        "proceso",
        "Proceso de rendición de cuentas",
        "Cómo rinde cuentas el municipio e incorpora los mecanismos de transparencia.",
      ),
      text(
        "resultados",
        "Resultados del periodo",
        "Lo realizado en transparencia y acceso a la información durante el año.",
      ),
      table(
        "interaccion",
        "Interacción con la ciudadanía",
        "Los espacios en que la ciudadanía participó en el informe: fecha, modalidad y participantes.",
        ["Fecha", "Modalidad", "Participantes"],
      ),
      list(
        "compromisos",
        "Compromisos",
        "Lo que el municipio se compromete a hacer a partir de lo que dijo la ciudadanía.",
      ),
    ],
  },
};

function section(
  kind: TemplateSection["kind"],
  key: string,
  title: string,
  guidance: string,
  required: boolean,
  columns: string[] = [],
  items: string[] = [],
): TemplateSection {
  return { key, title, guidance, required, kind, columns, items };
}

function text(key: string, title: string, guidance: string, required = true): TemplateSection {
  return section("rich_text", key, title, guidance, required);
}

function list(key: string, title: string, guidance: string, required = true): TemplateSection {
  return section("list", key, title, guidance, required);
}

function table(
  key: string,
  title: string,
  guidance: string,
  columns: string[],
  required = true,
): TemplateSection {
  return section("table", key, title, guidance, required, columns);
}

function checklist(
  key: string,
  title: string,
  guidance: string,
  items: string[],
  required = true,
): TemplateSection {
  return section("checklist", key, title, guidance, required, [], items);
}

/** R1 a)–d): the requirements of a transparency job's description of functions and skills. */
function jobProfile(title: string): DocumentTemplate {
  return {
    title,
    sections: [
      text("objetivo", "Objetivo del cargo", "Para qué existe el cargo, en una o dos frases."),
      list("funciones", "Funciones", "Las funciones del cargo, una por punto."),
      table(
        "competencias",
        "Competencias",
        "Conocimientos y habilidades requeridos y el nivel esperado.",
        ["Competencia", "Nivel requerido"],
      ),
      list(
        "requisitos",
        "Requisitos",
        "Escolaridad, experiencia y certificaciones (p. ej. la certificación en materia de transparencia).",
      ),
      text("ubicacion", "Ubicación en la estructura", "A quién reporta y a quién coordina.", false),
    ],
  };
}

/** R2, R3: needs identified, then the plan in the proposed format. */
function trainingPlan(title: string, audience: string): DocumentTemplate {
  return {
    title,
    sections: [
      text(
        "necesidades",
        "Identificación de necesidades",
        `Qué necesitan aprender ${audience} en transparencia y acceso a la información, y cómo se detectó (encuesta, diagnóstico, resultados de evaluaciones).`,
      ),
      list("objetivos", "Objetivos", "Qué se espera lograr con la capacitación."),
      table(
        "plan",
        "Plan de capacitación",
        "Una fila por actividad: tema, público, fecha prevista, horas y quién la imparte.",
        ["Tema", "Público", "Fecha prevista", "Horas", "Imparte"],
      ),
      text(
        "evaluacion",
        "Evaluación",
        "Cómo se medirá el aprovechamiento y el cumplimiento del plan.",
      ),
    ],
  };
}
