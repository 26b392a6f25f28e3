/**
 * The demo seed's only source of chance: a seeded PRNG (mulberry32), so every fresh demo instance
 * tells the same story. Never Math.random.
 */
export interface DemoRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(values: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** A PRNG seeded from a text (e.g. a municipality's key), through FNV-1a. */
export function demoRandom(seed: string): DemoRandom {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  }
  let state = hash >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: DemoRandom = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (values) => {
      const value = values[Math.floor(next() * values.length)];
      if (value === undefined) {
        throw new Error("pick from an empty list");
      }
      return value;
    },
    chance: (p) => next() < p,
  };
  return random;
}
