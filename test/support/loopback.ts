/**
 * One GraphQL POST on a fresh connection from a chosen loopback address (127.0.0.x), so a test can
 * play many clients: per-client limits key on the socket's address.
 */
import { request } from 'node:http';

export interface LoopbackAnswer {
  status: number;
  ms: number;
  retryAfter: string | undefined;
  body: { data?: unknown; errors?: { extensions?: { code?: string; limit?: string } }[] };
}

export function postFrom(
  endpoint: string,
  localAddress: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<LoopbackAnswer> {
  const url = new URL(endpoint);
  const payload = JSON.stringify({ query });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
