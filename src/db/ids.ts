import { createHash } from 'node:crypto';
import { ObjectId } from 'mongodb';

/**
 * A stable ObjectId derived from a record's natural key (a person's slug, a quote's article,
 * paragraph and offset). Storing the same fact twice therefore addresses the same document, which
 * makes seeding and ingestion idempotent without a read before each write.
 */
export function naturalId(kind: string, key: string): ObjectId {
  return new ObjectId(createHash('sha256').update(`${kind}\u0000${key}`).digest().subarray(0, 12));
}

export const personId = (slug: string) => naturalId('person', slug);
export const organizationId = (slug: string) => naturalId('organization', slug);
export const articleId = (slug: string) => naturalId('article', slug);
export const quoteId = (articleSlug: string, paragraph: number, start: number) =>
  naturalId('quote', `${articleSlug}:${paragraph}:${start}`);
export const meetingId = (articleSlug: string, key: string) => naturalId('meeting', `${articleSlug}:${key}`);

/** Parses a 24-hex-digit id; anything else is null (callers decide whether that is an error). */
export function parseObjectId(value: string): ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(value) ? new ObjectId(value) : null;
}
