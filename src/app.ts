import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { connectDatabase, type Database } from './db/client.js';
import { configureWriteSerialization, describeServer, serializesWrites } from './db/atomicity.js';
import { ensureIndexes, getCollections } from './db/collections.js';
import { configureCoordination } from './db/coordinator.js';
import { resumePendingMerges } from './db/curation.js';
import { createMemoryStore, createRedisStore } from './cache/index.js';
import { createChangeEvents, publishSeeded, type ChangePublisher } from './events/index.js';
import type { Logger } from './logger.js';
import { formatSeedReport, seedDatabase } from './seed/load.js';
import { createServer, type NewsgraphServer } from './http/server.js';
import { loadWebAssets } from './http/web.js';

export interface RunningApp {
  url: string;
  database: Database;
  http: Server;
  yoga: NewsgraphServer;
  /** Change events (the bus: in process, or Redis with REDIS_URL). */
  events: ChangePublisher;
  /**
   * Drains and stops: /ready turns 503 at once; after `shutdownReadyDelayMs` (time for a load
   * balancer to notice) no new connections are accepted, in-flight requests finish (connections
   * still busy after the grace period are closed), then the database is closed.
   */
  stop(): Promise<void>;
}

/** Connects, prepares the database (indexes; the seed when it is empty; unfinished merges) and listens. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await connectDatabase(config, logger);
  const collections = getCollections(database.db);
  const events = createChangeEvents({
    collections,
    logger,
    redisUrl: config.redisUrl,
    retainChanges: config.changes.retain,
    // Without Redis, other processes' writes (npm run ingest) reach this one through the change log.
    pollIntervalMs: config.changes.pollMs,
  });
  try {
    configureWriteSerialization(database.client, config.writes.serialization);
    configureCoordination(database.client, {
      lockWaitMs: config.writes.lockWaitMs,
      leaseTtlMs: config.writes.leaseTtlMs,
    });
    const { server } = await describeServer(database.db).catch(() => ({ server: 'an unknown server' }));
    if (await serializesWrites(database.db))
      logger.warn(
        { server },
        'writes are serialized in this process (document updates are not atomic on this server): run only one writing instance',
      );
    else logger.info({ server }, 'document updates are atomic on this server');
    await ensureIndexes(collections);
    if ((await collections.articles.countDocuments({}, { limit: 1 })) === 0) {
      logger.info('database is empty: loading the seed data');
      const reports = await seedDatabase(collections);
      // One log line per report line: readable in a terminal and in JSON logs alike.
      for (const line of formatSeedReport(reports).split('\n')) logger.info(line);
      await publishSeeded(events, reports);
    }
    // A merge interrupted by a crash is finished before serving, so no reader sees it half done.
    const resumed = await resumePendingMerges(collections, (record, error) =>
      logger.error(
        {
          mergeId: record._id.toHexString(),
          survivorId: record.survivorId.toHexString(),
          mergedId: record.mergedId.toHexString(),
        },
        `merge left pending: ${error.message}`,
      ),
    );
    if (resumed) logger.warn({ resumed }, 'completed merges that were interrupted');

    let draining = false;
    const yoga = createServer({
      collections,
      logger,
      graphiql: config.graphiql,
      introspection: config.introspection,
      apiKeys: config.apiKeys,
      limits: config.limits,
      admission: config.admission,
      corsOrigins: config.corsOrigins,
      trustedProxies: config.trustedProxies,
      persistedOperations: config.persistedOperations,
      isDraining: () => draining,
      events,
      subscriptionLimits: config.subscriptionLimits,
      exportLimits: config.exportLimits,
      responseCache: config.responseCache.enabled
        ? {
            store: events.bus.redis ? createRedisStore(events.bus.redis, { logger }) : createMemoryStore(),
            ttlMs: config.responseCache.ttlMs,
          }
        : null,
      web: loadWebAssets(undefined, { csp: config.production }),
    });
    const { headersTimeoutMs, bodyTimeoutMs, keepAliveTimeoutMs } = config.http;
    const http = createHttpServer(
      {
        // Slow clients: the headers must arrive within headersTimeoutMs, the whole request (body
        // too) within bodyTimeoutMs (408 then), and an idle keep-alive connection is closed after
        // keepAliveTimeoutMs. Node checks the first two every connectionsCheckingInterval (30 s by
        // default, so a limit could be overshot by 30 s): check often.
        headersTimeout: headersTimeoutMs,
        requestTimeout: bodyTimeoutMs,
        keepAliveTimeout: keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1_000, Math.ceil(headersTimeoutMs / 4)),
      },
      yoga,
    );
    // A connection that never sends a byte is not a request yet: close it, without a response,
    // once the headers could have arrived. Node's own headers check counts from the same moment
    // and answers 408, so ours fires a little earlier (95 %): at exactly the limit, a check that
    // landed on that tick answered first.
    http.on('connection', (socket) => {
      const silent = setTimeout(() => socket.destroy(), Math.floor(headersTimeoutMs * 0.95));
      silent.unref();
      socket.once('data', () => clearTimeout(silent));
      socket.once('close', () => clearTimeout(silent));
    });
    // Draining: every response says `Connection: close`, so clients open their next request on
    // another instance instead of reusing a connection that is about to be closed under them.
    http.prependListener('request', (_request, response) => {
      if (draining) response.setHeader('connection', 'close');
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, resolve);
    });
    const { port } = http.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}${yoga.graphqlEndpoint}`;

    let stopping: Promise<void> | undefined;
    const stop = async () => {
      // Not ready first: requests keep being served while probes see 503 and traffic moves away.
      draining = true;
      // Open subscriptions end now (their streams would otherwise hold the server open until the grace period).
      await events.bus.close();
      if (config.shutdownReadyDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownReadyDelayMs));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      // Keep-alive connections that finish their request become idle: close them as they do.
      http.closeIdleConnections();
      const sweep = setInterval(() => http.closeIdleConnections(), 50);
      const force = setTimeout(() => {
        logger.warn(`requests still running after ${config.shutdownGraceMs} ms: closing their connections`);
        http.closeAllConnections();
      }, config.shutdownGraceMs);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(force);
      }
      await database.close();
    };
    return {
      url,
      database,
      http,
      yoga,
      events,
      stop: () => {
        stopping ??= stop();
        return stopping;
      },
    };
  } catch (error) {
    await events.bus.close();
    await database.close();
    throw error;
  }
}
