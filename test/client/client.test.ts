/**
 * The example client against a real server: the app's yoga instance on 127.0.0.1, an ephemeral
 * port, a seeded database. The script runs as a separate process, exactly as `npm run client` does.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardStatsQuery,
  MeetingGraphQuery,
  PersonActivityQuery,
  TimelineQuery,
  TopSpeakersQuery,
} from '../../src/client/operations.js';
import { execute, GraphQLRequestError } from '../../src/client/request.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer } from '../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let t: TestDatabase;
let http: Server;
let url: string;

beforeAll(async () => {
  t = await openTestDatabase('client');
  await seedDatabase(t.collections);
  http = createHttpServer(
    createServer({ collections: t.collections, logger: createLogger('silent'), graphiql: false }),
  );
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise<void>((done) => {
    http?.close(() => done());
    http?.closeAllConnections();
  });
  await t?.dispose();
});

/** Runs scripts/client.ts with tsx, as `npm run client -- ...args` does. */
function runClient(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/client.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NEWSGRAPH_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('scripts/client.ts', () => {
  it("prints Sung Kim's quotes and meetings with their provenance", async () => {
    const { code, stdout, stderr } = await runClient(['sung-kim', '--url', url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Sung Kim — U.S. special envoy for North Korea');
    // Who said what: his three quotes, each with article label and paragraph.
    expect(stdout).toContain('Who said what: 3 quote(s)');
    expect(stdout).toMatch(/2024-05-20\s+PARTIAL\s+“anywhere, anytime without preconditions”\s+\[1\] ¶5/);
    expect(stdout).toMatch(/“meaningful inter-Korean dialogue, cooperation and engagement”\s+\[1\] ¶15/);
    expect(stdout).toContain('“are very closely aligned on all important aspects of our North Korea');
    // Who met whom: four meetings, with date, place and participants.
    expect(stdout).toContain('Who met whom: 4 meeting(s)');
    expect(stdout).toMatch(/2024-05-21\s+MEETING\s+Cheong Wa Dae\s+Moon Jae-in, Sung Kim\s+\[1\] ¶18/);
    expect(stdout).toMatch(/2024-05-21\s+TALKS\s+—\s+Suh Hoon, Sung Kim\s+\[1\] ¶22/);
    expect(stdout).toContain('Ministry of Unification');
    // Meeting partners.
    expect(stdout).toContain('Met with: 4 person(s)');
    for (const partner of ['Lee In-young', 'Moon Jae-in', 'Noh Kyu-duk', 'Suh Hoon'])
      expect(stdout).toMatch(new RegExp(`^${partner}\\s+1$`, 'm'));
    expect(stdout).toContain(
      '[1] North Korea rejects US attempts to resume talks (north-korea-rejects-us-attempts-to-resume-talks)',
    );
  });

  it('an unknown slug exits 1 with a message', async () => {
    const { code, stdout, stderr } = await runClient(['no-such-person', '--url', url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No person with slug "no-such-person"');
  });

  it('no slug prints the usage and exits 2', async () => {
    const { code, stderr } = await runClient(['--url', url]);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run client -- <person-slug>');
  });

  it('an unreachable server exits 1 and says which URL failed', async () => {
    const { code, stderr } = await runClient(['sung-kim', '--url', 'http://127.0.0.1:9/graphql']);
    expect(code).toBe(1);
    expect(stderr).toContain('Could not query http://127.0.0.1:9/graphql');
  });
});

describe('typed operations over HTTP', () => {
  it('PersonActivity returns exactly the selected shape', async () => {
    const { person } = await execute(url, PersonActivityQuery, { slug: 'sung-kim', first: 10 });
    expect(person?.metWith?.edges.map((e) => e.node.slug).sort()).toEqual([
      'lee-in-young',
      'moon-jae-in',
      'noh-kyu-duk',
      'suh-hoon',
    ]);
    expect(person?.quotes?.edges.map((e) => e.node.paragraph?.index)).toEqual([15, 15, 5]);
  });

  it('the dashboard operations run against the server', async () => {
    expect((await execute(url, DashboardStatsQuery)).stats).toEqual({
      articleCount: 1,
      personCount: 14,
      organizationCount: 10,
      quoteCount: 19,
      meetingCount: 8,
    });
    const { topSpeakers } = await execute(url, TopSpeakersQuery, { limit: 3 });
    expect(topSpeakers?.map((s) => [s.person.slug, s.quoteCount])).toEqual([
      ['kim-yo-jong', 4],
      ['cheong-seong-chang', 3],
      ['sung-kim', 3],
    ]);
    const { meetingGraph } = await execute(url, MeetingGraphQuery, { limit: 100 });
    expect(meetingGraph?.totalEdgeCount).toBe(6);
    expect(meetingGraph?.edges[0]).toEqual({
      weight: 3,
      source: { slug: 'kim-jong-un' },
      target: { slug: 'moon-jae-in' },
    });
    const { timeline } = await execute(url, TimelineQuery, { bucket: 'WEEK', from: '2024-05-20', to: '2024-05-26' });
    expect(timeline).toEqual([{ start: '2024-05-20', end: '2024-05-26', quoteCount: 17, meetingCount: 4 }]);
  });

  it('a bad argument surfaces as a GraphQLRequestError with its code', async () => {
    const error = await execute(url, TopSpeakersQuery, { limit: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).codes).toEqual(['BAD_USER_INPUT']);
  });
});
