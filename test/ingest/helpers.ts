import type { Collections } from '../../src/db/collections.js';
import { articleId } from '../../src/db/ids.js';
import { ingestRawArticle, type IngestOutcome } from '../../src/ingest/pipeline.js';

/** A raw article in the scraped form: title line, timestamp line, then paragraphs. */
export function rawArticle(
  title: string,
  paragraphs: string[],
  options: { published?: string; captions?: string[]; byline?: string } = {},
): string {
  return [
    title,
    options.published ?? '2024-05-21 03:36:45',
    '',
    ...(options.captions ?? []),
    '',
    ...(options.byline ? [`By ${options.byline}`, ''] : []),
    ...paragraphs.flatMap((p) => [p, '']),
  ].join('\n');
}

export interface StoredFacts {
  outcome: IngestOutcome;
  quotes: {
    paragraph: number;
    text: string;
    start: number;
    end: number;
    speaker: string;
    kind: string;
    cue: string | null;
    confidence: number;
    addressee: string | null;
    reportedByPerson: string | null;
    reportedByOrganization: string | null;
    date: string;
  }[];
  meetings: {
    key: string;
    participants: string[];
    date: string;
    precision: string;
    location: string | null;
    paragraph: number;
    kind: string;
    claims: number;
  }[];
  /** Calls and planned meetings: stored, but not among the meetings that took place. */
  setAside: { participants: string[]; kind: string; status: string }[];
  paragraphs: string[];
}

/** Ingests a raw article through the real pipeline and reads back what the database holds for it. */
export async function ingestAndRead(c: Collections, raw: string, file = 'test.txt'): Promise<StoredFacts> {
  const outcome = await ingestRawArticle(c, raw, file);
  if (!outcome.article) return { outcome, quotes: [], meetings: [], setAside: [], paragraphs: [] };
  const aId = articleId(outcome.article);
  const [article, quotes, all] = await Promise.all([
    c.articles.findOne({ _id: aId }),
    c.quotes.find({ articleId: aId }).sort({ paragraph: 1, start: 1 }).toArray(),
    c.meetings.find({ articleId: aId }).sort({ paragraph: 1, key: 1 }).toArray(),
  ]);
  const tookPlace = (m: (typeof all)[number]) => m.kind !== 'CALL' && m.status !== 'PLANNED';
  const meetings = all.filter(tookPlace);
  const ids = [
    ...quotes.flatMap((q) => [q.speakerId, q.addresseeId, q.reportedByPersonId]),
    ...all.flatMap((m) => m.participantIds),
  ].filter((x) => x !== null);
  const persons = await c.persons.find({ _id: { $in: ids } }).toArray();
  const orgs = await c.organizations
    .find({ _id: { $in: quotes.map((q) => q.reportedByOrganizationId).filter((x) => x !== null) } })
    .toArray();
  const slug = (id: unknown) => (id ? (persons.find((p) => p._id.equals(id as never))?.slug ?? '?') : null);
  return {
    outcome,
    paragraphs: article?.paragraphs ?? [],
    quotes: quotes.map((q) => ({
      paragraph: q.paragraph,
      text: q.text,
      start: q.start,
      end: q.end,
      speaker: slug(q.speakerId)!,
      kind: q.kind,
      cue: q.cue,
      confidence: q.confidence,
      addressee: slug(q.addresseeId),
      reportedByPerson: slug(q.reportedByPersonId),
      reportedByOrganization: q.reportedByOrganizationId
        ? (orgs.find((o) => o._id.equals(q.reportedByOrganizationId!))?.slug ?? '?')
        : null,
      date: q.date.toISOString().slice(0, 10),
    })),
    meetings: meetings.map((m) => ({
      key: m.key,
      participants: m.participantIds.map((id) => slug(id)!).sort(),
      date: m.date.toISOString().slice(0, 10),
      precision: m.datePrecision,
      location: m.location,
      paragraph: m.paragraph,
      kind: m.kind,
      claims: m.claims.length,
    })),
    setAside: all
      .filter((m) => !tookPlace(m))
      .map((m) => ({
        participants: m.participantIds.map((id) => slug(id)!).sort(),
        kind: m.kind,
        status: m.status ?? 'HAPPENED',
      })),
  };
}
