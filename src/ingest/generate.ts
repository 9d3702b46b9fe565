/** Deterministic synthetic articles for throughput measurement (filled in below). */
export function generateArticles(count: number, seed: number): { name: string; raw: string }[] {
  void seed;
  return Array.from({ length: count }, (_, i) => ({ name: `generated-${i}.txt`, raw: `Title ${i}\n2024-01-01 00:00:00\n\nBody text ${i}.` }));
}
