/** Applies the error vocabulary's masking decision (src/errors.ts) to yoga: what clients see, what is logged. */
import { useErrorHandler } from '@envelop/core';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { classifyError, originalOf } from '../errors.js';
import type { Logger } from '../logger.js';

/** yoga's `maskedErrors.maskError`: client errors pass, anything else is masked. */
export function maskError(error: unknown, message: string): Error {
  const decision = classifyError(error, message);
  return decision.kind === 'client' ? decision.error : decision.masked;
}

/** Unexpected errors are masked for the client but logged in full with the request id. */
export function useUnexpectedErrorLog(logger: Logger): Plugin {
  return useErrorHandler(({ errors, context }) => {
    const log = (context as Partial<Context>).logger ?? logger;
    for (const error of errors) {
      if (classifyError(error).kind === 'client') continue;
      log.error(
        { err: originalOf(error), path: (error as { path?: unknown }).path },
        'unexpected error while executing a request',
      );
    }
  }) as Plugin;
}

/**
 * At most `perSecond` lines a second; past that, lines are counted and one warning says how many
 * were dropped once the second is over (so any client cannot flood the log by sending mistakes).
 */
export function createLogRateLimit(logger: Logger, perSecond: number, now: () => number = Date.now) {
  let windowStart = now();
  let written = 0;
  let dropped = 0;
  return (write: () => void) => {
    const t = now();
    if (t - windowStart >= 1_000) {
      if (dropped > 0) logger.warn({ dropped }, `${dropped} client-error log lines dropped (over ${perSecond}/s)`);
      windowStart = t;
      written = 0;
      dropped = 0;
    }
    if (written < perSecond) {
      written += 1;
      write();
    } else dropped += 1;
  };
}

/** Client-error log lines a second, at most (the rest are counted: see createLogRateLimit). */
export const CLIENT_ERROR_LOG_LINES_PER_SECOND = 20;

/**
 * yoga's own `logging`. yoga logs, at error level, every error its masking replaced, client
 * mistakes included (a wrong key, a bad variable), with the document excerpt. Here a client
 * mistake is an `info` line with its code and message — no stack, no excerpt — rate-limited; an
 * unexpected error stays at `error` with its stack (useUnexpectedErrorLog logs those of execution
 * with the request id as well).
 */
export function yogaLogging(logger: Logger, perSecond = CLIENT_ERROR_LOG_LINES_PER_SECOND) {
  const limited = createLogRateLimit(logger, perSecond);
  const text = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(text(args)),
    info: (...args: unknown[]) => logger.info(text(args)),
    warn: (...args: unknown[]) => logger.warn(text(args)),
    error: (...args: unknown[]) => {
      const errors = args.filter((a): a is Error => a instanceof Error);
      const client = errors.length > 0 && errors.every((e) => classifyError(e).kind === 'client');
      if (client)
        for (const e of errors) {
          const decided = classifyError(e);
          const code = decided.kind === 'client' ? decided.error.extensions?.code : undefined;
          limited(() => logger.info({ code }, `client error: ${e.message.slice(0, 300)}`));
        }
      else if (errors.length) for (const e of errors) logger.error({ err: originalOf(e) }, 'unexpected error');
      else logger.error(text(args));
    },
  };
}
