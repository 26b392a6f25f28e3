import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anchorSignatureValid,
  type ChainFields,
  type ChainVerdict,
  canonicalEvent,
  canonicalJson,
  chainHash,
  describeBreak,
  formatAnchor,
  GENESIS_HASH,
  parseAnchor,
  type SealedEvent,
  sealEvents,
  signAnchor,
  verifyChain,
} from "./audit-chain.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: string, text: string) =>
  createHmac("sha256", key).update(text, "utf8").digest("hex");

function event(id: number, overrides: Partial<ChainFields> = {}): ChainFields {
  return {
    id,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 12, 0, id)),
    actorId: null,
    actorLabel: "sistema",
    action: "test.action",
    entityType: "test",
    entityId: String(id),
    municipalityCvegeo: "15106",
    before: null,
    after: { n: id },
    ip: "127.0.0.1",
    ...overrides,
  };
}

function chain(count: number): SealedEvent[] {
  const events = Array.from({ length: count }, (_, i) => event(i + 1));
  return sealEvents(sha256, null, events).map(({ event: e, seq, hash }) => ({
    ...e,
    chainSeq: seq,
    chainHash: hash,
  }));
}

describe("canonicalJson", () => {
  it("sorts object keys recursively, whatever the insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("serialises scalars as JSON; undefined and non-finite numbers as null", () => {
    expect(canonicalJson('ñ\n"')).toBe(JSON.stringify('ñ\n"'));
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson(Number.NaN)).toBe("null");
    expect(canonicalJson({ a: undefined, b: true })).toBe('{"b":true}');
    expect(canonicalJson(new Date("2026-01-01T00:00:00.000Z"))).toBe('"2026-01-01T00:00:00.000Z"');
  });

  it("equals JSON.parse-able output that round-trips to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe("canonicalEvent and chainHash", () => {
  it("covers the position and every field, in a fixed order", () => {
    expect(canonicalEvent(7, event(3))).toBe(
      '[7,3,"2026-01-01T12:00:03.000Z",null,"sistema","test.action","test","3","15106",null,{"n":3},"127.0.0.1"]',
    );
  });

  it("is SHA-256 over the previous hash, a newline and the canonical event", () => {
    const e = event(1);
    expect(chainHash(sha256, GENESIS_HASH, 1, e)).toBe(
      sha256(`${GENESIS_HASH}\n${canonicalEvent(1, e)}`),
    );
    expect(chainHash(sha256, GENESIS_HASH, 1, e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any field, the position or the previous hash changes", () => {
    const base = event(1);
    const hash = chainHash(sha256, GENESIS_HASH, 1, base);
    const variants: Partial<ChainFields>[] = [
      { id: 2 },
      { occurredAt: new Date(base.occurredAt.getTime() + 1) },
      { actorId: "00000000-0000-0000-0000-000000000001" },
      { actorLabel: "otro" },
      { action: "otra" },
      { entityType: "otro" },
      { entityId: null },
      { municipalityCvegeo: null },
      { before: {} },
      { after: { n: 2 } },
      { ip: null },
    ];
    for (const change of variants) {
      expect(chainHash(sha256, GENESIS_HASH, 1, { ...base, ...change })).not.toBe(hash);
    }
    expect(chainHash(sha256, GENESIS_HASH, 2, base)).not.toBe(hash);
    expect(chainHash(sha256, "f".repeat(64), 1, base)).not.toBe(hash);
  });

  it("does not depend on the key order of before/after", () => {
    const a = event(1, { after: { x: 1, y: 2 } });
    const b = event(1, { after: { y: 2, x: 1 } });
    expect(chainHash(sha256, GENESIS_HASH, 1, a)).toBe(chainHash(sha256, GENESIS_HASH, 1, b));
  });
});

describe("sealEvents", () => {
  it("numbers from 1 on an empty chain, and continues an existing one", () => {
    const first = sealEvents(sha256, null, [event(1), event(2)]);
    expect(first.map((s) => s.seq)).toEqual([1, 2]);
    const last = first[1] as { seq: number; hash: string };
    const more = sealEvents(sha256, last, [event(5)]);
    expect(more[0]?.seq).toBe(3);
    expect(more[0]?.hash).toBe(chainHash(sha256, last.hash, 3, event(5)));
  });

  it("sealing in batches gives the same chain as sealing at once", () => {
    const events = Array.from({ length: 6 }, (_, i) => event(i + 1));
    const once = sealEvents(sha256, null, events);
    const a = sealEvents(sha256, null, events.slice(0, 2));
    const b = sealEvents(sha256, { seq: 2, hash: a[1]?.hash ?? "" }, events.slice(2));
    expect([...a, ...b].map((s) => s.hash)).toEqual(once.map((s) => s.hash));
  });
});

describe("verifyChain", () => {
  it("accepts an empty chain and an intact one, reporting count and last hash", () => {
    expect(verifyChain(sha256, [])).toEqual({
      ok: true,
      count: 0,
      lastSeq: 0,
      lastHash: GENESIS_HASH,
    });
    const events = chain(5);
    expect(verifyChain(sha256, events)).toEqual({
      ok: true,
      count: 5,
      lastSeq: 5,
      lastHash: events[4]?.chainHash,
    });
  });

  /** A chain of five whose second event was deleted. */
  const withoutSecond = () => {
    const events = chain(5);
    events.splice(1, 1);
    return events;
  };

  /** A chain as tampered with, and the verdict it gets: where the chain breaks, and how. */
  const tamperings: [what: string, tampered: () => SealedEvent[], verdict: ChainVerdict][] = [
    [
      "a modified field at its position, as modified",
      () => {
        const events = chain(5);
        events[2] = { ...(events[2] as SealedEvent), actorLabel: "alguien más" };
        return events;
      },
      { ok: false, checked: 2, problem: { kind: "modified", seq: 3, id: 3 } },
    ],
    [
      "a changed stored hash (the next event no longer chains)",
      () => {
        const events = chain(4);
        events[1] = { ...(events[1] as SealedEvent), chainHash: "a".repeat(64) };
        return events;
      },
      { ok: false, checked: 1, problem: { kind: "inserted", seq: 2, id: 2 } },
    ],
    [
      "a deleted event as the first missing position",
      withoutSecond,
      { ok: false, checked: 1, problem: { kind: "deleted", seq: 2, nextId: 3 } },
    ],
    [
      "a deletion hidden by renumbering as a break at that position",
      () => withoutSecond().map((e, i) => ({ ...e, chainSeq: i + 1 })),
      { ok: false, checked: 1, problem: { kind: "inserted", seq: 2, id: 3 } },
    ],
    [
      "a forged event spliced in as inserted",
      () => {
        const events = chain(4);
        const forged: SealedEvent = {
          ...event(99, { action: "forjado" }),
          chainSeq: 3,
          chainHash: "b".repeat(64),
        };
        return [
          ...events.slice(0, 2),
          forged,
          ...events.slice(2).map((e) => ({ ...e, chainSeq: e.chainSeq + 1 })),
        ];
      },
      { ok: false, checked: 2, problem: { kind: "inserted", seq: 3, id: 99 } },
    ],
    [
      "a forged event appended with a made-up hash at its position",
      () => {
        const events = chain(3);
        events.push({ ...event(50), chainSeq: 4, chainHash: "c".repeat(64) });
        return events;
      },
      { ok: false, checked: 3, problem: { kind: "modified", seq: 4, id: 50 } },
    ],
  ];

  it.each(tamperings)("reports %s", (_what, tampered, verdict) => {
    expect(verifyChain(sha256, tampered())).toEqual(verdict);
  });

  it("always finds the first tampered position, whatever is modified", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.string(),
        (size, at, label) => {
          const events = chain(size);
          const index = at % size;
          const original = events[index] as SealedEvent;
          fc.pre(label !== original.actorLabel);
          events[index] = { ...original, actorLabel: label };
          const verdict = verifyChain(sha256, events);
          expect(verdict.ok).toBe(false);
          expect(verdict.ok ? null : verdict.problem.seq).toBe(index + 1);
        },
      ),
    );
  });
});

describe("describeBreak", () => {
  it("says what happened and where, in Spanish", () => {
    expect(describeBreak({ kind: "deleted", seq: 4, nextId: 9 })).toContain(
      "posición 4 de la cadena: fue eliminado",
    );
    expect(describeBreak({ kind: "deleted", seq: 4, nextId: null })).not.toContain("id");
    expect(describeBreak({ kind: "modified", seq: 2, id: 7 })).toContain("(id 7)");
    expect(describeBreak({ kind: "modified", seq: 2, id: 7 })).toContain("modificado");
    expect(describeBreak({ kind: "inserted", seq: 3, id: 8 })).toContain("insertado");
  });
});

describe("verifyChain against what is known outside the chain", () => {
  it("an empty chain is intact only in an instance without records", () => {
    expect(verifyChain(sha256, [], { instanceRecords: 0 })).toMatchObject({ ok: true, count: 0 });
    const emptied = verifyChain(sha256, [], { instanceRecords: 7 });
    expect(emptied).toEqual({
      ok: false,
      checked: 0,
      problem: { kind: "emptied", seq: 1, records: 7 },
    });
    if (!emptied.ok) {
      expect(describeBreak(emptied.problem)).toBe(
        "La bitácora no tiene ningún evento, pero la instancia tiene 7 registro(s) (cuentas, convenios o versiones del modelo) que siempre dejan uno: la bitácora fue vaciada.",
      );
    }
    expect(verifyChain(sha256, chain(2), { instanceRecords: 7 }).ok).toBe(true);
  });

  it("an expected hash must still be somewhere in the chain", () => {
    const events = chain(5);
    const third = events[2]?.chainHash ?? "";
    const last = events[4]?.chainHash ?? "";
    expect(verifyChain(sha256, events, { anchor: { hash: third, seq: null } }).ok).toBe(true);
    expect(
      verifyChain(sha256, events, { anchor: { hash: last.toUpperCase(), seq: null } }).ok,
    ).toBe(true);
    // The newest event removed: what is left is a valid chain, but the hash noted before is gone.
    const shortened = events.slice(0, 4);
    expect(verifyChain(sha256, shortened).ok).toBe(true);
    const verdict = verifyChain(sha256, shortened, { anchor: { hash: last, seq: null } });
    expect(verdict).toEqual({
      ok: false,
      checked: 4,
      problem: { kind: "truncated", seq: null, hash: last, count: 4, foundHash: null },
    });
    if (!verdict.ok) {
      expect(describeBreak(verdict.problem)).toContain(
        `El hash esperado ${last} no está en la cadena (4 evento(s))`,
      );
    }
  });

  it("an anchor's hash must be at its position: a shorter or rewritten chain fails", () => {
    const events = chain(5);
    const fourth = events[3]?.chainHash ?? "";
    expect(verifyChain(sha256, events, { anchor: { hash: fourth, seq: 4 } }).ok).toBe(true);
    expect(verifyChain(sha256, events, { anchor: { hash: fourth, seq: 3 } })).toMatchObject({
      ok: false,
      problem: { kind: "truncated", seq: 3, foundHash: events[2]?.chainHash },
    });
    const shorter = verifyChain(sha256, events.slice(0, 3), { anchor: { hash: fourth, seq: 4 } });
    expect(shorter).toMatchObject({ ok: false, problem: { kind: "truncated", seq: 4, count: 3 } });
    if (!shorter.ok) {
      expect(describeBreak(shorter.problem)).toBe(
        "La cadena tiene 3 evento(s) y el ancla registra la posición 4: se eliminaron los eventos más recientes.",
      );
    }
  });

  it("a broken link is reported before any anchor problem", () => {
    const events = chain(3);
    const tampered = events.map((e, i) => (i === 1 ? { ...e, actorLabel: "otra" } : e));
    expect(
      verifyChain(sha256, tampered, { anchor: { hash: "ab".repeat(32), seq: 9 } }),
    ).toMatchObject({ ok: false, problem: { kind: "modified", seq: 2 } });
  });
});

describe("anchors", () => {
  const head = { date: "2026-03-31", seq: 1234, hash: "a1".repeat(32) };
  const key = "una clave de al menos treinta y dos caracteres";

  it("is one line with the date as dd/mm/aaaa, the count, the hash and the signature", () => {
    expect(signAnchor(hmac, null, head)).toBe(
      `mrtm-ancla-v1;fecha=31/03/2026;eventos=1234;hash=${"a1".repeat(32)};firma=sin-firma`,
    );
    const signed = signAnchor(hmac, key, head);
    expect(signed).toBe(
      formatAnchor(
        head,
        hmac(key, `mrtm-ancla-v1;fecha=31/03/2026;eventos=1234;hash=${"a1".repeat(32)}`),
      ),
    );
  });

  it("reads back what it writes, signed or not, ignoring surrounding spaces", () => {
    const signed = signAnchor(hmac, key, head);
    const parsed = parseAnchor(`  ${signed}\n`);
    expect(parsed).toMatchObject({ ...head });
    expect(parsed?.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(parseAnchor(signAnchor(hmac, null, head))).toEqual({ ...head, signature: null });
  });

  it("refuses text that is not an anchor", () => {
    for (const text of [
      "",
      "a1".repeat(32),
      signAnchor(hmac, null, head).replace("fecha=31/03/2026", "fecha=31/02/2026"),
      signAnchor(hmac, null, head).replace("eventos=1234", "eventos=0"),
      signAnchor(hmac, null, head).replace(";firma=sin-firma", ""),
      signAnchor(hmac, null, head).replace("hash=a1", "hash=zz"),
    ]) {
      expect(parseAnchor(text)).toBeNull();
    }
  });

  it("a signature is valid only for the same key and the same date, count and hash", () => {
    const signed = parseAnchor(signAnchor(hmac, key, head));
    if (!signed) {
      throw new Error("setup");
    }
    expect(anchorSignatureValid(hmac, key, signed)).toBe(true);
    expect(anchorSignatureValid(hmac, `${key}x`, signed)).toBe(false);
    expect(anchorSignatureValid(hmac, key, { ...signed, seq: 1233 })).toBe(false);
    expect(anchorSignatureValid(hmac, key, { ...signed, date: "2026-04-01" })).toBe(false);
    expect(anchorSignatureValid(hmac, key, { ...signed, hash: "b2".repeat(32) })).toBe(false);
    expect(anchorSignatureValid(hmac, key, { ...signed, signature: null })).toBe(false);
  });
});
