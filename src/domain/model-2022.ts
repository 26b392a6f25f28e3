import { attachTemplates } from "./document-templates.js";
import type { ModelContent } from "./model.js";
import { QUESTIONNAIRE_2022 } from "./survey.js";
import { TEMPLATES_2022 } from "./templates-2022.js";

/**
 * The 2022 model as the institution's initial form states it (documento inicial, 16 Nov 2022).
 * The form announces 17 tools but lists 18 (Recursos says 3 and lists 4); all 18 are here.
 */
export const MODEL_2022: ModelContent = attachTemplates(
  {
    label: "Modelo 2022",
    dimensions: [
      {
        code: "E",
        name: "Estrategia",
        description:
          "Guía el actuar de los colaboradores, a través de una misión y visión compartida, conformada por herramientas para su cumplimiento.",
        weight: 1,
        tools: [
          tool(
            "E1",
            "Convenio de colaboración",
            "Instrumento de compromiso entre la municipalidad y el órgano garante, a fin de estipular los avances, mejoras y mecanismos de evaluación.",
            { kind: "on_agreement", label: "1 mes para elaboración, vigencia indefinida" },
          ),
          tool(
            "E2",
            "Política de Transparencia y Acceso a la Información Pública",
            "Formato que describe el alcance y las funciones principales desarrolladas por las municipalidades en los ámbitos de transparencia, acceso a la información y gestión documental, con referencia a su estructura de trabajo, responsables y reporte de resultados.",
            months(3, "3 meses de implementación"),
          ),
          tool(
            "E3",
            "Sistema de Integridad y Código de Ética",
            "Elaboración de un Código de Ética y formalización de sus canales de denuncia, de forma participativa con los funcionarios municipales.",
            months(6, "6 meses de implementación y vigencia indefinida"),
            {
              parts: [
                part(
                  "a",
                  "Código de Ética",
                  "Elaboración de un Código de Ética, de forma participativa con los funcionarios municipales.",
                ),
                part(
                  "b",
                  "Canales de denuncia",
                  "Formalización de los canales de denuncia del Sistema de Integridad.",
                ),
              ],
            },
          ),
          tool(
            "E4",
            "Planes y Proyectos de Transparencia",
            "Fichas de proyectos de transparencia, incorporando la descripción de sus objetivos esperados, las actividades principales, responsables, presupuestos y su integración con el plan estratégico de la municipalidad.",
            { kind: "project", label: "Depende de la duración de cada proyecto" },
          ),
        ],
      },
      {
        code: "R",
        name: "Recursos",
        description:
          "Pretende fortalecer aquellas capacidades institucionales necesarias para que el municipio pueda responder a las obligaciones que le impone la normativa, conformada por herramientas para su cumplimiento.",
        weight: 1,
        tools: [
          tool(
            "R1",
            "Perfiles de Cargo",
            "Requisitos a considerar en la descripción de funciones y competencias de los responsables de transparencia.",
            months(3, "3 meses"),
            {
              parts: [
                part(
                  "a",
                  "Oficial o Encargado de Transparencia",
                  "Perfil de cargo del Oficial u Encargado de Transparencia.",
                ),
                part(
                  "b",
                  "Transparencia activa",
                  "Perfil de cargo del responsable de transparencia activa.",
                ),
                part(
                  "c",
                  "Transparencia pasiva",
                  "Perfil de cargo del responsable de transparencia pasiva.",
                ),
                part(
                  "d",
                  "Gestión documental",
                  "Perfil de cargo del responsable de gestión documental.",
                ),
              ],
            },
          ),
          tool(
            "R2",
            "Plan anual de capacitación interna a funcionarios públicos",
            "Identificación de necesidades y propuesta de formato de plan de capacitación en transparencia y acceso a la información.",
            { kind: "annual", label: "Anual" },
          ),
          tool(
            "R3",
            "Plan anual de capacitación a la ciudadanía",
            "Identificación de necesidades y propuesta de formato de plan de capacitación, en transparencia y acceso a la información.",
            { kind: "annual", label: "Anual" },
          ),
          tool(
            "R4",
            "Diagnóstico de la infraestructura asignada a los procesos de transparencia",
            "Recursos informáticos, condiciones de los depósitos documentales y oficinas de atención al público.",
            months(3, "3 meses"),
          ),
        ],
      },
      {
        code: "P",
        name: "Procesos",
        description:
          "Forma en cómo se ejecuta la normativa al interior de la municipalidad y determinar el nivel de madurez de los procesos principales en materia de transparencia activa y transparencia pasiva, conformada por herramientas para su cumplimiento.",
        weight: 1,
        tools: [
          tool(
            "P1",
            "Formalización de procesos",
            "Indagará en el nivel de documentación del proceso, si está diagramado, donde se establecen las distintas actividades y roles asociados, si está formalizada dicha documentación a través de un acto formal de la autoridad edilicia y si ha sido difundido al interior de la municipalidad. Los procesos de transparencia activa y transparencia pasiva, incluyendo la debida referencia a sus plataformas digitales.",
            months(6, "6 meses"),
            {
              parts: [
                part(
                  "a",
                  "Transparencia activa",
                  "Proceso de transparencia activa, con referencia a sus plataformas digitales.",
                ),
                part(
                  "b",
                  "Transparencia pasiva",
                  "Proceso de transparencia pasiva, con referencia a sus plataformas digitales.",
                ),
              ],
              criteria: [
                { code: "documentado", name: "El proceso está documentado" },
                {
                  code: "diagramado",
                  name: "Está diagramado, con sus actividades y roles asociados",
                },
                {
                  code: "formalizado",
                  name: "Está formalizado por un acto formal de la autoridad edilicia",
                },
                { code: "difundido", name: "Ha sido difundido al interior de la municipalidad" },
              ],
            },
          ),
          tool(
            "P2",
            "Automatización de procesos",
            "Nivel de automatización desde un registro básico hasta un sistema que automatiza la totalidad del proceso.",
            months(3, "3 meses"),
            {
              maturityLevels: [
                { level: 0, name: "Sin automatización" },
                { level: 1, name: "Registro básico" },
                { level: 2, name: "Automatización parcial del proceso" },
                { level: 3, name: "Sistema que automatiza la totalidad del proceso" },
              ],
            },
          ),
        ],
      },
      {
        code: "C",
        name: "Ciudadanía",
        description:
          "Relación estrecha y cotidiana entre el municipio y la ciudadanía; se deben contemplar mecanismos expeditos para el ejercicio del derecho de acceso a la información pública, conformada por herramientas para su cumplimiento.",
        weight: 1,
        tools: [
          tool(
            "C1",
            "Plan anual de difusión a la ciudadanía",
            "Definición de sus objetivos, metas, acciones, responsables y mecanismos de seguimiento.",
            months(3, "3 meses"),
          ),
          tool(
            "C2",
            "Formalización de canales de atención",
            "Elaboración de cartas de servicios, incluyendo responsables, condiciones de operación, plan de contingencia, entre otros.",
            months(3, "3 meses"),
          ),
          tool(
            "C3",
            "Transparencia Proactiva",
            "Guía metodológica para elaborar nuevos contenidos de información definidos con la misma ciudadanía y su formato de publicación, conforme a un proceso dinámico de identificación de necesidades según públicos objetivos y metas.",
            months(4, "4 meses"),
          ),
          tool(
            "C4",
            "Política de datos abiertos",
            "Atributos y requisitos para la elaboración de la política de datos abiertos de la municipalidad, con incorporación de sus objetivos, procesos de trabajo, responsables, participantes, entre otros.",
            months(5, "5 meses"),
          ),
        ],
      },
      {
        code: "M",
        name: "Mejora continua",
        description:
          "Controlar y evaluar el funcionamiento, a través de indicadores de desempeño u otras evaluaciones que permitan un mejoramiento de los procesos de transparencia, conformada por herramientas para su cumplimiento.",
        weight: 1,
        tools: [
          tool(
            "M1",
            "Satisfacción usuaria",
            "Instrumento de evaluación que permite conocer la satisfacción de los usuarios lograda a partir de los mecanismos de transparencia y acceso a la información pública implementados por las municipalidades.",
            { kind: "annual", label: "Anual" },
          ),
          tool(
            "M2",
            "Reporte de indicadores de desempeño",
            "Indicadores para medir el desempeño de los mecanismos de transparencia y acceso a la información pública, y su formato de reportería de resultados.",
            months(3, "3 meses para la adopción de la batería de indicadores de instalación"),
          ),
          tool(
            "M3",
            "Rendición de cuentas",
            "Proceso de rendición de cuentas de la municipalidad, incorporando los mecanismos de transparencia, y elaboración de su informe con interacción de los ciudadanos.",
            { kind: "annual", label: "Anual" },
          ),
          tool(
            "M4",
            "Planes de Mejora",
            "Formalizar y comprometer acciones que eleven los resultados de la transparencia y acceso a la información en la municipalidad.",
            months(3, "3 meses"),
          ),
        ],
      },
    ],
    surveyQuestionnaire: QUESTIONNAIRE_2022,
  },
  TEMPLATES_2022,
);

type Extras = Partial<
  Pick<ModelContent["dimensions"][number]["tools"][number], "parts" | "criteria" | "maturityLevels">
>;

function tool(
  code: string,
  name: string,
  description: string,
  period: ModelContent["dimensions"][number]["tools"][number]["period"],
  extras: Extras = {},
) {
  return {
    code,
    name,
    description,
    period,
    weight: 1,
    parts: extras.parts ?? [],
    criteria: extras.criteria ?? [],
    maturityLevels: extras.maturityLevels ?? [],
  };
}

function months(count: number, label: string) {
  return { kind: "months" as const, months: count, label };
}

function part(code: string, name: string, description: string) {
  return { code, name, description };
}
