import { type DestinationStream, pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `pretty`: one coloured line per entry for a person at a terminal; `json`: one JSON object per line. */
export type LogFormat = 'pretty' | 'json';

/**
 * Readable lines only for a person watching a terminal during development: stdout is a TTY and
 * NODE_ENV is not `production`. Anything else — a pipe, a file, a container's log collector,
 * production — gets JSON, which is what log tooling parses.
 */
export function chooseLogFormat({
  isTTY,
  nodeEnv,
}: {
  isTTY: boolean | undefined;
  nodeEnv: string | undefined;
}): LogFormat {
  return isTTY === true && nodeEnv !== 'production' ? 'pretty' : 'json';
}

export interface LoggerOptions {
  /** Default: chosen from process.stdout and NODE_ENV (chooseLogFormat). */
  format?: LogFormat;
  /** Default: stdout. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', options: LoggerOptions = {}): Logger {
  const format = options.format ?? chooseLogFormat({ isTTY: process.stdout.isTTY, nodeEnv: process.env.NODE_ENV });
  const base = { service: 'newsgraph' };
  if (format === 'json')
    return options.destination ? pino({ level, base }, options.destination) : pino({ level, base });
  // In the process (no worker thread), synchronous: a line is on the terminal before the next statement runs.
  const stream = pretty({
    colorize: options.destination === undefined,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    ...(options.destination ? { destination: options.destination } : {}),
  });
  return pino({ level, base }, stream);
}
