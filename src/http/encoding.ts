/**
 * Content-encoding negotiation for what the service compresses itself (the analyst page, GraphiQL,
 * bulk export): the best of the encodings a response has that the client's Accept-Encoding allows.
 */
export type Encoding = 'br' | 'gzip';

/** The encodings named in an Accept-Encoding header, lowercased, without those given q=0. */
function acceptedEncodings(accept: string): Set<string> {
  return new Set(
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, ...params]) => !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name!.trim().toLowerCase()),
  );
}

/** Brotli before gzip; `*` stands for gzip. Null: send it uncompressed. */
export function pickEncoding(accept: string | null, available: readonly Encoding[] = ['br', 'gzip']): Encoding | null {
  if (!accept) return null;
  const accepted = acceptedEncodings(accept);
  if (available.includes('br') && accepted.has('br')) return 'br';
  if (available.includes('gzip') && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return null;
}
