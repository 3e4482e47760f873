// A small seeded random generator (mulberry32), so that the demo data is the same every run.
export type Random = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  id(): string;
  code(length: number): string;
};

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
// No 0/O, 1/I/L: codes are read aloud and typed by people.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const fromAlphabet = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  return {
    next,
    int,
    pick: <T,>(items: readonly T[]) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    chance: (probability) => next() < probability,
    // Shaped like the app's cuid ids, so benchmarks see realistic keys.
    id: () => "c" + fromAlphabet(ID_ALPHABET, 24),
    code: (length) => fromAlphabet(CODE_ALPHABET, length),
  };
}
