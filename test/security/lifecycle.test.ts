/**
 * Shutdown drains in-flight requests; a client that disconnects cancels its execution.
 */
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.database.db.dropDatabase().catch(() => {});
  await app?.stop().catch(() => {});
  app = undefined;
});

async function start(env: Record<string, string> = {}) {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', MONGODB_DB: `test_life_${randomBytes(4).toString('hex')}`, ...env });
  app = await startApp(config, createLogger('silent'));
  return app;
}

/** Opens a POST whose body is sent in two parts; resolves with the response when it arrives. */
function slowPost(url: string, body: string) {
  const target = new URL(url);
  let sendRest!: () => void;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
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
    const { response, sendRest } = slowPost(running.url, JSON.stringify({ query: '{ person(slug: "sung-kim") { name } }' }));
    await new Promise((r) => setTimeout(r, 100)); // the request has started: headers and half the body are in
    const stopped = running.stop();
    expect((await fetch(new URL('/ready', running.url)).catch(() => null))?.status ?? 'refused').toBe('refused');
    await new Promise((r) => setTimeout(r, 200));
    sendRest();
    const result = await response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { person: { name: 'Sung Kim' } } });
    await stopped;
    app = undefined;
  });

  it('a request still running after SHUTDOWN_GRACE_MS has its connection closed, and stop() returns', async () => {
    const running = await start({ SHUTDOWN_GRACE_MS: '300' });
    const { response } = slowPost(running.url, JSON.stringify({ query: '{ __typename }' })); // never finishes its body
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(response).rejects.toThrow();
    app = undefined;
  });
});

describe('client disconnect', () => {
  it('cancels the execution: the database work after the disconnect is not started', async () => {
    const running = await start();
    // Each metWith level is two dependent round trips: about 7 in a row.
    const query = '{ person(slug: "sung-kim") { metWith(first: 5) { edges { node { metWith(first: 5) { edges { node { metWith(first: 5) { edges { node { name } } } } } } } } } } }';
    const commands: string[] = [];
    const listener = (e: CommandStartedEvent) => commands.push(e.commandName);
    running.database.client.on('commandStarted', listener);

    const complete = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect((await complete.json()).errors).toBeUndefined();
    const full = commands.length;
    expect(full).toBeGreaterThanOrEqual(5);

    commands.length = 0;
    const aborter = new AbortController();
    running.database.client.once('commandStarted', () => aborter.abort());
    await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal: aborter.signal }).catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    running.database.client.off('commandStarted', listener);
    expect(commands.length).toBeLessThan(full);
  });
});
