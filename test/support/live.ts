/**
 * Helpers for the live-data tests: a yoga server on a real 127.0.0.1 socket, a GraphQL-over-SSE
 * client reading the real event stream, and invented raw articles (no real names, no real text).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawArticle } from '../ingest/helpers.js';

export interface Listening {
  url: string;
  http: Server;
  close(): Promise<void>;
}

export async function listen(handler: Parameters<typeof createHttpServer>[1]): Promise<Listening> {
  const http = createHttpServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  return {
    url,
    http,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface SsePayload {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface Subscription {
  /** The next `next` event's payload; rejects if the stream ends first or after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SsePayload>;
  /** Resolves when the server completes the stream (or the connection ends). */
  ended: Promise<void>;
  /** Disconnects. */
  close(): void;
}

/** Opens a subscription over GraphQL-over-SSE and parses the event stream as it arrives. */
export async function subscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Subscription> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`subscription failed: HTTP ${response.status}`);
  const queue: SsePayload[] = [];
  const waiters: { resolve: (p: SsePayload) => void; reject: (e: Error) => void }[] = [];
  let done = false;
  let endReason = 'the stream ended';
  let markEnded!: () => void;
  const ended = new Promise<void>((r) => {
    markEnded = r;
  });
  const finish = (reason: string) => {
    if (done) return;
    done = true;
    endReason = reason;
    for (const w of waiters.splice(0)) w.reject(new Error(`${reason} before the next event`));
    markEnded();
  };
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done: eof, value } = await reader.read();
        if (eof) break;
        buffer += value;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (event === 'complete') {
            finish('the server completed the stream');
            return;
          }
          if (event === 'next' || (!event && data)) {
            const payload = JSON.parse(data) as SsePayload;
            const waiter = waiters.shift();
            if (waiter) waiter.resolve(payload);
            else queue.push(payload);
          }
        }
      }
      finish('the connection closed');
    } catch {
      finish('the connection was aborted');
    }
  })();
  return {
    next(timeoutMs = 15_000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      if (done) return Promise.reject(new Error(`${endReason} before the next event`));
      return new Promise<SsePayload>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    ended,
    close() {
      abort.abort();
    },
  };
}

/**
 * An invented article in the ingest text format: two invented officials meet and each is quoted
 * once. `tag` makes the title (and so the slug) unique; `speaker`/`partner` name the two.
 */
export function liveArticle(
  tag: string,
  { speaker = 'Lena Vortmann', partner = 'Odo Pranske', place = 'Varnholm' } = {},
): string {
  const [last1, last2] = [speaker.split(' ').at(-1), partner.split(' ').at(-1)];
  return rawArticle(
    `Harbor accord signed in ${place} ${tag}`,
    [
      `Foreign Minister ${speaker} met Trade Secretary ${partner} in ${place} on Monday.`,
      `${last1} said the accord was "a fair bargain for both ports ${tag}."`,
      `${last2} told reporters the deal would "keep the cranes moving."`,
    ],
    { published: '2024-05-22 09:00:00' },
  );
}

/** Waits until `check` returns true, checking after each of the events it depends on (bounded). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The four dashboard queries in one operation. */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    stats { articleCount personCount quoteCount meetingCount }
    topSpeakers(limit: 5) { quoteCount person { slug name } }
    meetingGraph(limit: 20) { totalEdgeCount edges { weight source { slug } target { slug } } }
    timeline(bucket: MONTH) { start quoteCount meetingCount }
  }
`;

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** `npm run ingest` of one live article as its own process (in `dir`, with `env`); its stdout. */
export function ingestByCommand(dir: string, tag: string, env: NodeJS.ProcessEnv): Promise<string> {
  const file = join(dir, `${tag}.txt`);
  writeFileSync(file, liveArticle(tag));
  return new Promise((resolvePromise, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'scripts/ingest.ts'), file],
      { env, cwd: REPO, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolvePromise(stdout)),
    ),
  );
}
