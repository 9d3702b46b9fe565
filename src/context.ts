import { randomUUID } from 'node:crypto';
import type { Collections } from './db/collections.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';

export interface Context {
  collections: Collections;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
}

export interface ContextOptions {
  collections: Collections;
  logger: Logger;
  loaders?: LoaderOptions;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds a fresh context (and fresh loaders) for every request. */
export function createContextFactory({ collections, logger, loaders }: ContextOptions) {
  return ({ request, requestId: assigned }: { request: Request; requestId?: string | undefined }): Context => {
    const given = request.headers.get('x-request-id');
    const requestId = assigned ?? (given && REQUEST_ID.test(given) ? given : randomUUID());
    return { collections, loaders: createLoaders(collections, loaders), requestId, logger: logger.child({ requestId }) };
  };
}
