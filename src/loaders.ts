import DataLoader from 'dataloader';
import type { ObjectId } from 'mongodb';
import * as batch from './db/batch.js';
import type { Collections } from './db/collections.js';

export interface LoaderOptions {
  /**
   * false turns batching and caching off: every load becomes its own database call. This is the
   * "naive" resolver the benchmark compares against; the service always batches.
   */
  batching?: boolean;
  /** Upper bound on keys per `$in` query. */
  maxBatchSize?: number;
}

const hex = (id: ObjectId) => id.toHexString();

/** All DataLoaders for one request. Built per request so nothing is cached across users. */
export function createLoaders(c: Collections, { batching = true, maxBatchSize = 500 }: LoaderOptions = {}) {
  const byId = <V>(fn: (c: Collections, ids: readonly ObjectId[]) => Promise<V[]>) =>
    new DataLoader<ObjectId, V, string>((ids) => fn(c, ids), { cacheKeyFn: hex, batch: batching, cache: batching, maxBatchSize });
  const bySlug = <V>(fn: (c: Collections, slugs: readonly string[]) => Promise<V[]>) =>
    new DataLoader<string, V>((slugs) => fn(c, slugs), { batch: batching, cache: batching, maxBatchSize });

  return {
    articleById: byId(batch.findArticlesByIds),
    personById: byId(batch.findPersonsByIds),
    organizationById: byId(batch.findOrganizationsByIds),
    quoteById: byId(batch.findQuotesByIds),
    meetingById: byId(batch.findMeetingsByIds),
    articleBySlug: bySlug(batch.findArticlesBySlugs),
    personBySlug: bySlug(batch.findPersonsBySlugs),
    organizationBySlug: bySlug(batch.findOrganizationsBySlugs),
    quoteKeysBySpeakerId: byId(batch.findQuoteKeysBySpeakerIds),
    quoteKeysByArticleId: byId(batch.findQuoteKeysByArticleIds),
    meetingKeysByParticipantId: byId(batch.findMeetingKeysByParticipantIds),
    meetingKeysByArticleId: byId(batch.findMeetingKeysByArticleIds),
    articleKeysByPersonId: byId(batch.findArticleKeysByPersonIds),
    personKeysByOrganizationId: byId(batch.findPersonKeysByOrganizationIds),
    meetingPartnersByPersonId: byId(batch.findMeetingPartnersByPersonIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
