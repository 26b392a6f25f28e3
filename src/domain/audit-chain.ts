/**
 * The audit trail's hash chain (docs/decisions/0009-audit-hash-chain.md): every sealed event carries
 * a gap-free position (1, 2, …) and hash = SHA-256(previous hash + "\n" + canonical serialisation of
 * the event, position included). Changing, removing or splicing in an event breaks the chain at that
 * point. Pure: the SHA-256 and HMAC functions are passed in, so this module does no I/O.
 */

import { isLocalDate } from "./dates.js";

/** The hash the first event chains from. */
export const GENESIS_HASH = "0".repeat(64);

/** SHA-256 of a UTF-8 string, as 64 lowercase hex digits. */
export type Sha256 = (text: string) => string;

/** HMAC-SHA-256 of a UTF-8 string under a key, as 64 lowercase hex digits. */
export type HmacSha256 = (key: string, text: string) => string;

/** The fields of an audit event the chain covers, as read back from the database. */
export interface ChainFields {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  municipalityCvegeo: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface SealedEvent extends ChainFields {
  chainSeq: number;
  chainHash: string;
}

/**
 * JSON with object keys sorted (recursively), so the same value always serialises the same way
 * whatever order its keys were stored in. `undefined` inside objects is dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) {
    return "null";
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  }
  if (value instanceof Date) {
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return "null";
  }
  return JSON.stringify(value);
}

/**
 * The canonical serialisation of one event at one chain position: a JSON array with the fields in
 * a fixed order (the time as an ISO-8601 UTC string with milliseconds).
 */
export function canonicalEvent(seq: number, event: ChainFields): string {
  return canonicalJson([
    seq,
    event.id,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorLabel,
    event.action,
    event.entityType,
    event.entityId,
    event.municipalityCvegeo,
    event.before ?? null,
    event.after ?? null,
    event.ip,
  ]);
}

/** The hash of the event at position `seq`, chained to the previous event's hash. */
export function chainHash(
  sha256: Sha256,
  previousHash: string,
  seq: number,
  event: ChainFields,
): string {
  return sha256(`${previousHash}\n${canonicalEvent(seq, event)}`);
}

/** Positions and hashes for events being appended after `last` (null: the chain is empty). */
export function sealEvents<T extends ChainFields>(
  sha256: Sha256,
  last: { seq: number; hash: string } | null,
  events: readonly T[],
): { event: T; seq: number; hash: string }[] {
  let seq = last?.seq ?? 0;
  let previous = last?.hash ?? GENESIS_HASH;
  return events.map((event) => {
    seq += 1;
    previous = chainHash(sha256, previous, seq, event);
    return { event, seq, hash: previous };
  });
}

/**
 * What is wrong at the first bad point of the chain:
 * - `deleted`: position `seq` is missing (the event there was removed);
 * - `modified`: the event at `seq` no longer matches its hash, but the next one still chains from
 *   that hash (its contents were changed after sealing);
 * - `inserted`: the event at `seq` does not match and the chain does not continue from it (a forged
 *   event spliced in, or one re-numbered around a splice); the last event can only be `modified`.
 */
export type ChainBreak =
  | { kind: "deleted"; seq: number; nextId: number | null }
  | { kind: "modified" | "inserted"; seq: number; id: number }
  /** No event at all, while the instance holds records that are never written without one. */
  | { kind: "emptied"; seq: 1; records: number }
  /**
   * An anchor kept outside (an expected last hash, or a dated anchor with its position) is not in
   * the chain: the newest events were removed, or the chain was rewritten. `seq` is the anchor's
   * position (null when only the hash is known); `count` how many events the chain has.
   */
  | {
      kind: "truncated";
      seq: number | null;
      hash: string;
      count: number;
      foundHash: string | null;
    };

/** Every kind of ChainBreak, in the order the API documents them. */
export const CHAIN_BREAK_KINDS = [
  "deleted",
  "modified",
  "inserted",
  "emptied",
  "truncated",
] as const satisfies readonly ChainBreak["kind"][];
/** A kind of break missing from CHAIN_BREAK_KINDS fails the type-check here. */
const _everyBreakKind: [Exclude<ChainBreak["kind"], (typeof CHAIN_BREAK_KINDS)[number]>] extends [
  never,
]
  ? true
  : false = true;

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; checked: number; problem: ChainBreak };

/** What the chain is checked against besides itself. */
export interface ChainExpectations {
  /**
   * Records of the instance that are never written without an audit event (accounts, agreements,
   * model versions): with any of them, an empty chain means the trail was emptied.
   */
  instanceRecords?: number;
  /** A hash kept outside: it must be in the chain, at `seq` when given. */
  anchor?: { hash: string; seq: number | null } | null;
}

/**
 * Checks a whole chain, given in chainSeq order; reports the first bad event, then an emptied
 * chain, then an anchor the chain no longer reaches.
 */
export function verifyChain(
  sha256: Sha256,
  events: readonly SealedEvent[],
  expect: ChainExpectations = {},
): ChainVerdict {
  const verdict = verifyLinks(sha256, events);
  if (!verdict.ok) {
    return verdict;
  }
  if (events.length === 0 && (expect.instanceRecords ?? 0) > 0) {
    return {
      ok: false,
      checked: 0,
      problem: { kind: "emptied", seq: 1, records: expect.instanceRecords ?? 0 },
    };
  }
  const anchor = expect.anchor;
  if (anchor) {
    const hash = anchor.hash.toLowerCase();
    const found =
      anchor.seq === null
        ? events.some((event) => event.chainHash === hash)
        : events[anchor.seq - 1]?.chainHash === hash;
    if (!found) {
      return {
        ok: false,
        checked: events.length,
        problem: {
          kind: "truncated",
          seq: anchor.seq,
          hash,
          count: events.length,
          foundHash: anchor.seq === null ? null : (events[anchor.seq - 1]?.chainHash ?? null),
        },
      };
    }
  }
  return verdict;
}

function verifyLinks(sha256: Sha256, events: readonly SealedEvent[]): ChainVerdict {
  let previous = GENESIS_HASH;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as SealedEvent;
    const expectedSeq = index + 1;
    if (event.chainSeq !== expectedSeq) {
      // Positions are 1, 2, 3, … with no gaps: a jump means the one expected here was removed.
      return {
        ok: false,
        checked: index,
        problem: { kind: "deleted", seq: expectedSeq, nextId: event.id },
      };
    }
    if (chainHash(sha256, previous, event.chainSeq, event) !== event.chainHash) {
      const next = events[index + 1];
      const chainsOn =
        next === undefined ||
        (next.chainSeq === expectedSeq + 1 &&
          chainHash(sha256, event.chainHash, next.chainSeq, next) === next.chainHash);
      return {
        ok: false,
        checked: index,
        problem: { kind: chainsOn ? "modified" : "inserted", seq: expectedSeq, id: event.id },
      };
    }
    previous = event.chainHash;
  }
  const last = events.at(-1);
  return {
    ok: true,
    count: events.length,
    lastSeq: last?.chainSeq ?? 0,
    lastHash: last?.chainHash ?? GENESIS_HASH,
  };
}

/** The verdict in one Spanish sentence, for the CLI and the admin screen. */
export function describeBreak(problem: ChainBreak): string {
  switch (problem.kind) {
    case "deleted":
      return `Falta el evento en la posición ${problem.seq} de la cadena: fue eliminado${
        problem.nextId === null ? "" : ` (el siguiente presente es el id ${problem.nextId})`
      }.`;
    case "modified":
      return `El evento en la posición ${problem.seq} (id ${problem.id}) no coincide con su hash: fue modificado después de sellarse.`;
    case "inserted":
      return `El evento en la posición ${problem.seq} (id ${problem.id}) no pertenece a la cadena: fue insertado o renumerado.`;
    case "emptied":
      return `La bitácora no tiene ningún evento, pero la instancia tiene ${problem.records} registro(s) (cuentas, convenios o versiones del modelo) que siempre dejan uno: la bitácora fue vaciada.`;
    case "truncated":
      if (problem.seq === null) {
        return `El hash esperado ${problem.hash} no está en la cadena (${problem.count} evento(s)): se eliminaron los eventos más recientes o la cadena fue reescrita.`;
      }
      return problem.foundHash === null
        ? `La cadena tiene ${problem.count} evento(s) y el ancla registra la posición ${problem.seq}: se eliminaron los eventos más recientes.`
        : `En la posición ${problem.seq} la cadena tiene el hash ${problem.foundHash}, no el ${problem.hash} del ancla: la cadena fue reescrita.`;
  }
}

// Anchors: the head of the chain on a given day, as one line an admin copies somewhere the database
// cannot reach. Signed with HMAC-SHA-256 under a key kept out of the database
// (MRTM_AUDIT_ANCHOR_KEY), someone who rewrites the database cannot forge a matching anchor.

/** The head of the chain on a day (`date` as YYYY-MM-DD in the institution's time zone). */
export interface ChainAnchor {
  date: string;
  seq: number;
  hash: string;
}

export interface ParsedAnchor extends ChainAnchor {
  /** 64 hex digits, or null for an anchor written without a key. */
  signature: string | null;
}

const ANCHOR_PREFIX = "mrtm-ancla-v1";
const UNSIGNED = "sin-firma";
const ANCHOR_PATTERN =
  /^mrtm-ancla-v1;fecha=(\d{2})\/(\d{2})\/(\d{4});eventos=(\d{1,15});hash=([0-9a-f]{64});firma=([0-9a-f]{64}|sin-firma)$/;

/** The part of the anchor the signature covers. */
export function anchorMessage(anchor: ChainAnchor): string {
  const [year, month, day] = anchor.date.split("-");
  return `${ANCHOR_PREFIX};fecha=${day}/${month}/${year};eventos=${anchor.seq};hash=${anchor.hash}`;
}

/** The anchor as one line: `mrtm-ancla-v1;fecha=dd/mm/aaaa;eventos=N;hash=…;firma=…|sin-firma`. */
export function formatAnchor(anchor: ChainAnchor, signature: string | null): string {
  return `${anchorMessage(anchor)};firma=${signature ?? UNSIGNED}`;
}

/** Signs an anchor (null key: unsigned). */
export function signAnchor(hmac: HmacSha256, key: string | null, anchor: ChainAnchor): string {
  return formatAnchor(anchor, key === null ? null : hmac(key, anchorMessage(anchor)));
}

/** Reads an anchor line back; null when it is not one (surrounding spaces and case are ignored). */
export function parseAnchor(text: string): ParsedAnchor | null {
  const match = ANCHOR_PATTERN.exec(text.trim().toLowerCase());
  if (!match) {
    return null;
  }
  const [, day, month, year, seq, hash, signature] = match as unknown as string[];
  const count = Number(seq);
  if (count < 1 || !isLocalDate(`${year}-${month}-${day}`)) {
    return null;
  }
  return {
    date: `${year}-${month}-${day}`,
    seq: count,
    hash: hash as string,
    signature: signature === UNSIGNED ? null : (signature as string),
  };
}

/** Whether a signed anchor's signature is the one `key` gives (constant time over the hex). */
export function anchorSignatureValid(hmac: HmacSha256, key: string, anchor: ParsedAnchor): boolean {
  if (anchor.signature === null) {
    return false;
  }
  const expected = hmac(key, anchorMessage(anchor));
  let difference = expected.length ^ anchor.signature.length;
  for (let i = 0; i < expected.length; i += 1) {
    difference |= expected.charCodeAt(i) ^ (anchor.signature.charCodeAt(i) || 0);
  }
  return difference === 0;
}
