import { randomUUID } from 'node:crypto';
import { authenticate, type ApiKey, type Auth } from './auth.js';
import type { Collections } from './db/collections.js';
import { commandScope, type CommandScope } from './db/commandCounter.js';
import type { ChangePublisher } from './events/index.js';
import type { SubscriptionLimiter } from './events/limiter.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits.js';

export interface Context {
  /** The request's view of the collections (its operations count into its command tally). */
  collections: Collections;
  /** Counts this request's database commands (armed by the observability plugin). */
  commands: CommandScope;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  /** Who is asking: anonymous, an unrecognised key, or a configured key and its scopes. */
  auth: Auth;
  /** Operation limits the schema's complexity check applies. */
  limits: QueryLimits;
  /** Change events: publish after a write, subscribe for subscriptions. */
  events: ChangePublisher;
  /** Open-subscription caps (per client and in total). */
  subscriptions: SubscriptionLimiter;
  /**
   * Who per-client limits count this request against (its API key, else its address, through
   * trusted proxies; decided in the HTTP layer); null for a request that came through no socket.
   */
  client: string | null;
  /** Fresh loaders (a subscription renews them per event, so it never serves what it cached before). */
  newLoaders(): Loaders;
  /**
   * Hands the context the execution signal, which aborts when the client disconnects or the
   * deadline passes (the engine calls it, src/http/engine.ts): the loaders start no database
   * batch after that. (A method, not a field: yoga copies the context object.)
   */
  bindSignal(signal: AbortSignal): void;
}

export interface ContextOptions {
  collections: Collections;
  logger: Logger;
  loaders?: LoaderOptions;
  apiKeys?: readonly ApiKey[];
  limits?: QueryLimits;
  events: ChangePublisher;
  subscriptions: SubscriptionLimiter;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The client's x-request-id when it is a sane token, else a fresh UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Builds a fresh context (and fresh loaders) for every request. Nothing here touches the database. */
export function createContextFactory({
  collections,
  logger,
  loaders,
  apiKeys = [],
  limits = DEFAULT_QUERY_LIMITS,
  events,
  subscriptions,
}: ContextOptions) {
  // An option given as undefined must not override the configured batch size.
  const loaderOptions: LoaderOptions = { ...loaders, maxBatchSize: loaders?.maxBatchSize ?? limits.loaderMaxBatchSize };
  return ({
    request,
    requestId: assigned,
    client,
  }: {
    request: Request;
    requestId?: string | undefined;
    /** Identifies the client once the API key is known (the HTTP layer's rule). */
    client?: (keyName: string | null) => string | null;
  }): Context => {
    const requestId = assigned ?? requestIdOf(request);
    const auth = authenticate(request.headers, apiKeys);
    let signal: AbortSignal | undefined;
    const signalOf = () => signal;
    const commands = commandScope(collections);
    const view = commands.collections;
    return {
      collections: view,
      commands,
      loaders: createLoaders(view, loaderOptions, signalOf),
      requestId,
      logger: logger.child({ requestId, ...(auth.keyName ? { apiKey: auth.keyName } : {}) }),
      auth,
      limits,
      events,
      subscriptions,
      client: client ? client(auth.keyName) : null,
      newLoaders: () => createLoaders(view, loaderOptions, signalOf),
      bindSignal: (s) => {
        signal = s;
      },
    };
  };
}
