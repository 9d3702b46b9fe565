import { createHash } from 'node:crypto';
import type { AnyBulkWriteOperation, BulkWriteResult, Document, ObjectId } from 'mongodb';
import type { ArticleGraph } from '../model/articleGraph.js';
import type { ArticleDoc, Collections, MeetingDoc, OrganizationDoc, PersonDoc, QuoteDoc } from './collections.js';
import { mergeId, mergesCollection } from './curation.js';
import { articleId, meetingId, organizationId, personId, quoteId } from './ids.js';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export type StoreResult = Record<'articles' | 'persons' | 'organizations' | 'quotes' | 'meetings', WriteCounts>;

const lower = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))];

function counts(result: BulkWriteResult | null, total: number, deleted = 0): WriteCounts {
  const inserted = result?.upsertedCount ?? 0;
  const updated = result?.modifiedCount ?? 0;
  return { inserted, updated, unchanged: total - inserted - updated, deleted };
}

async function bulk<T extends Document>(collection: import('mongodb').Collection<T>, ops: AnyBulkWriteOperation<T>[]) {
  return ops.length ? collection.bulkWrite(ops, { ordered: true }) : null;
}

const unique = (ids: ObjectId[]) => [...new Map(ids.map((id) => [id.toHexString(), id])).values()];

/**
 * Where each of these persons went if a curation merge removed them (following chains A → B → C),
 * so storing an article again never brings a merged person back.
 */
async function survivorsOf(c: Collections, ids: ObjectId[]): Promise<Map<string, ObjectId>> {
  const survivors = new Map<string, ObjectId>();
  const seen = new Set(ids.map((id) => id.toHexString()));
  let pending = ids;
  // Merge records are keyed by the merged person (mergeId), so each hop is an _id lookup.
  for (let hop = 0; hop < 5 && pending.length; hop++) {
    const merges = await mergesCollection(c)
      .find({ _id: { $in: pending.map(mergeId) } }, { projection: { mergedId: 1, survivorId: 1 } })
      .toArray();
    if (!merges.length) break;
    const next = new Map(merges.map((m) => [m.mergedId.toHexString(), m.survivorId]));
    for (const [from, to] of survivors) survivors.set(from, next.get(to.toHexString()) ?? to);
    for (const [from, to] of next) if (!survivors.has(from)) survivors.set(from, to);
    // A visited set stops a cycle (A → B → A) from looping.
    pending = merges.map((m) => m.survivorId).filter((id) => !seen.has(id.toHexString()));
    for (const id of pending) seen.add(id.toHexString());
  }
  return survivors;
}

/** Hash of an article's cleaned content: the same article ingested twice has the same hash. */
export function contentHash(article: ArticleGraph['article']): string {
  return createHash('sha256')
    .update(JSON.stringify([article.title, article.subtitle, article.byline, article.paragraphs, article.captions]))
    .digest('hex');
}

/**
 * The article, quote and meeting documents stored for one graph. `pid` maps a person's slug to
 * the id stored (a merged person's survivor); the batched loader in src/tooling/bulkLoad.ts uses it too.
 */
export function buildArticleDocs(
  graph: ArticleGraph,
  origin: 'CURATED' | 'INGESTED' = 'CURATED',
  pid: (slug: string) => ObjectId = personId,
) {
  const slug = graph.article.slug;
  const aId = articleId(slug);
  const article: ArticleDoc = {
    _id: aId,
    ...graph.article,
    personIds: unique(graph.persons.map((p) => pid(p.slug))),
    organizationIds: graph.organizations.map((o) => organizationId(o.slug)),
    contentHash: contentHash(graph.article),
  };
  const quotes: QuoteDoc[] = graph.quotes.map((q) => ({
    _id: quoteId(slug, q.paragraph, q.start),
    articleId: aId,
    paragraph: q.paragraph,
    text: q.text,
    start: q.start,
    end: q.end,
    speakerId: pid(q.speaker),
    reportedByPersonId: q.reportedBy?.person ? pid(q.reportedBy.person) : null,
    reportedByOrganizationId: q.reportedBy?.organization ? organizationId(q.reportedBy.organization) : null,
    addresseeId: q.addressee ? pid(q.addressee) : null,
    kind: q.kind,
    cue: q.cue,
    confidence: q.confidence,
    sieve: q.sieve ?? null,
    date: q.date,
    origin,
  }));
  const meetings: MeetingDoc[] = graph.meetings.map((m) => ({
    _id: meetingId(slug, m.key),
    articleId: aId,
    paragraph: m.paragraph,
    key: m.key,
    participantIds: unique(m.participants.map(pid)),
    date: m.date,
    datePrecision: m.datePrecision,
    location: m.location,
    kind: m.kind,
    status: m.status,
    sieve: m.sieve,
    confidence: m.confidence,
    claims: m.claims,
    conflict: m.conflict,
    origin,
  }));
  return { article, quotes, meetings };
}

/**
 * Upserts one article and every fact read from it, by natural keys. Running it twice changes
 * nothing; a person or organization already known (same slug) is linked and gains any new aliases.
 * The article's own quotes and meetings are replaced by the graph's, so a corrected seed file
 * removes facts it no longer states. Validation happens before this is called.
 */
export async function storeArticleGraph(
  c: Collections,
  graph: ArticleGraph,
  origin: 'CURATED' | 'INGESTED' = 'CURATED',
): Promise<StoreResult> {
  const slug = graph.article.slug;
  const aId = articleId(slug);
  // A person merged away by curation stays merged: their facts go to the survivor.
  const survivors = await survivorsOf(
    c,
    graph.persons.map((p) => personId(p.slug)),
  );
  const pid = (personSlug: string) => {
    const id = personId(personSlug);
    return survivors.get(id.toHexString()) ?? id;
  };

  const orgOps: AnyBulkWriteOperation<OrganizationDoc>[] = graph.organizations.map((o) => ({
    updateOne: {
      filter: { _id: organizationId(o.slug) },
      update: {
        $set: {
          slug: o.slug,
          name: o.name,
          sortName: o.name.toLowerCase(),
          kind: o.kind,
          parentId: o.parent ? organizationId(o.parent) : null,
        },
        $addToSet: { aliases: { $each: o.aliases }, searchNames: { $each: lower([o.name, ...o.aliases]) } },
      },
      upsert: true,
    },
  }));
  const personOps: AnyBulkWriteOperation<PersonDoc>[] = graph.persons.map((p) => {
    const names = {
      aliases: { $each: p.aliases },
      searchNames: { $each: lower([p.name, ...p.aliases]) },
      organizationIds: { $each: p.organizations.map(organizationId) },
    };
    const survivor = survivors.get(personId(p.slug).toHexString());
    if (survivor)
      return {
        updateOne: {
          filter: { _id: survivor },
          update: { $addToSet: { ...names, aliases: { $each: [p.name, ...p.aliases] } } },
        },
      };
    return {
      updateOne: {
        filter: { _id: personId(p.slug) },
        update: {
          $set: { slug: p.slug, name: p.name, sortName: p.name.toLowerCase(), ...(p.role ? { role: p.role } : {}) },
          $setOnInsert: p.role ? {} : { role: null },
          $addToSet: names,
        },
        upsert: true,
      },
    };
  });
  const { article: articleDoc, quotes: quoteDocs, meetings: meetingDocs } = buildArticleDocs(graph, origin, pid);
  const { _id: _articleId, ...article } = articleDoc;

  // Referenced records first, so a reader never sees a quote whose speaker does not exist yet.
  const orgResult = await bulk(c.organizations, orgOps);
  const personResult = await bulk(c.persons, personOps);
  const articleResult = await c.articles.bulkWrite([
    { updateOne: { filter: { _id: aId }, update: { $set: article }, upsert: true } },
  ]);
  const quoteResult = await bulk(
    c.quotes,
    quoteDocs.map(({ _id, ...rest }) => ({ updateOne: { filter: { _id }, update: { $set: rest }, upsert: true } })),
  );
  const meetingResult = await bulk(
    c.meetings,
    meetingDocs.map(({ _id, ...rest }) => ({ updateOne: { filter: { _id }, update: { $set: rest }, upsert: true } })),
  );
  const staleQuotes = await c.quotes.deleteMany({ articleId: aId, _id: { $nin: quoteDocs.map((q) => q._id) } });
  const staleMeetings = await c.meetings.deleteMany({ articleId: aId, _id: { $nin: meetingDocs.map((m) => m._id) } });

  return {
    organizations: counts(orgResult, orgOps.length),
    persons: counts(personResult, personOps.length),
    articles: counts(articleResult, 1),
    quotes: counts(quoteResult, quoteDocs.length, staleQuotes.deletedCount),
    meetings: counts(meetingResult, meetingDocs.length, staleMeetings.deletedCount),
  };
}
