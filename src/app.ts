import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { connectDatabase, type Database } from './db/client.js';
import { ensureIndexes, getCollections } from './db/collections.js';
import type { Logger } from './logger.js';
import { formatSeedReport, seedDatabase } from './seed/load.js';
import { createServer } from './server.js';

export interface RunningApp {
  url: string;
  database: Database;
  http: Server;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

/** Connects, prepares the database (indexes; the seed when it is empty) and listens. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await connectDatabase(config, logger);
  try {
    const collections = getCollections(database.db);
    await ensureIndexes(collections);
    if ((await collections.articles.countDocuments({}, { limit: 1 })) === 0) {
      logger.info('database is empty: loading the seed data');
      logger.info(`\n${formatSeedReport(await seedDatabase(collections))}`);
    }
    const yoga = createServer({ collections, logger });
    const http = createHttpServer(yoga);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, resolve);
    });
    const { port } = http.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}${yoga.graphqlEndpoint}`;
    return {
      url,
      database,
      http,
      async stop() {
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        });
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
