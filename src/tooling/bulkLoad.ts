/**
 * Batched variant of `storeArticleGraph` for loading many articles at once (the benchmark's
 * synthetic graphs). It builds exactly the documents `storeArticleGraph` builds (same ids, same
 * fields, same merge rules for persons and organizations named by several articles), but writes
 * them in a few large bulk writes instead of seven round trips per article, and skips the
 * per-article "remove stale facts" deletes when the target is known to be fresh. Those deletes
 * filter on `articleId`, which FerretDB v1 cannot push down: one collection scan per article made
 * seeding quadratic in the number of articles.
 *
 * test/scripts/bench/equivalence.test.ts checks that both paths leave identical collections.
 */
import type { AnyBulkWriteOperation, Collection, Document, ObjectId } from 'mongodb';
import type { ArticleGraph } from '../model/articleGraph.js';
import type { ArticleDoc, Collections, MeetingDoc, OrganizationDoc, PersonDoc, QuoteDoc } from '../db/collections.js';
import { organizationId, personId } from '../db/ids.js';
import { buildArticleDocs } from '../db/store.js';

type Origin = 'CURATED' | 'INGESTED';

const lower = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))];

/** Union in first-seen order, like successive `$addToSet: { $each }` updates. */
function addAll(target: string[], values: string[]) {
  for (const v of values) if (!target.includes(v)) target.push(v);
}

/**
 * Person and organization upserts for many graphs, merged by slug with the rules successive
 * `storeArticleGraph` calls apply: `$set` fields from the last graph naming the record (a person's
 * role only when given), aliases, search names and organizations accumulated.
 */
export function mergedEntityOps(graphs: ArticleGraph[]) {
  const orgs = new Map<
    string,
    { set: Omit<OrganizationDoc, '_id' | 'aliases' | 'searchNames'>; aliases: string[]; searchNames: string[] }
  >();
  const persons = new Map<
    string,
    {
      set: { slug: string; name: string; sortName: string };
      role: string | null;
      aliases: string[];
      searchNames: string[];
      orgIds: string[];
    }
  >();
  for (const g of graphs) {
    for (const o of g.organizations) {
      const entry = orgs.get(o.slug) ?? { set: null as never, aliases: [], searchNames: [] };
      entry.set = {
        slug: o.slug,
        name: o.name,
        sortName: o.name.toLowerCase(),
        kind: o.kind,
        parentId: o.parent ? organizationId(o.parent) : null,
      };
      addAll(entry.aliases, o.aliases);
      addAll(entry.searchNames, lower([o.name, ...o.aliases]));
      orgs.set(o.slug, entry);
    }
    for (const p of g.persons) {
      const entry = persons.get(p.slug) ?? { set: null as never, role: null, aliases: [], searchNames: [], orgIds: [] };
      entry.set = { slug: p.slug, name: p.name, sortName: p.name.toLowerCase() };
      if (p.role) entry.role = p.role;
      addAll(entry.aliases, p.aliases);
      addAll(entry.searchNames, lower([p.name, ...p.aliases]));
      addAll(entry.orgIds, p.organizations);
      persons.set(p.slug, entry);
    }
  }
  const orgOps: AnyBulkWriteOperation<OrganizationDoc>[] = [...orgs.values()].map((o) => ({
    updateOne: {
      filter: { _id: organizationId(o.set.slug) },
      update: { $set: o.set, $addToSet: { aliases: { $each: o.aliases }, searchNames: { $each: o.searchNames } } },
      upsert: true,
    },
  }));
  const personOps: AnyBulkWriteOperation<PersonDoc>[] = [...persons.values()].map((p) => ({
    updateOne: {
      filter: { _id: personId(p.set.slug) },
      update: {
        $set: { ...p.set, ...(p.role ? { role: p.role } : {}) },
        $setOnInsert: p.role ? {} : { role: null },
        $addToSet: {
          aliases: { $each: p.aliases },
          searchNames: { $each: p.searchNames },
          organizationIds: { $each: p.orgIds.map(organizationId) },
        },
      },
      upsert: true,
    },
  }));
  return { orgOps, personOps };
}

/**
 * The document an upsert of `mergedEntityOps` creates when nothing matches: the filter's `_id`,
 * then `$set`, `$setOnInsert` and the `$addToSet` lists.
 */
function upsertAsInsert<T extends Document>(op: AnyBulkWriteOperation<T>): AnyBulkWriteOperation<T> {
  if (!('updateOne' in op)) throw new Error('expected an updateOne upsert');
  const { filter, update } = op.updateOne as unknown as {
    filter: { _id: ObjectId };
    update: { $set: Document; $setOnInsert?: Document; $addToSet: Record<string, { $each: unknown[] }> };
  };
  const lists = Object.fromEntries(Object.entries(update.$addToSet).map(([k, v]) => [k, [...v.$each]]));
  return {
    insertOne: { document: { _id: filter._id, ...update.$set, ...(update.$setOnInsert ?? {}), ...lists } },
  } as AnyBulkWriteOperation<T>;
}

export interface BulkLoadOptions {
  origin?: Origin;
  /** Operations per bulk write. */
  chunkSize?: number;
  /**
   * The collections hold none of these articles yet (a freshly dropped database): articles,
   * quotes and meetings are inserted, and no stale facts are looked for.
   */
  fresh?: boolean;
  /** Called after each chunk, for progress reports. */
  onProgress?: (collection: string, written: number, total: number) => void;
}

export interface BulkLoadResult {
  organizations: number;
  persons: number;
  articles: number;
  quotes: number;
  meetings: number;
}

async function writeChunks<T extends Document>(
  collection: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
  chunkSize: number,
  onProgress?: BulkLoadOptions['onProgress'],
) {
  for (let i = 0; i < ops.length; i += chunkSize) {
    await collection.bulkWrite(ops.slice(i, i + chunkSize), { ordered: false });
    onProgress?.(collection.collectionName, Math.min(i + chunkSize, ops.length), ops.length);
  }
}

/**
 * Stores many article graphs with the documents and merge rules of `storeArticleGraph`.
 * Referenced records (organizations, persons) are written before anything that points at them.
 */
export async function bulkStoreArticleGraphs(
  c: Collections,
  graphs: ArticleGraph[],
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> {
  const { origin = 'CURATED', chunkSize = 1_000, fresh = false, onProgress } = options;
  const { orgOps, personOps } = mergedEntityOps(graphs);
  // On a fresh database the upserts would insert: insert the documents they would create instead
  // (FerretDB v1 makes every upsert cost a scan of the collection, so 5,000 person upserts took 100 s).
  await writeChunks(c.organizations, fresh ? orgOps.map(upsertAsInsert) : orgOps, chunkSize, onProgress);
  await writeChunks(c.persons, fresh ? personOps.map(upsertAsInsert) : personOps, chunkSize, onProgress);

  const articles: ArticleDoc[] = [];
  const quotes: QuoteDoc[] = [];
  const meetings: MeetingDoc[] = [];
  for (const g of graphs) {
    const docs = buildArticleDocs(g, origin);
    articles.push(docs.article);
    quotes.push(...docs.quotes);
    meetings.push(...docs.meetings);
  }
  const write = <T extends { _id: ObjectId }>(docs: T[]): AnyBulkWriteOperation<T>[] =>
    fresh
      ? docs.map((d) => ({ insertOne: { document: d } }) as AnyBulkWriteOperation<T>)
      : docs.map(
          ({ _id, ...rest }) =>
            ({
              updateOne: { filter: { _id }, update: { $set: rest }, upsert: true },
            }) as unknown as AnyBulkWriteOperation<T>,
        );
  await writeChunks(c.articles, write(articles), chunkSize, onProgress);
  await writeChunks(c.quotes, write(quotes), chunkSize, onProgress);
  await writeChunks(c.meetings, write(meetings), chunkSize, onProgress);
  if (!fresh) {
    // Facts the graphs no longer state, as storeArticleGraph removes them (one query per collection).
    const ids = articles.map((a) => a._id);
    await c.quotes.deleteMany({ articleId: { $in: ids }, _id: { $nin: quotes.map((q) => q._id) } });
    await c.meetings.deleteMany({ articleId: { $in: ids }, _id: { $nin: meetings.map((m) => m._id) } });
  }
  return {
    organizations: orgOps.length,
    persons: personOps.length,
    articles: articles.length,
    quotes: quotes.length,
    meetings: meetings.length,
  };
}
