/**
 * The audit trail's hash chain (docs/decisions/0009-audit-hash-chain.md): every sealed event carries
 * a gap-free position (1, 2, …) and hash = SHA-256(previous hash + "\n" + canonical serialisation of
 * the event, position included). Changing, removing or splicing in an event breaks the chain at that
 * point. Pure: the SHA-256 function is passed in, so this module does no I/O and imports nothing.
 */

/** The hash the first event chains from. */
export const GENESIS_HASH = "0".repeat(64);

/** SHA-256 of a UTF-8 string, as 64 lowercase hex digits. */
export type Sha256 = (text: string) => string;

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
  | { kind: "modified" | "inserted"; seq: number; id: number };

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; checked: number; problem: ChainBreak };

/** Checks a whole chain, given in chainSeq order; reports the first bad event. */
export function verifyChain(sha256: Sha256, events: readonly SealedEvent[]): ChainVerdict {
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
  }
}
