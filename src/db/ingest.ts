import type { Collection, Filter, ObjectId, WithId } from 'mongodb';
import type { ArticleGraph } from '../model/articleGraph.js';
import type { Collections } from './collections.js';
import { articleKey } from './coordinator.js';
import { mergeId, mergesCollection, withPersons } from './curation.js';
import { articleId, organizationId, personId } from './ids.js';
import { storeArticleGraph, type StoreResult } from './store.js';

/** Stored documents (persons, organizations) whose name or alias is one of `names` (lowercased), in one batched query. */
export async function findBySearchNames<T extends { searchNames: string[] }>(
  collection: Collection<T>,
  names: string[],
): Promise<WithId<T>[]> {
  const keys = [...new Set(names.map((n) => n.toLowerCase()))];
  if (keys.length === 0) return [];
  return collection.find({ searchNames: { $in: keys } } as Filter<T>).toArray();
}

/**
 * The survivors of curation merges that removed any of these persons (following chains A → B → C):
 * storeArticleGraph writes to them instead, so they belong in the undo snapshot too.
 */
async function mergeSurvivorIds(c: Collections, ids: ObjectId[]): Promise<ObjectId[]> {
  const visited = new Set(ids.map((id) => id.toHexString()));
  const survivors: ObjectId[] = [];
  let pending = ids;
  while (pending.length) {
    const records = await mergesCollection(c)
      .find({ _id: { $in: pending.map(mergeId) } }, { projection: { survivorId: 1 } })
      .toArray();
    pending = [];
    for (const { survivorId } of records) {
      if (visited.has(survivorId.toHexString())) continue;
      visited.add(survivorId.toHexString());
      survivors.push(survivorId);
      pending.push(survivorId);
    }
  }
  return survivors;
}

/** True when a curator's version of this article is stored: ingestion must not replace its facts. */
export async function hasCuratedFacts(c: Collections, articleSlug: string): Promise<boolean> {
  const id = articleId(articleSlug);
  const [quote, meeting] = await Promise.all([
    c.quotes.findOne({ articleId: id, origin: 'CURATED' }, { projection: { _id: 1 } }),
    c.meetings.findOne({ articleId: id, origin: 'CURATED' }, { projection: { _id: 1 } }),
  ]);
  return Boolean(quote || meeting);
}

export class RollbackError extends Error {
  override name = 'RollbackError';
  constructor(
    readonly writeFailure: unknown,
    readonly rollbackFailure: unknown,
  ) {
    super(
      `write failed (${(writeFailure as Error)?.message ?? writeFailure}) and undoing it failed too (${(rollbackFailure as Error)?.message ?? rollbackFailure})`,
    );
  }
}

/**
 * Stores an article graph and, if any write fails, puts back exactly what was there before:
 * documents this call created are removed, documents it changed are restored from a snapshot.
 * FerretDB has no multi-document transactions, so this compensation is what keeps a failed
 * article from being left half-written. (A concurrent writer touching the same documents during
 * the failed write could be overwritten by the restore, which is why it runs holding the locks of
 * the article and of every person it touches: no curation write on them runs meanwhile, and no merge
 * removes a person between the redirect lookup and the write.)
 */
export async function storeArticleGraphOrUndo(c: Collections, graph: ArticleGraph): Promise<StoreResult> {
  const aId = articleId(graph.article.slug);
  const graphPersonIds = graph.persons.map((p) => personId(p.slug));
  return withPersons(c, graphPersonIds, [articleKey(aId)], () => storeOrUndo(c, graph, aId, graphPersonIds));
}

async function storeOrUndo(
  c: Collections,
  graph: ArticleGraph,
  aId: ObjectId,
  graphPersonIds: ObjectId[],
): Promise<StoreResult> {
  // A merged person's facts and aliases go to its survivor, which must be restored as well.
  const personIds = [...graphPersonIds, ...(await mergeSurvivorIds(c, graphPersonIds))];
  const organizationIds = graph.organizations.map((o) => organizationId(o.slug));
  const [persons, organizations, article, quotes, meetings] = await Promise.all([
    c.persons.find({ _id: { $in: personIds } }).toArray(),
    c.organizations.find({ _id: { $in: organizationIds } }).toArray(),
    c.articles.findOne({ _id: aId }),
    c.quotes.find({ articleId: aId }).toArray(),
    c.meetings.find({ articleId: aId }).toArray(),
  ]);
  try {
    return await storeArticleGraph(c, graph, 'INGESTED');
  } catch (error) {
    try {
      const hadPerson = new Set(persons.map((p) => p._id.toHexString()));
      const hadOrganization = new Set(organizations.map((o) => o._id.toHexString()));
      await c.persons.deleteMany({ _id: { $in: personIds.filter((id) => !hadPerson.has(id.toHexString())) } });
      for (const p of persons) await c.persons.replaceOne({ _id: p._id }, p);
      await c.organizations.deleteMany({
        _id: { $in: organizationIds.filter((id) => !hadOrganization.has(id.toHexString())) },
      });
      for (const o of organizations) await c.organizations.replaceOne({ _id: o._id }, o);
      if (article) await c.articles.replaceOne({ _id: aId }, article);
      else await c.articles.deleteOne({ _id: aId });
      await c.quotes.deleteMany({ articleId: aId });
      if (quotes.length) await c.quotes.insertMany(quotes);
      await c.meetings.deleteMany({ articleId: aId });
      if (meetings.length) await c.meetings.insertMany(meetings);
    } catch (rollbackFailure) {
      throw new RollbackError(error, rollbackFailure);
    }
    throw error;
  }
}
