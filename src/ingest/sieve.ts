/**
 * A sieve, in the sense of CoreNLP's quote attribution and its coreference "multi-pass sieve": one
 * small rule that looks at a candidate (a quote to attribute, a meeting phrase to read) and either
 * decides it or passes. Sieves run in order, most precise first; the first that decides wins, and
 * its id and strength travel with the fact it produced, so every stored fact says which rule made
 * it and how far that rule is trusted (per-rule precision in `npm run eval:ingest`).
 */
export interface Sieve<Candidate, Found> {
  /** Stable, lowercase-hyphenated id, stored with the fact (`Quote.sieve`). */
  readonly id: string;
  /** How much the rule itself is trusted, 0..1; multiplied by how surely its mentions resolved. */
  readonly strength: number;
  apply(candidate: Candidate): Found | null;
}

export interface Sifted<Found> {
  sieve: string;
  strength: number;
  found: Found;
}

/** Runs the sieves in order and returns the first decision, tagged with the sieve that made it. */
export function sift<Candidate, Found>(
  sieves: readonly Sieve<Candidate, Found>[],
  candidate: Candidate,
): Sifted<Found> | null {
  for (const sieve of sieves) {
    const found = sieve.apply(candidate);
    if (found !== null) return { sieve: sieve.id, strength: sieve.strength, found };
  }
  return null;
}

/** Every sieve's decision, in order (for rules that collect rather than pick, e.g. meeting phrases). */
export function siftAll<Candidate, Found>(
  sieves: readonly Sieve<Candidate, Found>[],
  candidate: Candidate,
): Sifted<Found>[] {
  const out: Sifted<Found>[] = [];
  for (const sieve of sieves) {
    const found = sieve.apply(candidate);
    if (found !== null) out.push({ sieve: sieve.id, strength: sieve.strength, found });
  }
  return out;
}
