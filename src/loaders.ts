import DataLoader from 'dataloader';
import type { ObjectId } from 'mongodb';
import * as batch from './db/batch.js';
import type { ArticleDoc, Collections, MeetingDoc, PersonDoc, QuoteDoc } from './db/collections.js';
import { DEFAULT_QUERY_LIMITS } from './limits.js';
import type { SortKey } from './db/sortKeys.js';
import type { Projection } from './db/batch.js';

export interface LoaderOptions {
  /**
   * false turns batching and caching off: every load becomes its own database call. This is the
   * "naive" resolver the benchmark compares against; the service always batches.
   */
  batching?: boolean;
  /** Upper bound on keys per `$in` query. */
  maxBatchSize?: number;
  /**
   * true (default): the one-to-many loaders of quotes and meetings fetch whole documents in their
   * one query and prime the by-id loaders, so a nested page costs one query instead of two (keys,
   * then documents by id). On FerretDB v1, where every such query scans the collection, this cuts
   * Q1 from seven scans to five (npm run bench); the price is transferring every item of each
   * parent, not only the page. false keeps the keys-then-page-by-id design, which transfers less
   * for parents with very long lists on a server with real indexes.
   */
  prefetchNodes?: boolean;
}

const hex = (id: ObjectId) => id.toHexString();

/** A sort key from a one-to-many loader; with prefetching it carries the document it stands for. */
export type PrefetchedKey<T> = SortKey & { doc?: T };

/**
 * When each loader of a request sends its batch. DataLoader's default sends it once the current
 * promise jobs have run; here a batch that becomes ready while another batch of the request is on
 * the wire is held, and every held batch goes out together once the database has answered and
 * the answers' resolvers have asked what they need. So lists resolved side by side (an article's
 * quotes and its meetings) ask for their persons in one query, as hand-written code does after a
 * `Promise.all`, instead of one query each (Q2: 4 commands, was 5). The price: such a batch waits
 * for the slowest sibling query instead of overlapping with it. Only database queries count as on
 * the wire (never a batch waiting on another loader), so a held batch cannot wait on itself.
 */
function createBatchScheduler() {
  let onWire = 0;
  /** Batches that became ready in this turn, and batches held for the queries on the wire. */
  let ready: (() => void)[] = [];
  let held: (() => void)[] = [];
  let deciding = false;
  let flushing = false;
  const sendAll = () => {
    const batches = [...held, ...ready];
    held = [];
    ready = [];
    for (const dispatch of batches) dispatch();
  };
  const decide = () => {
    deciding = false;
    if (onWire > 0) {
      held.push(...ready);
      ready = [];
    } else sendAll();
  };
  const flush = () => {
    flushing = false;
    if (onWire === 0) sendAll();
  };
  return {
    schedule(dispatch: () => void) {
      ready.push(dispatch);
      if (deciding) return;
      deciding = true;
      // DataLoader's own default timing, once for every batch that becomes ready in this turn:
      // after the promise jobs running now, so they all go out (or are held) together.
      Promise.resolve().then(() => process.nextTick(decide));
    },
    onTheWire<T>(query: Promise<T>): Promise<T> {
      onWire++;
      return query.finally(() => {
        onWire--;
        // After the answers' resolvers have run (promise jobs) and asked for what they need.
        if (onWire === 0 && held.length && !flushing) {
          flushing = true;
          setImmediate(flush);
        }
      });
    },
  };
}

/**
 * All DataLoaders for one request. Built per request so nothing is cached across users. `signal`
 * gives the request's execution signal: once it has aborted (client gone, deadline passed) no
 * batch starts its database query.
 */
export function createLoaders(
  c: Collections,
  { batching = true, maxBatchSize = DEFAULT_QUERY_LIMITS.loaderMaxBatchSize, prefetchNodes = true }: LoaderOptions = {},
  signal: () => AbortSignal | undefined = () => undefined,
) {
  const scheduler = createBatchScheduler();
  // The naive loaders (no batching) send each load as it comes, as before.
  const batchScheduleFn = batching ? scheduler.schedule : undefined;
  const byId = <V>(
    fn: (c: Collections, ids: readonly ObjectId[]) => Promise<V[]>,
    cacheMap?: Map<string, Promise<V>>,
    { query = true }: { query?: boolean } = {},
  ) =>
    new DataLoader<ObjectId, V, string>(
      async (ids) => {
        signal()?.throwIfAborted();
        // A batch that queries (rather than waiting on other loaders) counts as on the wire.
        return query ? scheduler.onTheWire(fn(c, ids)) : fn(c, ids);
      },
      {
        cacheKeyFn: hex,
        batch: batching,
        cache: batching,
        maxBatchSize,
        ...(batchScheduleFn ? { batchScheduleFn } : {}),
        ...(cacheMap && batching ? { cacheMap } : {}),
      },
    );
  /**
   * A by-id loader with a projection over a whole-document loader: ids the whole loader already
   * holds (loaded, primed by a slug lookup, or on their way) are taken from it, so mixing the two
   * in one request costs no extra query; only the others are fetched with the projection.
   */
  const byIdProjected = <V>(
    fn: (c: Collections, ids: readonly ObjectId[]) => Promise<V[]>,
    whole: Map<string, Promise<V>>,
  ) =>
    byId<V>(
      async (_c, ids) => {
        const held = ids.map((id) => whole.get(hex(id)));
        const missing = ids.filter((_, i) => held[i] === undefined);
        const fetched = missing.length ? await scheduler.onTheWire(fn(c, missing)) : [];
        let next = 0;
        return Promise.all(ids.map((_, i) => held[i] ?? fetched[next++]!));
      },
      undefined,
      // Only its own query is on the wire: the documents it takes from the whole loader may sit
      // in a batch the scheduler holds, which must not wait for this one.
      { query: false },
    );
  /** A slug lookup also fills the by-id cache (a quote's `paragraph` then needs no query for its article). */
  const bySlug = <V extends { _id: ObjectId } | null>(
    fn: (c: Collections, slugs: readonly string[]) => Promise<V[]>,
    prime: () => DataLoader<ObjectId, V, string>,
  ) =>
    new DataLoader<string, V>(
      async (slugs) => {
        signal()?.throwIfAborted();
        const docs = await scheduler.onTheWire(fn(c, slugs));
        for (const doc of docs) if (doc) prime().prime(doc._id, doc);
        return docs;
      },
      { batch: batching, cache: batching, maxBatchSize, ...(batchScheduleFn ? { batchScheduleFn } : {}) },
    );
  /** One-to-many: whole documents in one query, the by-id loader primed, sort keys returned. */
  const keysWithDocs = <T extends { _id: ObjectId }>(
    fn: (c: Collections, ids: readonly ObjectId[]) => Promise<batch.KeyedDoc<T>[][]>,
    keysOnly: (c: Collections, ids: readonly ObjectId[]) => Promise<SortKey[][]>,
    prime: () => DataLoader<ObjectId, T | null, string>,
  ) =>
    batching && prefetchNodes
      ? byId(async (_c, ids) => {
          const groups = await fn(c, ids);
          const loader = prime();
          return groups.map((group) =>
            group.map(({ key, doc }) => {
              loader.prime(doc._id, doc);
              // The key carries its document, so the connection needs no by-id load (nor a promise) for it.
              (key as PrefetchedKey<T>).doc = doc;
              return key;
            }),
          );
        })
      : byId(keysOnly);

  /**
   * A loader per projection (src/schema/projection.ts: one per type and document, so its identity
   * is the key), built on first use; `null` is the whole-document loader. Documents loaded with a
   * projection stay in their own loader: a whole-document load never gets a partial one.
   */
  const withProjection = <L>(whole: L, make: (projection: Projection) => L) => {
    const loaders = new Map<Projection, L>();
    return (projection: Projection | null): L => {
      if (!projection) return whole;
      let loader = loaders.get(projection);
      if (!loader) {
        loader = make(projection);
        loaders.set(projection, loader);
      }
      return loader;
    };
  };

  const whole = {
    articles: new Map<string, Promise<ArticleDoc | null>>(),
    persons: new Map<string, Promise<PersonDoc | null>>(),
    quotes: new Map<string, Promise<QuoteDoc | null>>(),
    meetings: new Map<string, Promise<MeetingDoc | null>>(),
  };
  const articleById = byId(batch.findArticlesByIds, whole.articles);
  const personById = byId(batch.findPersonsByIds, whole.persons);
  const organizationById = byId(batch.findOrganizationsByIds);
  const quoteById = byId(batch.findQuotesByIds, whole.quotes);
  const meetingById = byId(batch.findMeetingsByIds, whole.meetings);
  const articleByIdWith = withProjection(articleById, (p) =>
    byIdProjected((c, ids) => batch.findArticlesByIds(c, ids, p), whole.articles),
  );
  const personByIdWith = withProjection(personById, (p) =>
    byIdProjected((c, ids) => batch.findPersonsByIds(c, ids, p), whole.persons),
  );
  const quoteByIdWith = withProjection(quoteById, (p) =>
    byIdProjected((c, ids) => batch.findQuotesByIds(c, ids, p), whole.quotes),
  );
  const meetingByIdWith = withProjection(meetingById, (p) =>
    byIdProjected((c, ids) => batch.findMeetingsByIds(c, ids, p), whole.meetings),
  );
  /** A one-to-many loader of sort keys, whole documents, and the same per projection. */
  const oneToMany = <T extends { _id: ObjectId }>(
    docs: (c: Collections, ids: readonly ObjectId[], projection?: Projection) => Promise<batch.KeyedDoc<T>[][]>,
    keysOnly: (c: Collections, ids: readonly ObjectId[]) => Promise<SortKey[][]>,
    byIdWith: (projection: Projection | null) => DataLoader<ObjectId, T | null, string>,
  ) => {
    const wholeLoader = keysWithDocs(
      (c, ids) => docs(c, ids),
      keysOnly,
      () => byIdWith(null),
    );
    const projected = withProjection(wholeLoader, (p) =>
      keysWithDocs(
        (c, ids) => docs(c, ids, p),
        keysOnly,
        () => byIdWith(p),
      ),
    );
    return [wholeLoader, projected] as const;
  };
  const [quoteKeysBySpeakerId, quoteKeysBySpeakerIdWith] = oneToMany(
    batch.findQuoteDocsBySpeakerIds,
    batch.findQuoteKeysBySpeakerIds,
    quoteByIdWith,
  );
  const [quoteKeysByArticleId, quoteKeysByArticleIdWith] = oneToMany(
    batch.findQuoteDocsByArticleIds,
    batch.findQuoteKeysByArticleIds,
    quoteByIdWith,
  );
  const [meetingKeysByParticipantId, meetingKeysByParticipantIdWith] = oneToMany(
    batch.findMeetingDocsByParticipantIds,
    batch.findMeetingKeysByParticipantIds,
    meetingByIdWith,
  );
  const [meetingKeysByArticleId, meetingKeysByArticleIdWith] = oneToMany(
    batch.findMeetingDocsByArticleIds,
    batch.findMeetingKeysByArticleIds,
    meetingByIdWith,
  );
  return {
    articleById,
    personById,
    organizationById,
    quoteById,
    meetingById,
    articleBySlug: bySlug(batch.findArticlesBySlugs, () => articleById),
    personBySlug: bySlug(batch.findPersonsBySlugs, () => personById),
    organizationBySlug: bySlug(batch.findOrganizationsBySlugs, () => organizationById),
    quoteKeysBySpeakerId,
    quoteKeysByArticleId,
    meetingKeysByParticipantId,
    meetingKeysByArticleId,
    /** The same loaders with a projection (the one-to-many ones prime the projected by-id loader). */
    articleByIdWith,
    personByIdWith,
    quoteByIdWith,
    meetingByIdWith,
    quoteKeysBySpeakerIdWith,
    quoteKeysByArticleIdWith,
    meetingKeysByParticipantIdWith,
    meetingKeysByArticleIdWith,
    articleKeysByPersonId: byId(batch.findArticleKeysByPersonIds),
    personKeysByOrganizationId: byId(batch.findPersonKeysByOrganizationIds),
    meetingPartnersByPersonId: byId(batch.findMeetingPartnersByPersonIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
