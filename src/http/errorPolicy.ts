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
