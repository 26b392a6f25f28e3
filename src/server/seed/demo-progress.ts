import { Readable } from "node:stream";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import {
  addMonths,
  compareDates,
  daysBetween,
  type LocalDate,
  localDateOf,
} from "../../domain/dates.js";
import { NOTIFICATION_KINDS_BY_ROLE } from "../../domain/notifications.js";
import { addDays, zonedInstant } from "../../domain/support-actions.js";
import { SURVEY_TOOL_CODE } from "../../domain/survey.js";
import { foldForSearch } from "../../domain/text.js";
import type { ToolState } from "../../domain/tool-state.js";
import type { Database } from "../db/client.js";
import {
  agreements,
  evidenceFiles,
  modelTools,
  municipalities,
  observations,
  toolInstances,
  users,
} from "../db/schema/index.js";
import { type Actor, SYSTEM_ACTOR } from "../lib/audit.js";
import { generatePassword } from "../lib/passwords.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { uploadEvidence } from "../modules/evidence/service.js";
import { designateLiaison } from "../modules/liaisons/service.js";
import { savePreferences } from "../modules/notifications/service.js";
import {
  answerObservation,
  reviewInstance,
  submitInstance,
  submitWithin,
} from "../modules/review/service.js";
import { syncIfCycleOpened } from "../modules/tool-instances/sync.js";
import { createUser } from "../modules/users/service.js";
import type { AuthUser } from "../plugins/auth.js";
import type { BlobStore } from "../storage/index.js";
import {
  DEMO_HANDOVER,
  playDemoHandover,
  recordDemoAdministrations,
} from "./demo-administrations.js";
import { seedDemoIndicators } from "./demo-indicators.js";
import { type DemoFiles, seedDemoPlans, seedDemoSurvey } from "./demo-instruments.js";
import { demoPdf } from "./demo-pdf.js";
import { seedDemoProjectCard } from "./demo-plans.js";
import { type DemoRandom, demoRandom } from "./demo-random.js";
import { planDemoSupport, seedHeldSupportActions } from "./demo-support.js";

/** How far along a demo municipality is: a few strong, most middling, a few barely started. */
type Profile = "strong" | "middling" | "barely";

interface DemoMunicipality {
  cvegeo: string;
  cohort: "Cohorte 2022" | "Cohorte 2023";
  signedOn: LocalDate;
  profile: Profile;
}

const FIRST_COHORT = "2022-11-16";

/**
 * The demo's participants besides Toluca, from the real list (assets/edomex): the north, the
 * valleys of Toluca and Mexico, the east and the south, so the map shows a spread.
 */
export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  { cvegeo: "15054", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "strong" },
  { cvegeo: "15057", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "strong" },
  { cvegeo: "15121", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "strong" },
  { cvegeo: "15014", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15033", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15058", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15099", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15110", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15025", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "middling" },
  { cvegeo: "15082", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "barely" },
  { cvegeo: "15064", cohort: "Cohorte 2022", signedOn: FIRST_COHORT, profile: "barely" },
  { cvegeo: "15118", cohort: "Cohorte 2023", signedOn: "2023-06-15", profile: "middling" },
  { cvegeo: "15045", cohort: "Cohorte 2023", signedOn: "2023-06-15", profile: "middling" },
  { cvegeo: "15009", cohort: "Cohorte 2023", signedOn: "2023-06-15", profile: "barely" },
  { cvegeo: "15040", cohort: "Cohorte 2023", signedOn: "2023-09-28", profile: "middling" },
  { cvegeo: "15120", cohort: "Cohorte 2023", signedOn: "2023-09-28", profile: "middling" },
  { cvegeo: "15037", cohort: "Cohorte 2023", signedOn: "2023-09-28", profile: "middling" },
  { cvegeo: "15086", cohort: "Cohorte 2023", signedOn: "2023-09-28", profile: "barely" },
];

export const DEMO_MUNICIPALITY = "15106";

/** Each profile's odds of a tool's state, in the order of STORY_STATES. */
const STATE_ODDS: Record<Profile, readonly number[]> = {
  strong: [0.64, 0.04, 0.05, 0.04, 0.23],
  middling: [0.2, 0.03, 0.07, 0.05, 0.65],
  barely: [0.04, 0.02, 0.03, 0.04, 0.87],
};
const STORY_STATES = [
  "validated",
  "submitted",
  "changes_requested",
  "in_progress",
  "pending",
] as const;
const ON_TIME_ODDS: Record<Profile, number> = { strong: 0.85, middling: 0.55, barely: 0.3 };

/**
 * Toluca, the demo liaison's municipality, is planned by hand: a little done, three tools in the
 * review queue, three returned with observations, three in progress and every other tool pending,
 * so the demo liaison has work to do and bench/soak.js has at least 25 tools to cycle. Its yearly
 * tools show both kinds of missed cycle (decisions/0010): R2 validated its first two cycles and
 * missed the later ones (never delivered); M3 missed cycle 3 and validated cycle 4, which counts
 * while cycle 3 stays overdue. Keys: tool code, part code, `#` cycle.
 */
const TOLUCA_PLAN: Record<string, ToolState> = {
  "E2#1": "validated",
  "R4#1": "validated",
  "C1#1": "validated",
  "R2#1": "validated",
  "R2#2": "validated",
  "M1#1": "validated",
  "M3#1": "validated",
  "M3#2": "validated",
  "M3#4": "validated",
  "E3a#1": "submitted",
  "R1a#1": "submitted",
  "C2#1": "submitted",
  "P1a#1": "changes_requested",
  "P2#1": "changes_requested",
  "C3#1": "changes_requested",
  "R1b#1": "in_progress",
  "C4#1": "in_progress",
  "M2#1": "in_progress",
};

export interface DemoProgressOptions {
  blobs: BlobStore;
  /** Where uploads are staged (the server's upload temp folder). */
  tempDir: string;
  /** The real present: every demo event happens before it. */
  now: Date;
  /** The web app's address, printed in the survey's report (http://localhost:3000 unless told). */
  publicUrl?: string;
}

export interface DemoProgressSummary {
  municipalities: number;
  uploads: number;
  states: Record<ToolState, number>;
}

/**
 * Demo progress for a fresh demo instance: about twenty more participating municipalities in two
 * cohorts, each with a liaison, tools in every state (some overdue), evidence, reviews with
 * observations and maturity, support actions held and planned. Everything goes through the real
 * services (blob store, audit events, notifications), dated in the past through their `now`.
 * Runs once, right after seedDemoAccounts: on any instance with more than the demo municipality's
 * agreement, or with any evidence, it does nothing and returns null.
 */
export async function seedDemoProgress(
  db: Database,
  options: DemoProgressOptions,
): Promise<DemoProgressSummary | null> {
  const [[agreementCount], [evidenceCount]] = await Promise.all([
    db.select({ n: count() }).from(agreements),
    db.select({ n: count() }).from(evidenceFiles),
  ]);
  const staff = await findAccount(db, "revisor@mrtm.test");
  const toluca = await findAccount(db, "enlace.toluca@mrtm.test");
  if (agreementCount?.n !== 1 || (evidenceCount?.n ?? 0) > 0 || !staff || !toluca) {
    return null;
  }
  const seeder = new DemoSeeder(db, options, staff);
  const participants = [
    { ...toluca, plan: TOLUCA_PLAN, profile: "middling" as const },
    ...(await seeder.createParticipants()),
  ];
  await seedHeldSupportActions(db, seeder.context(participants));
  const steps: PlannedStep[] = [];
  for (const participant of participants) {
    steps.push(...(await seeder.plan(db, participant)));
  }
  // All municipalities' steps in the order of their dates, so the audit trail and every timeline
  // read chronologically (a stable sort keeps each instance's same-instant steps in order).
  const ordered = steps
    .map((planned) => ({ planned, at: seeder.at(planned.step.on, STEP_TIME[planned.step.kind]) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  // One step at a time: on PGlite (one connection) playing two municipalities at once gained
  // nothing measurable, and this keeps the audit trail in date order.
  const handoverAt = seeder.at(DEMO_HANDOVER.on, "13:00");
  let successor: DemoAccount | null = null;
  for (const { planned, at } of ordered) {
    const handed = planned.participant.user.municipality?.cvegeo === DEMO_HANDOVER.cvegeo;
    if (handed && !successor && at.getTime() >= handoverAt.getTime()) {
      successor = await seeder.handover(db, planned.participant, handoverAt);
    }
    // After the handover the new liaison does what the municipality does.
    const by = handed && successor ? { ...planned.participant, ...successor } : planned.participant;
    await seeder.playStep(db, { ...planned, participant: by }, at);
  }
  const handedIndex = participants.findIndex(
    (p) => p.user.municipality?.cvegeo === DEMO_HANDOVER.cvegeo,
  );
  const handed = participants[handedIndex];
  if (handed) {
    successor ??= await seeder.handover(db, handed, handoverAt);
    participants[handedIndex] = { ...handed, ...successor };
  }
  await planDemoSupport(db, seeder.context(participants));
  await seeder.instruments(db, toluca);
  // Toluca's liaison adopts the battery in the demo itself: the others have reported already.
  const adoptions = await seedDemoIndicators(
    db,
    options,
    participants.filter((p) => p.user.municipality?.cvegeo !== DEMO_MUNICIPALITY),
  );
  const summary = seeder.summary(participants.length);
  // Each adoption's battery PDF is an evidence version too.
  return { ...summary, uploads: summary.uploads + adoptions };
}

/** A demo account as the services take it: the signed-in user and the audit actor. */
export interface DemoAccount {
  user: AuthUser;
  actor: Actor;
}

async function findAccount(db: Database, email: string): Promise<DemoAccount | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      cvegeo: users.municipalityCvegeo,
      municipality: municipalities.name,
    })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.cvegeo, users.municipalityCvegeo))
    .where(eq(users.email, email));
  if (!row) {
    return null;
  }
  return demoAccount(row, row.cvegeo ? { cvegeo: row.cvegeo, name: row.municipality ?? "" } : null);
}

function demoAccount(
  person: Pick<AuthUser, "id" | "email" | "name" | "role">,
  municipality: AuthUser["municipality"],
): DemoAccount {
  const { id, email, name, role } = person;
  return {
    // Every demo liaison is designated as soon as its account exists (createParticipants).
    user: {
      id,
      email,
      name,
      role,
      municipality,
      mustChangePassword: false,
      designatedLiaison: role === "liaison",
    },
    actor: { id, label: `${name} <${email}>`, ip: null },
  };
}

interface Participant extends DemoAccount {
  profile: Profile;
  plan?: Record<string, ToolState>;
}

/** What the support-action seeding needs from the participants. */
export interface DemoContext {
  staff: DemoAccount;
  /** Every participating municipality's liaison, Toluca first. */
  liaisons: DemoAccount[];
  /** The liaisons of the first cohort (signed on 16 Nov 2022), Toluca first. */
  firstCohort: DemoAccount[];
  now: Date;
  today: LocalDate;
  /** A past instant of a local day, never after `now`. */
  at(date: LocalDate, time: string): Date;
}

type InstanceRow = typeof toolInstances.$inferSelect;

/** One step of an instance's story, on a local day. */
type Step = { on: LocalDate } & (
  | { kind: "upload" }
  | { kind: "submit"; last: boolean }
  | { kind: "return" }
  | { kind: "answer" }
  | { kind: "validate" }
  | { kind: "deadline" }
  /** The liaison runs the cycle's M1 survey: closed before the submission, or open till today. */
  | { kind: "survey"; close: boolean }
);
type StepKind = Step["kind"];

/** A step with what it acts on, ready to be played in date order with everyone else's. */
interface PlannedStep {
  participant: Participant;
  instance: InstanceRow;
  step: Step;
  /** The municipality's PRNG: what the step draws (public or not, findings…). */
  random: DemoRandom;
}

// The hours of each kind of step: on the same day an upload comes before its submission, and a
// review after it.
const STEP_TIME: Record<StepKind, string> = {
  deadline: "09:00",
  upload: "10:15",
  submit: "12:40",
  return: "17:05",
  answer: "09:30",
  validate: "17:05",
  survey: "11:00",
};

const RETURN_FINDINGS = [
  { type: "requerimiento", text: "Falta la firma del titular de la Unidad de Transparencia." },
  { type: "observacion", text: "El documento no indica la fecha de aprobación por el cabildo." },
  { type: "requerimiento", text: "Adjunte el acta de cabildo que aprueba el documento." },
  { type: "observacion", text: "Los cargos descritos no coinciden con el organigrama vigente." },
  {
    type: "recomendacion",
    text: "Publique el documento en el portal municipal e indique la liga.",
  },
  { type: "observacion", text: "Se envió un borrador: envíe la versión final aprobada." },
] as const;

const ANSWERS = [
  "Se adjunta la versión firmada y el acta de cabildo correspondiente.",
  "Se corrigió el documento conforme a la observación; va la nueva versión.",
  "El cabildo lo aprobó en su última sesión; se agrega el acta.",
];

const P1_CRITERIA = ["documentado", "diagramado", "formalizado", "difundido"];

class DemoSeeder {
  private readonly today: LocalDate;
  private readonly states: Record<ToolState, number> = {
    pending: 0,
    in_progress: 0,
    submitted: 0,
    changes_requested: 0,
    validated: 0,
  };
  private uploads = 0;
  private toolNames: Map<string, string> | null = null;
  private readonly instants = new Map<string, Date>();
  /** Evidence versions uploaded so far, per instance (for the files' names). */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly options: DemoProgressOptions,
    private readonly staff: DemoAccount,
  ) {
    this.today = localDateOf(options.now);
  }

  /** A past instant of a local day; never after the real present. */
  at = (date: LocalDate, time: string): Date => {
    const key = `${date}T${time}`;
    // zonedInstant asks Intl for the offset: thousands of steps share a few hundred days.
    let instant = this.instants.get(key);
    if (!instant) {
      instant = zonedInstant(date, time);
      this.instants.set(key, instant);
    }
    return instant.getTime() < this.options.now.getTime() ? instant : this.options.now;
  };

  context(participants: Participant[]): DemoContext {
    return {
      staff: this.staff,
      liaisons: participants,
      firstCohort: participants.filter((p) => {
        const cvegeo = p.user.municipality?.cvegeo;
        return (
          cvegeo === DEMO_MUNICIPALITY ||
          DEMO_MUNICIPALITIES.some((m) => m.cvegeo === cvegeo && m.signedOn === FIRST_COHORT)
        );
      }),
      now: this.options.now,
      today: this.today,
      at: this.at,
    };
  }

  summary(municipalityCount: number): DemoProgressSummary {
    return { municipalities: municipalityCount, uploads: this.uploads, states: { ...this.states } };
  }

  /**
   * The other participants: a liaison account each (its random password discarded: it exists so
   * that its actions have an actor; an admin resets it to sign in as them), the agreement on the
   * cohort's signing day, the designation, and every yearly cycle opened since.
   */
  /** The change of administration of DEMO_HANDOVER's municipality: its new liaison's account. */
  async handover(db: Database, participant: Participant, at: Date): Promise<DemoAccount> {
    const municipality = participant.user.municipality;
    if (!municipality) {
      throw new Error("The demo handover needs a municipal liaison.");
    }
    const successor = await playDemoHandover(db, municipality, this.staff.actor, at);
    await recordDemoAdministrations(db, this.staff.actor);
    return successor;
  }

  async createParticipants(): Promise<Participant[]> {
    const names = new Map(
      (await this.db.select().from(municipalities)).map((m) => [m.cvegeo, m.name]),
    );
    const created: Participant[] = [];
    await inParallel(DEMO_MUNICIPALITIES, PARALLEL, async (demo) => {
      const name = names.get(demo.cvegeo) ?? demo.cvegeo;
      const email = `enlace.${foldForSearch(name).replace(/[^a-z0-9]+/g, "-")}@mrtm.test`;
      const { id } = await createUser(
        this.db,
        {
          email,
          name: `Enlace de ${name}`,
          role: "liaison",
          municipality: demo.cvegeo,
          password: generatePassword(),
        },
        SYSTEM_ACTOR,
      );
      const signedAt = this.at(addDays(demo.signedOn, 3), "11:00");
      const agreementId = await registerAgreement(
        this.db,
        { municipality: demo.cvegeo, signedOn: demo.signedOn, cohort: demo.cohort },
        this.staff.actor,
        signedAt,
      );
      await designateLiaison(
        this.db,
        { municipality: demo.cvegeo, userId: id, designatedOn: demo.signedOn },
        this.staff.actor,
        signedAt,
      );
      const [agreement] = await this.db
        .select()
        .from(agreements)
        .where(eq(agreements.id, agreementId));
      if (agreement) {
        await syncIfCycleOpened(this.db, agreement, this.options.now, SYSTEM_ACTOR);
      }
      const account = demoAccount(
        { id, email, name: `Enlace de ${name}`, role: "liaison" },
        { cvegeo: demo.cvegeo, name },
      );
      // Nobody reads these mailboxes: their notices stay in the app, not in the outbox.
      await savePreferences(
        this.db,
        account.user,
        NOTIFICATION_KINDS_BY_ROLE.liaison.map((kind) => ({ kind, email: false })),
        account.actor,
      );
      created.push({ ...account, profile: demo.profile });
    });
    // In the list's order whatever order they finished in: the support actions pick from it.
    const order = DEMO_MUNICIPALITIES.map((demo) => demo.cvegeo);
    return created.sort(
      (a, b) =>
        order.indexOf(a.user.municipality?.cvegeo ?? "") -
        order.indexOf(b.user.municipality?.cvegeo ?? ""),
    );
  }

  /**
   * The steps that take every tool instance of one municipality to the state its plan or its
   * profile draws.
   */
  async plan(db: Database, participant: Participant): Promise<PlannedStep[]> {
    const cvegeo = participant.user.municipality?.cvegeo ?? "";
    const random = demoRandom(`mrtm-demo-${cvegeo}`);
    const instances = await db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.municipalityCvegeo, cvegeo))
      .orderBy(asc(toolInstances.toolCode), asc(toolInstances.cycle), asc(toolInstances.partCode));
    const planned: PlannedStep[] = [];
    const latestSurveyCycle = Math.max(
      0,
      ...instances.filter((i) => i.toolCode === SURVEY_TOOL_CODE).map((i) => i.cycle),
    );
    // Per tool, the latest cycle already due: it counts (decisions/0010); earlier ones are past.
    const lastDue = new Map<string, number>();
    for (const instance of instances) {
      if (instance.deadline !== null && compareDates(instance.deadline, this.today) < 0) {
        lastDue.set(
          instance.toolCode,
          Math.max(instance.cycle, lastDue.get(instance.toolCode) ?? 1),
        );
      }
    }
    for (const instance of instances) {
      if (instance.state !== "pending") {
        this.states[instance.state]++;
        continue;
      }
      const key = `${instance.toolCode}${instance.partCode ?? ""}#${instance.cycle}`;
      const wanted = participant.plan
        ? (participant.plan[key] ?? "pending")
        : this.draw(
            random,
            participant.profile,
            instance,
            instance.cycle < (lastDue.get(instance.toolCode) ?? 1),
          );
      const story = this.story(random, participant.profile, instance, wanted);
      if (participant.plan && instance.toolCode === SURVEY_TOOL_CODE) {
        withSurvey(story, instance.cycle === latestSurveyCycle, this.today);
      }
      this.states[finalState(story)]++;
      if (instance.deadline === null && story[0]) {
        // Project-dependent (E4): the municipality first writes its project card (its end date is the deadline).
        story.unshift({ kind: "deadline", on: story[0].on });
      }
      planned.push(...story.map((step) => ({ participant, instance, step, random })));
    }
    return planned;
  }

  private draw(
    random: DemoRandom,
    profile: Profile,
    instance: InstanceRow,
    closedCycle: boolean,
  ): ToolState {
    // A yearly cycle opened in the last weeks has had no time for much.
    if (daysBetween(instance.opensOn, this.today) < 45) {
      return random.chance(0.1) ? "in_progress" : "pending";
    }
    // A past year of an annual tool was done or was missed (a missed cycle stays overdue).
    if (closedCycle) {
      return random.chance((STATE_ODDS[profile][0] ?? 0) * 0.4) ? "validated" : "pending";
    }
    const roll = random.next();
    let sum = 0;
    const odds = STATE_ODDS[profile];
    for (let i = 0; i < STORY_STATES.length; i++) {
      sum += odds[i] ?? 0;
      if (roll < sum) {
        return STORY_STATES[i] ?? "pending";
      }
    }
    return "pending";
  }

  /**
   * The dated steps that lead an instance to `wanted`, all after it opened and before today:
   * validated tools were submitted on time or late (profile odds), sometimes after a round of
   * observations; the queue's submissions and the returned tools are recent.
   */
  private story(
    random: DemoRandom,
    profile: Profile,
    instance: InstanceRow,
    wanted: ToolState,
  ): Step[] {
    const opens = instance.opensOn;
    const latest = addDays(this.today, -1);
    const room = daysBetween(opens, latest);
    if (wanted === "pending" || room < 2) {
      return [];
    }
    if (wanted === "in_progress") {
      return [{ kind: "upload", on: addDays(latest, -random.int(0, Math.min(room, 100))) }];
    }
    const round = random.chance(wanted === "validated" ? 0.05 : 0.15);
    const kinds: Exclude<StepKind, "survey">[] = ["upload", "submit"];
    if (round) {
      kinds.push("return", "answer", "upload", "submit");
    }
    if (wanted === "validated") {
      kinds.push("validate");
    } else if (wanted === "changes_requested") {
      kinds.push("return");
    }
    const gaps = kinds.map((kind, i) => (i === 0 ? 0 : gapBefore(random, kind)));
    const length = gaps.reduce((sum, gap) => sum + gap, 0);
    let end: LocalDate;
    if (wanted === "validated") {
      const deadline = instance.deadline ?? addMonths(opens, 12);
      const window = Math.max(daysBetween(opens, deadline), 1);
      const firstSubmit = random.chance(ON_TIME_ODDS[profile])
        ? addDays(opens, Math.max(gaps[1] ?? 0, Math.round(window * (0.3 + 0.7 * random.next()))))
        : addDays(deadline, random.int(10, 220));
      end = addDays(firstSubmit, length - (gaps[1] ?? 0));
    } else {
      end = addDays(
        latest,
        -random.int(wanted === "submitted" ? 1 : 4, wanted === "submitted" ? 35 : 80),
      );
    }
    if (compareDates(end, latest) > 0) {
      end = latest;
    }
    if (daysBetween(opens, end) < length) {
      if (length > room) {
        return this.story(random, profile, instance, "in_progress");
      }
      end = addDays(opens, length);
    }
    let on = addDays(end, -length);
    const steps: Step[] = [];
    kinds.forEach((kind, i) => {
      on = addDays(on, gaps[i] ?? 0);
      if (kind === "submit") {
        steps.push({ kind, on, last: i === kinds.length - 1 });
      } else {
        steps.push({ kind, on });
      }
    });
    // An answered observation is left on some returned tools, the rest wait for the liaison.
    if (wanted === "changes_requested" && compareDates(end, latest) < 0 && random.chance(0.4)) {
      steps.push({ kind: "answer", on: addDays(end, 1) });
    }
    return steps;
  }

  /** Plays one step through the service a person would use, at its instant. */
  async playStep(db: Database, planned: PlannedStep, when: Date): Promise<void> {
    const { participant, instance, step, random } = planned;
    const { user, actor } = participant;
    switch (step.kind) {
      case "deadline":
        await seedDemoProjectCard(
          db,
          instance.municipalityCvegeo,
          { startsOn: step.on, endsOn: addMonths(instance.opensOn, 12) },
          { user, actor, now: when },
        );
        break;
      case "upload": {
        const version = (this.versions.get(instance.id) ?? 0) + 1;
        this.versions.set(instance.id, version);
        await this.upload(db, participant, instance, version, step.on, when, random);
        break;
      }
      case "submit":
        // A returned tool goes back to review with every observation answered.
        await this.answerAll(db, participant, instance.id, when);
        if (step.last) {
          // The submissions left waiting tell the reviewers, as a real one would.
          await submitInstance(db, instance.id, user, actor, when);
        } else {
          await db.transaction((tx) => submitWithin(tx, instance.id, user, actor, when));
        }
        break;
      case "return":
      case "validate":
        await this.review(db, instance, step.kind, when, random);
        break;
      case "answer":
        await this.answer(db, participant, instance.id, when, random);
        break;
      case "survey":
        await seedDemoSurvey(
          db,
          this.files(),
          instance.id,
          participant,
          step.close
            ? { at: when, days: 40, responses: 60, close: true }
            : { at: when, days: 12, responses: 24, close: false },
          random,
        );
        // Closing adds the report (PDF) and the answers (XLSX) as the cycle's evidence.
        this.uploads += step.close ? 2 : 0;
        break;
    }
  }

  /** The demo liaison's project cards and improvement plan, written yesterday. */
  async instruments(db: Database, account: DemoAccount): Promise<void> {
    await seedDemoPlans(
      db,
      DEMO_MUNICIPALITY,
      account,
      this.today,
      this.at(addDays(this.today, -1), "10:00"),
    );
  }

  files(): DemoFiles {
    return {
      blobs: this.options.blobs,
      tempDir: this.options.tempDir,
      publicUrl: this.options.publicUrl ?? "http://localhost:3000",
    };
  }

  private async upload(
    db: Database,
    participant: Participant,
    instance: InstanceRow,
    version: number,
    on: LocalDate,
    when: Date,
    random: DemoRandom,
  ): Promise<void> {
    this.toolNames ??= new Map(
      (await db.select({ code: modelTools.code, name: modelTools.name }).from(modelTools)).map(
        (tool) => [tool.code, tool.name],
      ),
    );
    const municipality = participant.user.municipality?.name ?? "";
    const code = `${instance.toolCode}${instance.partCode ? ` ${instance.partCode})` : ""}`;
    const pdf = demoPdf(`${municipality}: ${code}`, [
      this.toolNames.get(instance.toolCode) ?? "",
      instance.cycle > 1 ? `Ciclo ${instance.cycle}` : "Primer ciclo",
      `Versión ${version}, ${on}`,
      "Documento de demostración generado por MRTM.",
    ]);
    const slug = foldForSearch(municipality).replace(/[^a-z0-9]+/g, "-");
    await uploadEvidence(
      db,
      this.options.blobs,
      {
        instanceId: instance.id,
        file: Readable.from(pdf),
        fileName: `${instance.toolCode}${instance.partCode ?? ""}-${slug}-v${version}.pdf`,
        effectiveOn: on,
        isPublic: random.chance(0.7),
        maxBytes: 1024 * 1024,
        tempDir: this.options.tempDir,
      },
      participant.user,
      participant.actor,
      when,
    );
    this.uploads++;
  }

  private async review(
    db: Database,
    instance: InstanceRow,
    kind: "return" | "validate",
    when: Date,
    random: DemoRandom,
  ): Promise<void> {
    const [current] = await db
      .select({ version: toolInstances.version })
      .from(toolInstances)
      .where(eq(toolInstances.id, instance.id));
    const validate = kind === "validate";
    const findings = validate
      ? random.chance(0.2)
        ? [
            {
              type: "recomendacion" as const,
              text: "Difunda el documento entre el personal de nuevo ingreso.",
            },
          ]
        : []
      : Array.from({ length: random.int(1, 2) }, () => random.pick(RETURN_FINDINGS)).filter(
          (finding, i, all) => all.indexOf(finding) === i,
        );
    await reviewInstance(
      db,
      instance.id,
      {
        decision: validate ? "validate" : "request_changes",
        observations: findings.map((f) => ({ type: f.type, text: f.text })),
        criteria:
          instance.toolCode === "P1"
            ? P1_CRITERIA.map((code) => ({
                code,
                result: validate
                  ? random.pick([1, 1, 0.5] as const)
                  : random.pick([1, 0.5, 0] as const),
              }))
            : [],
        maturityLevel:
          instance.toolCode === "P2" ? (validate ? random.int(1, 3) : random.int(0, 1)) : null,
        expectedVersion: current?.version ?? instance.version,
      },
      this.staff.user,
      this.staff.actor,
      when,
    );
  }

  /** Answers every observation still open on the instance (none unless it was returned). */
  private async answerAll(
    db: Database,
    participant: Participant,
    instanceId: string,
    when: Date,
  ): Promise<void> {
    const open = await db
      .select({ id: observations.id })
      .from(observations)
      .where(and(eq(observations.toolInstanceId, instanceId), isNull(observations.answeredAt)))
      .orderBy(asc(observations.position));
    for (const [index, observation] of open.entries()) {
      await answerObservation(
        db,
        observation.id,
        ANSWERS[index % ANSWERS.length] ?? "",
        participant.user,
        participant.actor,
        when,
      );
    }
  }

  private async answer(
    db: Database,
    participant: Participant,
    instanceId: string,
    when: Date,
    random: DemoRandom,
  ): Promise<void> {
    const [open] = await db
      .select({ id: observations.id })
      .from(observations)
      .where(and(eq(observations.toolInstanceId, instanceId), isNull(observations.answeredAt)))
      .orderBy(asc(observations.position))
      .limit(1);
    if (open) {
      await answerObservation(
        db,
        open.id,
        random.pick(ANSWERS),
        participant.user,
        participant.actor,
        when,
      );
    }
  }
}

/** Liaison accounts created at once: their password hashes (Argon2id) run on other threads. */
const PARALLEL = 2;

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Days between one step and the one before it. */
function gapBefore(random: DemoRandom, kind: StepKind): number {
  switch (kind) {
    case "deadline":
    case "survey":
      return 0;
    case "upload":
      return random.int(0, 2);
    case "submit":
      return random.int(0, 8);
    case "return":
    case "validate":
      return random.int(3, 21);
    case "answer":
      return random.int(2, 10);
  }
}

/**
 * The demo liaison runs M1 through its survey: a cycle that goes to review closes its survey the
 * day it is submitted (the report and the answers join its evidence); the latest cycle, not yet
 * started, has its survey open with answers arriving.
 */
function withSurvey(story: Step[], latest: boolean, today: LocalDate): void {
  const submit = story.findIndex((step) => step.kind === "submit");
  const first = story[submit];
  if (first) {
    story.splice(submit, 0, { kind: "survey", on: first.on, close: true });
  } else if (latest && story.length === 0) {
    story.push({ kind: "survey", on: addDays(today, -1), close: false });
  }
}

function finalState(steps: Step[]): ToolState {
  const decisive = steps.filter((step) => step.kind !== "answer").at(-1);
  switch (decisive?.kind) {
    case undefined:
    case "deadline":
    case "survey":
      return "pending";
    case "upload":
      return steps.some((step) => step.kind === "return") ? "changes_requested" : "in_progress";
    case "submit":
      return "submitted";
    case "return":
      return "changes_requested";
    case "validate":
      return "validated";
  }
}
