import { and, eq, ne } from "drizzle-orm";
import { addDays } from "../../domain/support-actions.js";
import type { Database } from "../db/client.js";
import { supportActions, toolInstances } from "../db/schema/index.js";
import {
  addAttendee,
  addCommitment,
  type CreateActionInput,
  changeCommitmentStatus,
  createSupportAction,
  markSupportActionHeld,
  saveMinutes,
} from "../modules/support-actions/service.js";
import type { DemoAccount, DemoContext } from "./demo-progress.js";
import { type DemoRandom, demoRandom } from "./demo-random.js";

const FIRST_TRAINING = "2023-02-27";
const WORKING_MEETING = "2025-10-08";
const MEETING_MUNICIPALITY = "15064";

/** Invented attendees, drawn from common given names and surnames: the demo names no real person. */
const GIVEN_NAMES = [
  "María Fernanda",
  "José Luis",
  "Ana Karen",
  "Roberto",
  "Guadalupe",
  "Jorge",
  "Claudia",
  "Miguel Ángel",
];
const SURNAMES = [
  "Reyes",
  "Martínez",
  "Sánchez",
  "Díaz",
  "Hernández",
  "Ortiz",
  "Cruz",
  "Mendoza",
  "Vega",
  "Flores",
];
const POSITIONS = [
  "Titular de la Unidad de Transparencia",
  "Secretaría del Ayuntamiento",
  "Contraloría interna",
  "Dirección de Administración",
];

function attendee(random: DemoRandom, position: number) {
  return {
    name: `${random.pick(GIVEN_NAMES)} ${random.pick(SURNAMES)} ${random.pick(SURNAMES)}`,
    position: POSITIONS[position % POSITIONS.length] ?? "Enlace municipal",
  };
}

function cvegeoOf(account: DemoAccount): string {
  return account.user.municipality?.cvegeo ?? "";
}

/**
 * The support actions already held, seeded before the tools move so that their baselines show
 * the gaps they addressed: the first cohort's group training (27 Feb 2023) and a working meeting
 * with a municipality that has barely started, each with attendance, minutes and commitments.
 */
export async function seedHeldSupportActions(db: Database, ctx: DemoContext): Promise<void> {
  const firstCohort = ctx.firstCohort;
  const training = await holdAction(db, ctx, {
    input: {
      type: "training",
      title: "Capacitación: Política de Transparencia y Sistema de Integridad",
      description:
        "Primera sesión de acompañamiento de la Cohorte 2022: elaboración de la Política de Transparencia (E2) y del Código de Ética con sus canales de denuncia (E3).",
      date: FIRST_TRAINING,
      time: "10:00",
      durationMinutes: 180,
      modality: "in_person",
      place: "Auditorio del órgano garante, Metepec",
      link: null,
      facilitatorIds: [ctx.staff.user.id],
      tools: ["E2", "E3"],
      invited: firstCohort.map(cvegeoOf),
    },
    plannedOn: "2023-02-06",
    minutes:
      "Se presentó la estructura de la Política de Transparencia y el modelo de Código de Ética. Cada municipio expuso su avance y se acordaron fechas de envío.",
  });
  const random = demoRandom("mrtm-demo-support");
  // Most of the cohort came, one or two people each.
  for (const [i, liaison] of firstCohort.slice(0, 10).entries()) {
    for (let position = 0; position <= i % 2; position++) {
      await addAttendee(
        db,
        training,
        { municipality: cvegeoOf(liaison), ...attendee(random, position) },
        ctx.staff.user,
        ctx.staff.actor,
      );
    }
  }
  const [toluca, metepec] = firstCohort;
  const trainingCommitments = [
    toluca && {
      owner: toluca,
      description: "Enviar a revisión la Política de Transparencia aprobada por el cabildo.",
      dueOn: "2023-05-31",
      closedOn: "2023-05-22",
    },
    metepec && {
      owner: metepec,
      description: "Enviar el Código de Ética con sus canales de denuncia.",
      dueOn: "2023-06-30",
      closedOn: null,
    },
  ];
  for (const commitment of trainingCommitments) {
    if (commitment) {
      await commit(db, ctx, training, FIRST_TRAINING, commitment);
    }
  }
  await commit(db, ctx, training, FIRST_TRAINING, {
    owner: null,
    description: "Compartir con los municipios la guía y el modelo de Código de Ética.",
    dueOn: "2023-03-10",
    closedOn: "2023-03-08",
  });

  const meetingWith = ctx.liaisons.find((l) => cvegeoOf(l) === MEETING_MUNICIPALITY);
  if (!meetingWith) {
    return;
  }
  const meeting = await holdAction(db, ctx, {
    input: {
      type: "working_meeting",
      title: `Reunión de trabajo con ${meetingWith.user.municipality?.name ?? ""}`,
      description: "Revisión de las brechas del municipio y plan para los perfiles de cargo.",
      date: WORKING_MEETING,
      time: "11:00",
      durationMinutes: 90,
      modality: "virtual",
      place: null,
      link: "https://reuniones.example.org/mrtm-reunion-de-trabajo",
      facilitatorIds: [ctx.staff.user.id],
      tools: ["R1", "P1", "C1"],
      invited: [MEETING_MUNICIPALITY],
    },
    plannedOn: "2025-09-29",
    minutes:
      "El municipio explicó el cambio de administración. Se revisaron los perfiles de cargo pendientes y la formalización de procesos.",
  });
  for (const position of [0, 1]) {
    await addAttendee(
      db,
      meeting,
      { municipality: MEETING_MUNICIPALITY, ...attendee(random, position) },
      ctx.staff.user,
      ctx.staff.actor,
    );
  }
  await commit(db, ctx, meeting, WORKING_MEETING, {
    owner: meetingWith,
    description: "Entregar los perfiles de cargo firmados (R1).",
    dueOn: "2025-11-28",
    closedOn: null,
  });
  await commit(db, ctx, meeting, WORKING_MEETING, {
    owner: meetingWith,
    description: "Enviar el plan anual de difusión a la ciudadanía (C1).",
    dueOn: addDays(ctx.today, 45),
    closedOn: null,
  });
}

/**
 * The one action still to come: a group training three weeks ahead for the participants that
 * still owe their open-data policy (C4), planned today.
 */
export async function planDemoSupport(db: Database, ctx: DemoContext): Promise<void> {
  const owing = await db
    .selectDistinct({ cvegeo: toolInstances.municipalityCvegeo })
    .from(toolInstances)
    .where(and(eq(toolInstances.toolCode, "C4"), ne(toolInstances.state, "validated")));
  if (owing.length === 0) {
    return;
  }
  await createSupportAction(
    db,
    {
      type: "training",
      title: "Capacitación: Transparencia proactiva y datos abiertos",
      description:
        "Taller para los municipios con la guía de transparencia proactiva (C3) o la política de datos abiertos (C4) pendientes.",
      date: addDays(ctx.today, 21),
      time: "10:00",
      durationMinutes: 120,
      modality: "hybrid",
      place: "Sala de capacitación del órgano garante, Metepec",
      link: "https://reuniones.example.org/mrtm-datos-abiertos",
      facilitatorIds: [ctx.staff.user.id],
      tools: ["C3", "C4"],
      invited: owing.map((row) => row.cvegeo).sort(),
    },
    ctx.staff.user,
    ctx.staff.actor,
    ctx.now,
  );
}

async function holdAction(
  db: Database,
  ctx: DemoContext,
  action: { input: CreateActionInput; plannedOn: string; minutes: string },
): Promise<string> {
  const { input } = action;
  const id = await createSupportAction(
    db,
    input,
    ctx.staff.user,
    ctx.staff.actor,
    ctx.at(action.plannedOn, "13:00"),
  );
  // The staff hold the meeting and write its minutes at the same time.
  const asStaffWhenHeld = [ctx.staff.user, ctx.staff.actor, ctx.at(input.date, "18:00")] as const;
  await markSupportActionHeld(
    db,
    id,
    { heldOn: input.date, expectedRevision: await revisionOf(db, id) },
    ...asStaffWhenHeld,
  );
  await saveMinutes(
    db,
    id,
    { minutes: action.minutes, expectedRevision: await revisionOf(db, id) },
    ...asStaffWhenHeld,
  );
  return id;
}

async function revisionOf(db: Database, id: string): Promise<number> {
  const [row] = await db
    .select({ revision: supportActions.revision })
    .from(supportActions)
    .where(eq(supportActions.id, id));
  return row?.revision ?? 0;
}

/** A commitment of a held action, owned by a municipality's liaison or by the staff; closed on `closedOn`. */
async function commit(
  db: Database,
  ctx: DemoContext,
  actionId: string,
  heldOn: string,
  commitment: {
    owner: DemoAccount | null;
    description: string;
    dueOn: string;
    closedOn: string | null;
  },
): Promise<void> {
  const owner = commitment.owner ?? ctx.staff;
  const id = await addCommitment(
    db,
    actionId,
    {
      description: commitment.description,
      municipality: commitment.owner ? cvegeoOf(commitment.owner) : null,
      ownerUserId: owner.user.id,
      ownerName: "",
      dueOn: commitment.dueOn,
    },
    ctx.staff.user,
    ctx.staff.actor,
    ctx.at(heldOn, "18:30"),
  );
  if (commitment.closedOn) {
    await changeCommitmentStatus(
      db,
      id,
      { status: "closed", note: "Cumplido: se recibió lo acordado." },
      owner.user,
      owner.actor,
      ctx.at(commitment.closedOn, "12:00"),
    );
  }
}
