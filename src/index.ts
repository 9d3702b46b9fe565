import { type Config, ConfigError, loadConfig } from './config.js';
import { startApp } from './app.js';
import { parseCommand } from './cli.js';
import { createLogger } from './logger.js';

parseCommand({
  command: 'npm start --',
  summary:
    'Starts the GraphQL service (GraphiQL at /graphql). Configuration comes from the environment\n' +
    '(README, Configuration); without MONGODB_URI an embedded MongoDB is used.',
  options: {},
});

async function main() {
  let config: Config;
  try {
    // The service waits 2 s after turning /ready to 503 before it stops accepting (unless
    // SHUTDOWN_READY_DELAY_MS says otherwise); tests and scripts default to no wait.
    config = loadConfig(process.env, { shutdownReadyDelayMs: 2_000, responseCache: true, changesPollMs: 1_000 });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  if (!config.apiKeys.length) logger.warn('NEWSGRAPH_API_KEYS is not set: every mutation will be refused');
  if (config.production && config.introspection) logger.warn('introspection is on in production (INTROSPECTION=true)');
  logger.info({ database: app.database.description }, `newsgraph ready: GraphQL and GraphiQL at ${app.url}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: draining requests and closing the database`);
    // app.stop() closes connections still busy after the grace period; this is the last resort.
    const lastResort = config.shutdownReadyDelayMs + config.shutdownGraceMs + 5_000;
    const force = setTimeout(() => {
      logger.warn(`still stopping ${lastResort} ms after ${signal}: exiting anyway`);
      process.exit(1);
    }, lastResort);
    force.unref();
    app.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('newsgraph failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
