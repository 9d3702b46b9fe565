import { MongoClient, type Db } from 'mongodb';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface Database {
  client: MongoClient;
  db: Db;
  /** Where the data lives, for logs: the URI without credentials, or "embedded". */
  description: string;
  close(): Promise<void>;
}

/** Client options shared by every connection: fail fast instead of hanging when the server is gone. */
export const CLIENT_OPTIONS = {
  // With the server gone, an operation fails (SERVICE_UNAVAILABLE) after 3 s instead of hanging;
  // the driver keeps monitoring, so the same client recovers when the server is back.
  serverSelectionTimeoutMS: 3_000,
  connectTimeoutMS: 3_000,
  // A server that accepts but never answers cannot hold a pooled socket forever. (`timeoutMS`, the
  // driver's newer per-operation timeout, is still experimental in driver 6, so it is not used.)
  socketTimeoutMS: 30_000,
  // Notice a lost or returning server within about 2 s (so /ready follows it closely).
  heartbeatFrequencyMS: 2_000,
  maxPoolSize: 20,
  // Command monitoring lets tests and metrics count round trips.
  monitorCommands: true,
} as const;

/** The embedded MongoDB could not start (usually: no internet for its first mongod download). */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
  /** Commands print the message alone: it says what to do, a stack trace would not. */
  readonly userFacing = true;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * One MongoClient for the process. With MONGODB_URI unset, an embedded mongodb-memory-server is
 * started (it downloads mongod on first use, so it needs internet once).
 */
export async function connectDatabase(
  config: Pick<Config, 'mongodbUri' | 'mongodbDb'>,
  logger?: Logger,
): Promise<Database> {
  let uri = config.mongodbUri;
  let stopEmbedded: (() => Promise<unknown>) | undefined;
  if (!uri) {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    logger?.info('MONGODB_URI is not set: starting the embedded mongodb-memory-server');
    let server: InstanceType<typeof MongoMemoryServer>;
    // mongodb-memory-server prints its own failure with a stack trace; the error below says it all.
    const { log, warn, error: printError } = console;
    console.log = console.warn = console.error = () => {};
    try {
      server = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1' } });
    } catch (error) {
      const cause = (error as Error).message.split('\n')[0]!.slice(0, 200);
      throw new EmbeddedDatabaseError(
        `MONGODB_URI is not set and the embedded MongoDB could not start (${cause}); it downloads mongod on first use, which needs internet.\n` +
          'Use a local FerretDB instead: npm run db:start (it writes MONGODB_URI to .env, which every command reads), then run this command again.',
      );
    } finally {
      Object.assign(console, { log, warn, error: printError });
    }
    uri = server.getUri();
    stopEmbedded = () => server.stop();
    logger?.info({ uri }, 'embedded MongoDB started');
  }
  const client = new MongoClient(uri, CLIENT_OPTIONS);
  try {
    await client.connect();
    await client.db(config.mongodbDb).command({ ping: 1 });
  } catch (error) {
    await client.close().catch(() => {});
    await stopEmbedded?.();
    throw error;
  }
  return {
    client,
    db: client.db(config.mongodbDb),
    description: stopEmbedded
      ? `embedded mongodb-memory-server (${config.mongodbDb})`
      : `${redact(uri)} (${config.mongodbDb})`,
    async close() {
      await client.close();
      await stopEmbedded?.();
    },
  };
}
