import {
  MongoServerError,
  type Collection,
  type Db,
  type Document,
  type IndexDescription,
  type ObjectId,
} from 'mongodb';
import { serializedCollection } from './atomicity.js';
import { ensureChangeIndexes } from './changes.js';
import type { LeaseDoc } from './coordinator.js';

/** Where in an article a fact was read: the article and the 1-based body paragraph. */
export interface Provenance {
  articleId: ObjectId;
  paragraph: number;
}

export interface CaptionDoc {
  text: string;
  credit: string | null;
}

export interface ArticleDoc {
  _id: ObjectId;
  slug: string;
  title: string;
  subtitle: string | null;
  byline: string | null;
  source: string | null;
  publishedAt: Date;
  paragraphs: string[];
  captions: CaptionDoc[];
  /** Every person the article names (quoted, meeting or mentioned). */
  personIds: ObjectId[];
  organizationIds: ObjectId[];
  rawFile: string | null;
  /** Hash of the cleaned content, so re-ingesting the same article is a no-op. */
  contentHash: string;
}

export interface PersonDoc {
  _id: ObjectId;
  slug: string;
  name: string;
  /** Lowercased name: the sort key for "persons by name". */
  sortName: string;
  role: string | null;
  aliases: string[];
  /** Lowercased name and aliases: what `persons(search:)` matches. */
  searchNames: string[];
  organizationIds: ObjectId[];
}

export type OrganizationKind = 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER';

export interface OrganizationDoc {
  _id: ObjectId;
  slug: string;
  name: string;
  sortName: string;
  kind: OrganizationKind;
  aliases: string[];
  searchNames: string[];
  parentId: ObjectId | null;
}

export type QuoteKind = 'FULL' | 'PARTIAL' | 'CONTINUATION';

export interface QuoteDoc extends Provenance {
  _id: ObjectId;
  text: string;
  /** Character span of `text` in the paragraph: [start, end). */
  start: number;
  end: number;
  speakerId: ObjectId;
  reportedByPersonId: ObjectId | null;
  reportedByOrganizationId: ObjectId | null;
  addresseeId: ObjectId | null;
  kind: QuoteKind;
  cue: string | null;
  /** 1 for curated quotes; the extractor's attribution confidence otherwise. */
  confidence: number;
  /** The extractor's attribution sieve (see src/ingest/quotes.ts); null for curated quotes. */
  sieve?: string | null;
  /** When it was said: the stated day, else the article's publication day. */
  date: Date;
  origin: 'CURATED' | 'INGESTED';
}

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
/** CALL: a phone or video call, kept apart from meetings in person. */
export type MeetingKind = 'MEETING' | 'TALKS' | 'SUMMIT' | 'CALL';
/** PLANNED: proposed, scheduled or cancelled; not a meeting that took place. */
export type MeetingStatus = 'HAPPENED' | 'PLANNED';
export type ClaimSource = 'BODY' | 'CAPTION';
export type ClaimRelation = 'BEFORE' | 'AFTER';

/** One statement in the article about a meeting; statements may disagree and are all kept. */
export interface MeetingClaim {
  source: ClaimSource;
  /** 1-based paragraph (BODY) or caption (CAPTION) index. */
  index: number;
  statement: string;
  relation: ClaimRelation | null;
  relativeToKey: string | null;
}

export interface MeetingDoc extends Provenance {
  _id: ObjectId;
  /** Natural key, unique within its article. */
  key: string;
  participantIds: ObjectId[];
  /** Start of the period the date names; `datePrecision` says how much of it is known. */
  date: Date;
  datePrecision: DatePrecision;
  location: string | null;
  kind: MeetingKind;
  /** Missing on documents stored before statuses existed: those read as HAPPENED. */
  status?: MeetingStatus;
  /** The meeting sieve that produced an ingested meeting; null for curated ones. */
  sieve?: string | null;
  /** 0–1: how sure the producing sieve is (1 for curated meetings). */
  confidence?: number;
  claims: MeetingClaim[];
  conflict: string | null;
  origin: 'CURATED' | 'INGESTED';
}

/**
 * Meetings that took place in person: not a call, not planned. Documents stored before kinds and
 * statuses were recorded lack `status` and match ($ne matches a missing field).
 */
export const HAPPENED_MEETINGS = { kind: { $ne: 'CALL' }, status: { $ne: 'PLANNED' } } as const;

export type MergeState = 'PENDING' | 'DONE';

/**
 * The record of one curation merge (src/db/curation.ts), written before any other step. Its id is
 * derived from the merged (removed) person, because a person can be merged away only once. Records
 * are never deleted and their survivor never changes: they are the redirects that writes naming a
 * merged person follow.
 */
export interface MergeDoc {
  _id: ObjectId;
  survivorId: ObjectId;
  mergedId: ObjectId;
  /** The merged person as it was, so a resumed merge can still add its names after it is removed. */
  merged: Pick<PersonDoc, 'slug' | 'name' | 'aliases' | 'role' | 'organizationIds'>;
  /** What moved, counted when the merge was recorded. */
  moved: { quotes: number; meetings: number; articles: number };
  state: MergeState;
  createdAt: Date;
  completedAt: Date | null;
}

export interface Collections {
  db: Db;
  articles: Collection<ArticleDoc>;
  persons: Collection<PersonDoc>;
  organizations: Collection<OrganizationDoc>;
  quotes: Collection<QuoteDoc>;
  meetings: Collection<MeetingDoc>;
  merges: Collection<MergeDoc>;
  /** Write locks (src/db/coordinator.ts). */
  leases: Collection<LeaseDoc>;
}

/**
 * The collections, each wrapped so that its writes are serialized in-process on a server without
 * atomic document updates (FerretDB; see atomicity.ts). Everything that writes gets them here.
 */
export function getCollections(db: Db): Collections {
  const collection = <T extends Document>(name: string) => serializedCollection(db, db.collection<T>(name));
  return {
    db,
    articles: collection<ArticleDoc>('articles'),
    persons: collection<PersonDoc>('persons'),
    organizations: collection<OrganizationDoc>('organizations'),
    quotes: collection<QuoteDoc>('quotes'),
    meetings: collection<MeetingDoc>('meetings'),
    merges: collection<MergeDoc>('merges'),
    leases: collection<LeaseDoc>('write_leases'),
  };
}

/**
 * Every field a loader, filter or sort reads has an index. Compound indexes end in `_id` where
 * the query sorts on (field, _id) for keyset pagination; ties on the field are broken by `_id`
 * ascending, so every ordering is total and cursors never skip or repeat.
 */
export const INDEXES: Record<Exclude<keyof Collections, 'db'>, IndexDescription[]> = {
  articles: [
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    { key: { publishedAt: -1, _id: 1 }, name: 'publishedAt_id' },
    { key: { personIds: 1 }, name: 'personIds' },
    { key: { contentHash: 1 }, name: 'contentHash' },
  ],
  persons: [
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    { key: { sortName: 1, _id: 1 }, name: 'sortName_id' },
    { key: { searchNames: 1 }, name: 'searchNames' },
    { key: { organizationIds: 1 }, name: 'organizationIds' },
  ],
  organizations: [
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    { key: { sortName: 1, _id: 1 }, name: 'sortName_id' },
    { key: { searchNames: 1 }, name: 'searchNames' },
  ],
  quotes: [
    { key: { articleId: 1, paragraph: 1, start: 1 }, name: 'article_paragraph_start_unique', unique: true },
    { key: { speakerId: 1, date: -1, _id: 1 }, name: 'speakerId_date_id' },
    { key: { articleId: 1, date: -1, _id: 1 }, name: 'articleId_date_id' },
    { key: { date: -1, _id: 1 }, name: 'date_id' },
    { key: { reportedByPersonId: 1 }, name: 'reportedByPersonId' },
  ],
  meetings: [
    { key: { articleId: 1, key: 1 }, name: 'article_key_unique', unique: true },
    { key: { participantIds: 1, date: -1, _id: 1 }, name: 'participantIds_date_id' },
    { key: { articleId: 1, date: -1, _id: 1 }, name: 'articleId_date_id' },
    { key: { date: -1, _id: 1 }, name: 'date_id' },
  ],
  // "Pending merges into this person" (a person receiving one cannot be merged away meanwhile).
  merges: [{ key: { survivorId: 1, state: 1 }, name: 'survivorId_state' }],
  // Created up front, so the collection exists before the first write takes a lock.
  leases: [{ key: { expiresAt: 1 }, name: 'expiresAt' }],
};

/** Index names of a collection; none when the collection does not exist yet (NamespaceNotFound). */
async function listIndexNames(collection: Pick<Collection, 'listIndexes'>): Promise<string[]> {
  try {
    return (await collection.listIndexes().toArray()).map((i) => String(i.name));
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 26) return [];
    throw error;
  }
}

/**
 * Creates the indexes that do not exist yet. Existing ones are listed first rather than relying on
 * createIndexes being a no-op: FerretDB v1.24 drops the connection when one createIndexes call
 * names several indexes of which some already exist.
 */
export async function ensureIndexes(c: Collections): Promise<void> {
  for (const [name, indexes] of Object.entries(INDEXES) as [keyof typeof INDEXES, IndexDescription[]][]) {
    const existing = new Set(await listIndexNames(c[name]));
    const missing = indexes.filter((i) => !existing.has(i.name!));
    if (missing.length) await c[name].createIndexes(missing);
  }
  await ensureChangeIndexes(c);
}
