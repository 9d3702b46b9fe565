/**
 * The project's one seeded PRNG: mulberry32. Same seed, same sequence, on every platform; no
 * Math.random. Used by the synthetic ingestion articles (generate.ts) and, through
 * scripts/generate/random.ts, by the synthetic graph generator.
 */

/** mulberry32 from a 32-bit seed: a function returning numbers uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32 seeded from any string or number (through FNV-1a), with the samplers generators need. */
export class Random {
  private readonly step: () => number;

  constructor(seed: string | number) {
    let h = 0x811c9dc5;
    for (const ch of String(seed)) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.step = mulberry32(h || 0x9e3779b9);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.step();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
