import DataLoader from 'dataloader';
import type { ObjectId } from 'mongodb';
import * as batch from './db/batch.js';
import type { Collections } from './db/collections.js';
import { DEFAULT_QUERY_LIMITS } from './limits.js';
import type { SortKey } from './db/sortKeys.js';

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
  const byId = <V>(fn: (c: Collections, ids: readonly ObjectId[]) => Promise<V[]>) =>
    new DataLoader<ObjectId, V, string>(
      async (ids) => {
        signal()?.throwIfAborted();
        return fn(c, ids);
      },
      {
        cacheKeyFn: hex,
        batch: batching,
        cache: batching,
        maxBatchSize,
      },
    );
  /** A slug lookup also fills the by-id cache (a quote's `paragraph` then needs no query for its article). */
  const bySlug = <V extends { _id: ObjectId } | null>(
    fn: (c: Collections, slugs: readonly string[]) => Promise<V[]>,
    prime: () => DataLoader<ObjectId, V, string>,
  ) =>
    new DataLoader<string, V>(
      async (slugs) => {
        signal()?.throwIfAborted();
        const docs = await fn(c, slugs);
        for (const doc of docs) if (doc) prime().prime(doc._id, doc);
        return docs;
      },
      { batch: batching, cache: batching, maxBatchSize },
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
              return key;
            }),
          );
        })
      : byId(keysOnly);

  const articleById = byId(batch.findArticlesByIds);
  const personById = byId(batch.findPersonsByIds);
  const organizationById = byId(batch.findOrganizationsByIds);
  const quoteById = byId(batch.findQuotesByIds);
  const meetingById = byId(batch.findMeetingsByIds);
  return {
    articleById,
    personById,
    organizationById,
    quoteById,
    meetingById,
    articleBySlug: bySlug(batch.findArticlesBySlugs, () => articleById),
    personBySlug: bySlug(batch.findPersonsBySlugs, () => personById),
    organizationBySlug: bySlug(batch.findOrganizationsBySlugs, () => organizationById),
    quoteKeysBySpeakerId: keysWithDocs(
      batch.findQuoteDocsBySpeakerIds,
      batch.findQuoteKeysBySpeakerIds,
      () => quoteById,
    ),
    quoteKeysByArticleId: keysWithDocs(
      batch.findQuoteDocsByArticleIds,
      batch.findQuoteKeysByArticleIds,
      () => quoteById,
    ),
    meetingKeysByParticipantId: keysWithDocs(
      batch.findMeetingDocsByParticipantIds,
      batch.findMeetingKeysByParticipantIds,
      () => meetingById,
    ),
    meetingKeysByArticleId: keysWithDocs(
      batch.findMeetingDocsByArticleIds,
      batch.findMeetingKeysByArticleIds,
      () => meetingById,
    ),
    articleKeysByPersonId: byId(batch.findArticleKeysByPersonIds),
    personKeysByOrganizationId: byId(batch.findPersonKeysByOrganizationIds),
    meetingPartnersByPersonId: byId(batch.findMeetingPartnersByPersonIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
