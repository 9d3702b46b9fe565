/**
 * Shutdown drains in-flight requests; a client that disconnects cancels its execution.
 */
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { CommandStartedEvent } from 'mongodb';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.database.db.dropDatabase().catch(() => {});
  await app?.stop().catch(() => {});
  app = undefined;
});

async function start(env: Record<string, string> = {}, logger = createLogger('silent')) {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_DB: `test_life_${randomBytes(4).toString('hex')}`,
    ...env,
  });
  app = await startApp(config, logger);
  return app;
}

/** Resolves when the server has received the next request's headers. */
const nextRequest = (running: RunningApp) =>
  new Promise<void>((resolve) => running.http.once('request', () => resolve()));

/** A logger that keeps every line, and a way to wait for the request line with a given request id. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(JSON.parse(String(chunk)));
      for (const wake of waiters.splice(0)) wake();
      done();
    },
  });
  const requestLine = async (requestId: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = lines.find((l) => l.msg === 'request' && l.requestId === requestId);
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no request line for ${requestId} in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { logger: pino({ level: 'info' }, sink), requestLine };
}

/** Opens a POST whose body is sent in two parts; resolves with the response when it arrives. */
function slowPost(url: string, body: string) {
  const target = new URL(url);
  let sendRest!: () => void;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    sendRest = () => req.end(body.slice(half));
  });
  return { response, sendRest: () => sendRest() };
}

describe('shutdown', () => {
  it('drains: a request in flight when stop() is called completes; new connections are refused', async () => {
    const running = await start();
    const received = nextRequest(running);
    const { response, sendRest } = slowPost(
      running.url,
      JSON.stringify({ query: '{ person(slug: "sung-kim") { name } }' }),
    );
    await received; // the request has started: its headers (and half its body) are in
    const stopped = running.stop();
    // Draining has begun (the listener is closed); only then does the rest of the body arrive.
    expect((await fetch(new URL('/ready', running.url)).catch(() => null))?.status ?? 'refused').toBe('refused');
    sendRest();
    const result = await response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { person: { name: 'Sung Kim' } } });
    await stopped;
    app = undefined;
  });

  it('a request still running after SHUTDOWN_GRACE_MS has its connection closed, and stop() returns', async () => {
    const running = await start({ SHUTDOWN_GRACE_MS: '300' });
    const received = nextRequest(running);
    const { response } = slowPost(running.url, JSON.stringify({ query: '{ __typename }' })); // never finishes its body
    await received;
    const started = Date.now();
    await running.stop();
    // 300 ms of grace, then the connection is closed: far below the 10 s default either way.
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(response).rejects.toThrow();
    app = undefined;
  });

  it('SHUTDOWN_READY_DELAY_MS: /ready answers 503 at once while requests are still served, then new connections are refused', async () => {
    const running = await start({ SHUTDOWN_READY_DELAY_MS: '400' });
    expect((await fetch(new URL('/ready', running.url))).status).toBe(200);
    const stopped = running.stop();
    const ready = await fetch(new URL('/ready', running.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, draining: true });
    const read = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ query: '{ person(slug: "sung-kim") { name } }' }),
    });
    expect(await read.json()).toEqual({ data: { person: { name: 'Sung Kim' } } });
    await stopped;
    expect((await fetch(new URL('/ready', running.url)).catch(() => null))?.status ?? 'refused').toBe('refused');
    app = undefined;
  });
});

describe('client disconnect', () => {
  it('cancels the execution: the database work after the disconnect is not started', async () => {
    const { logger, requestLine } = recordingLogger();
    const running = await start({}, logger);
    // Each metWith level is two dependent round trips: about 7 in a row.
    const query =
      '{ person(slug: "sung-kim") { metWith(first: 5) { edges { node { metWith(first: 5) { edges { node { metWith(first: 5) { edges { node { name } } } } } } } } } } }';
    const post = (requestId: string, signal?: AbortSignal) =>
      fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ query }),
        ...(signal ? { signal } : {}),
      });
    const commands: string[] = [];
    const listener = (e: CommandStartedEvent) => commands.push(e.commandName);
    running.database.client.on('commandStarted', listener);
    try {
      const complete = await post('complete');
      expect((await complete.json()).errors).toBeUndefined();
      const full = (await requestLine('complete')).dbCommands as number;
      expect(full).toBeGreaterThanOrEqual(5);
      expect(commands.length).toBe(full);

      commands.length = 0;
      const aborter = new AbortController();
      running.database.client.once('commandStarted', () => aborter.abort());
      await post('aborted', aborter.signal).catch(() => {});
      // The server's own end of the request: its log line is written when execution has ended.
      const line = await requestLine('aborted');
      expect(line.dbCommands as number).toBeLessThan(full);
      expect(commands.length).toBeLessThan(full);
    } finally {
      running.database.client.off('commandStarted', listener);
    }
  });
});
