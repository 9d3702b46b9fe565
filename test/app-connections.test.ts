/**
 * The HTTP server's connection limits (src/app.ts): a connection that never sends a byte, slow
 * headers, a slow body and an idle keep-alive connection are all closed within a bounded time of
 * their configured limit, and once draining every response says `Connection: close`.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const HEADERS_MS = 1_000;
const BODY_MS = 2_000;
const KEEP_ALIVE_MS = 500;
/** Slack for a loaded machine: Node checks the headers and body limits every 250 ms here. */
const SLACK_MS = 1_500;

let app: RunningApp;
let port: number;
beforeAll(async () => {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_DB: `test_conn_${randomBytes(4).toString('hex')}`,
    HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    BODY_TIMEOUT_MS: String(BODY_MS),
    KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
    SHUTDOWN_READY_DELAY_MS: '60000',
  });
  app = await startApp(config, createLogger('silent'));
  port = Number(new URL(app.url).port);
});
afterAll(async () => {
  await app?.database.db.dropDatabase().catch(() => {});
  app?.http.closeAllConnections();
});

/** Opens a socket, writes `data` (if any), and resolves with what came back and when it closed. */
function session(data?: string): Promise<{ received: string; closedAfterMs: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let received = '';
    const socket = connect(port, '127.0.0.1', () => {
      if (data) socket.write(data);
    });
    socket.on('data', (chunk) => {
      received += String(chunk);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, closedAfterMs: performance.now() - started, socket }));
  });
}

describe('connection limits', () => {
  it('a connection that never sends a byte is closed after HEADERS_TIMEOUT_MS', async () => {
    const { closedAfterMs, received } = await session();
    expect(received).toBe('');
    expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS * 0.9);
    expect(closedAfterMs).toBeLessThan(HEADERS_MS + SLACK_MS);
  });

  it('headers that never finish get 408 and are closed within HEADERS_TIMEOUT_MS', async () => {
    const { closedAfterMs, received } = await session('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(HEADERS_MS + SLACK_MS);
  });

  it('a body that never finishes is closed within BODY_TIMEOUT_MS', async () => {
    const { closedAfterMs } = await session(
      'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":',
    );
    expect(closedAfterMs).toBeLessThan(BODY_MS + SLACK_MS);
  });

  it('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const { received, closedAfterMs } = await session('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/connection: keep-alive/i);
    expect(closedAfterMs).toBeLessThan(KEEP_ALIVE_MS + SLACK_MS);
  });

  it('once draining, responses say Connection: close and the connection is closed after them', async () => {
    // The ready delay (60 s) keeps the server serving while it drains.
    void app.stop();
    const { received, closedAfterMs } = await session('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/connection: close/i);
    expect(closedAfterMs).toBeLessThan(KEEP_ALIVE_MS);
  });
});
