import type { ChangeDoc, ChangeEntity, ChangeKind } from '../db/changes.js';

/**
 * One change event as it travels (in process or as JSON through Redis): what changed, the ids it
 * touched (24-hex strings) and the change log's sequence number.
 */
export interface ChangeEvent {
  /** Monotonic sequence from the change log (0 if the log could not be written). */
  seq: number;
  at: string;
  /** The process that made the write (hostname:pid:random). */
  origin: string;
  entity: ChangeEntity;
  change: ChangeKind;
  articleId: string | null;
  personIds: string[];
  organizationIds: string[];
  quoteIds: string[];
  meetingIds: string[];
  addedQuoteIds: string[];
  addedMeetingIds: string[];
  removedPersonIds: string[];
  /** Quotes and meetings a re-ingest dropped from the article (absent from older publishers). */
  removedQuoteIds?: string[];
  removedMeetingIds?: string[];
}

const hexes = (ids: readonly { toHexString(): string }[]) => ids.map((id) => id.toHexString());

export function eventFromChange(doc: ChangeDoc, origin: string): ChangeEvent {
  return {
    seq: doc._id,
    at: doc.at.toISOString(),
    origin,
    entity: doc.entity,
    change: doc.change,
    articleId: doc.articleId?.toHexString() ?? null,
    personIds: hexes(doc.personIds),
    organizationIds: hexes(doc.organizationIds),
    quoteIds: hexes(doc.quoteIds),
    meetingIds: hexes(doc.meetingIds),
    addedQuoteIds: hexes(doc.addedQuoteIds),
    addedMeetingIds: hexes(doc.addedMeetingIds),
    removedPersonIds: hexes(doc.removedPersonIds),
    removedQuoteIds: hexes(doc.removedQuoteIds ?? []),
    removedMeetingIds: hexes(doc.removedMeetingIds ?? []),
  };
}

const isHexList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[0-9a-f]{24}$/.test(x));

/** Checks a message received from Redis (another process wrote it; trust nothing). */
export function isChangeEvent(v: unknown): v is ChangeEvent {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.seq === 'number' &&
    typeof e.at === 'string' &&
    typeof e.origin === 'string' &&
    (e.entity === 'ARTICLE' || e.entity === 'PERSON') &&
    typeof e.change === 'string' &&
    (e.articleId === null || (typeof e.articleId === 'string' && /^[0-9a-f]{24}$/.test(e.articleId))) &&
    [
      'personIds',
      'organizationIds',
      'quoteIds',
      'meetingIds',
      'addedQuoteIds',
      'addedMeetingIds',
      'removedPersonIds',
    ].every((k) => isHexList(e[k])) &&
    ['removedQuoteIds', 'removedMeetingIds'].every((k) => e[k] === undefined || isHexList(e[k]))
  );
}
