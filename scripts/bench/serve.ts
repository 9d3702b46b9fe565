/**
 * One benchmark implementation served in a process of its own (forked by harness.ts), so that
 * `process.cpuUsage()` here is exactly what serving costs: no load generator, no benchmark driver
 * and no other implementation share this process (nor its process-wide state: e.g. the promise
 * hooks AsyncLocalStorage turns on stay off for the hand-written server).
 *
 * argv: <impl> <database>. Tells the parent `{ ready: url }`, then answers requests `{ id, op }`:
 * commands (driver commands so far, by name), cpu (ms), served (responses finished), drained
 * (replies once nothing is in flight), profileStart / profileStop (V8 sampling profiler of this
 * process, written to `path`) and close.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_ADMISSION_LIMITS, DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { createServer } from '../../src/http/server.js';
import { createMemoryStore } from '../../src/cache/index.js';
import { createChangeEvents } from '../../src/events/index.js';
import { processCpuMs } from './cpu.js';
import { createHandwrittenServer } from './handwritten.js';
import type { ServeName } from './harness.js';

/** Every `commandStarted` (getMore included) is one round trip. */
function countCommands(client: MongoClient) {
  const counts = { total: 0, byName: {} as Record<string, number> };
  client.on('commandStarted', (e) => {
    counts.total++;
    counts.byName[e.commandName] = (counts.byName[e.commandName] ?? 0) + 1;
  });
  return counts;
}

/** Counts requests at the server, so CPU per request divides by what the server really handled. */
function trackRequests(server: Server) {
  let served = 0;
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      served++;
      if (--inFlight === 0) for (const w of waiters.splice(0)) w();
    });
  });
  return {
    served: () => served,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

async function main() {
  const [name, dbName] = process.argv.slice(2) as [ServeName, string];
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  const collections = getCollections(database.db);
  const commands = countCommands(database.client);
  let server: Server;
  let path = '/';
  if (name === 'handwritten') server = createHandwrittenServer(collections);
  else {
    // The service's 10 s execution deadline would cut the naive resolver off mid-request on this
    // database; both GraphQL variants get the same generous one (nothing else differs from the defaults).
    const limits = { ...DEFAULT_QUERY_LIMITS, requestTimeoutMs: 600_000 };
    const loaders =
      name === 'naive'
        ? { loaders: { batching: false } }
        : name === 'keysfirst'
          ? { loaders: { prefetchNodes: false } }
          : {};
    // One benchmark client on loopback is not a flood: per-client limits off, the server-wide ones stay.
    const admission = { ...DEFAULT_ADMISSION_LIMITS, clientRatePerSecond: 0, clientMaxConcurrent: 0 };
    // cached: the response cache, evicted by the change events other processes write to the change
    // log (polled every second, as a server without REDIS_URL does).
    const cache =
      name === 'cached'
        ? (() => {
            const logger = createLogger('silent');
            const events = createChangeEvents({ collections, logger, pollIntervalMs: 1_000 });
            return { events, responseCache: { store: createMemoryStore(), ttlMs: 300_000 } };
          })()
        : {};
    const yoga = createServer({
      collections,
      logger: createLogger('silent'),
      graphiql: false,
      limits,
      admission,
      ...loaders,
      ...cache,
    });
    server = createHttpServer(yoga);
    path = yoga.graphqlEndpoint;
  }
  server.keepAliveTimeout = 60_000;
  const tracked = trackRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  let session: Session | undefined;
  const ops: Record<string, (arg: Record<string, unknown>) => unknown> = {
    commands: () => ({ total: commands.total, byName: { ...commands.byName } }),
    cpu: () => processCpuMs(),
    served: () => tracked.served(),
    drained: () => tracked.drained(),
    async profileStart({ interval }) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: Number(interval ?? 200) });
      await session.post('Profiler.start');
    },
    async profileStop({ path: file }) {
      const { profile } = await session!.post('Profiler.stop');
      session!.disconnect();
      await writeFile(String(file), JSON.stringify(profile));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      setImmediate(() => process.exit(0));
    },
  };
  process.on('message', (m: { id: number; op: string; arg?: Record<string, unknown> }) => {
    Promise.resolve()
      .then(() => ops[m.op]!(m.arg ?? {}))
      .then(
        (result) => process.send!({ id: m.id, result }),
        (error: unknown) => process.send!({ id: m.id, error: String(error) }),
      );
  });
  // The benchmark driver going away takes this server with it.
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}` });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
