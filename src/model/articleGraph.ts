import { z } from 'zod';

/**
 * The structured form of one article and the facts read from it. Curated seed files
 * (`seeds/*.json`) and the ingestion extractor both produce it; `storeArticleGraph` stores it.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase ASCII words joined by hyphens');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = z.string().trim().min(1);

const ReportedBy = z
  .object({ person: slug.optional(), organization: slug.optional() })
  .strict()
  .refine((r) => Boolean(r.person) !== Boolean(r.organization), 'give exactly one of person or organization');

export const SeedFileSchema = z
  .object({
    article: z
      .object({
        slug,
        title: text,
        subtitle: text.nullable().optional(),
        byline: text.nullable().optional(),
        source: text.nullable().optional(),
        publishedAt: z.string().datetime({ offset: true }),
        rawFile: z.string().nullable().optional(),
        paragraphs: z.array(text).min(1),
        captions: z.array(z.object({ text, credit: text.nullable().optional() }).strict()).default([]),
      })
      .strict(),
    organizations: z
      .array(
        z
          .object({
            slug,
            name: text,
            aliases: z.array(text).default([]),
            kind: z.enum(['GOVERNMENT', 'MEDIA', 'PARTY', 'THINK_TANK', 'COMPANY', 'OTHER']).default('OTHER'),
            parent: slug.optional(),
          })
          .strict(),
      )
      .default([]),
    persons: z.array(
      z
        .object({
          slug,
          name: text,
          role: text.nullable().optional(),
          aliases: z.array(text).default([]),
          organizations: z.array(slug).default([]),
        })
        .strict(),
    ),
    quotes: z
      .array(
        z
          .object({
            paragraph: z.number().int().min(1),
            text,
            speaker: slug,
            kind: z.enum(['FULL', 'PARTIAL', 'CONTINUATION']),
            cue: text.nullable().optional(),
            reportedBy: ReportedBy.optional(),
            addressee: slug.optional(),
            date: isoDay.optional(),
            confidence: z.number().min(0).max(1).default(1),
            /** The extractor's attribution sieve; absent for curated quotes. */
            sieve: z.string().regex(SLUG_PATTERN).optional(),
            /** Which occurrence of `text` in the paragraph, when it occurs more than once (1-based). */
            occurrence: z.number().int().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    meetings: z
      .array(
        z
          .object({
            key: slug,
            participants: z.array(slug).min(2),
            date: isoDay,
            datePrecision: z.enum(['DAY', 'MONTH', 'YEAR']).default('DAY'),
            location: text.nullable().optional(),
            paragraph: z.number().int().min(1),
            kind: z.enum(['MEETING', 'TALKS', 'SUMMIT', 'CALL']).default('MEETING'),
            /** PLANNED: proposed, scheduled or cancelled; never listed among meetings that happened. */
            status: z.enum(['HAPPENED', 'PLANNED']).default('HAPPENED'),
            /** The meeting sieve that found it (null when curated) and how sure that sieve is. */
            sieve: text.nullable().optional(),
            confidence: z.number().min(0).max(1).default(1),
            claims: z
              .array(
                z
                  .object({
                    source: z.enum(['BODY', 'CAPTION']),
                    index: z.number().int().min(1),
                    statement: text,
                    relation: z.enum(['BEFORE', 'AFTER']).optional(),
                    relativeTo: slug.optional(),
                  })
                  .strict(),
              )
              .default([]),
            conflict: text.nullable().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type SeedFile = z.input<typeof SeedFileSchema>;

export interface ArticleGraph {
  article: {
    slug: string;
    title: string;
    subtitle: string | null;
    byline: string | null;
    source: string | null;
    publishedAt: Date;
    rawFile: string | null;
    paragraphs: string[];
    captions: { text: string; credit: string | null }[];
  };
  organizations: {
    slug: string;
    name: string;
    aliases: string[];
    kind: z.infer<typeof SeedFileSchema>['organizations'][number]['kind'];
    parent: string | null;
  }[];
  persons: { slug: string; name: string; role: string | null; aliases: string[]; organizations: string[] }[];
  quotes: {
    paragraph: number;
    text: string;
    start: number;
    end: number;
    speaker: string;
    kind: 'FULL' | 'PARTIAL' | 'CONTINUATION';
    cue: string | null;
    reportedBy: { person: string | null; organization: string | null } | null;
    addressee: string | null;
    date: Date;
    confidence: number;
    /** The extractor's attribution sieve; null for curated quotes. */
    sieve?: string | null;
  }[];
  meetings: {
    key: string;
    participants: string[];
    date: Date;
    datePrecision: 'DAY' | 'MONTH' | 'YEAR';
    location: string | null;
    paragraph: number;
    kind: 'MEETING' | 'TALKS' | 'SUMMIT' | 'CALL';
    status: 'HAPPENED' | 'PLANNED';
    sieve: string | null;
    confidence: number;
    claims: {
      source: 'BODY' | 'CAPTION';
      index: number;
      statement: string;
      relation: 'BEFORE' | 'AFTER' | null;
      relativeToKey: string | null;
    }[];
    conflict: string | null;
  }[];
}

/** One problem in a seed file: which record and which field. */
export interface SeedIssue {
  path: string;
  message: string;
}

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(
    readonly file: string,
    readonly issues: SeedIssue[],
  ) {
    super(`${file}: ${issues.length} problem(s)\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

const QUOTE_MARKS = new Set(['"', '\u201C', '\u201D', "'", '\u2018', '\u2019']);

/**
 * Finds the character span of a quote in its paragraph. An occurrence that sits right after a
 * quotation mark is preferred, so a partial quote such as "dialogue" is highlighted where it is
 * quoted rather than where the same word appears unquoted.
 */
export function locateQuote(
  paragraph: string,
  quote: string,
  occurrence?: number,
): { start: number; end: number } | null {
  const starts: number[] = [];
  for (let i = paragraph.indexOf(quote); i !== -1; i = paragraph.indexOf(quote, i + 1)) starts.push(i);
  if (starts.length === 0) return null;
  const chosen =
    occurrence !== undefined
      ? starts[occurrence - 1]
      : (starts.find((s) => s > 0 && QUOTE_MARKS.has(paragraph[s - 1]!)) ?? starts[0]);
  return chosen === undefined ? null : { start: chosen, end: chosen + quote.length };
}

function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Validates a parsed seed file (shape and cross-references) and returns its normalized graph. */
export function parseSeedFile(file: string, input: unknown): ArticleGraph {
  const parsed = SeedFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new SeedValidationError(
      file,
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  const s = parsed.data;
  const issues: SeedIssue[] = [];
  const personSlugs = new Set(s.persons.map((p) => p.slug));
  const orgSlugs = new Set(s.organizations.map((o) => o.slug));
  const meetingKeys = new Set(s.meetings.map((m) => m.key));
  const paragraphs = s.article.paragraphs;
  const duplicates = (values: string[], path: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) issues.push({ path: `${path}.${i}`, message: `duplicate "${v}"` });
      seen.add(v);
    });
  };
  duplicates(
    s.persons.map((p) => p.slug),
    'persons',
  );
  duplicates(
    s.organizations.map((o) => o.slug),
    'organizations',
  );
  duplicates(
    s.meetings.map((m) => m.key),
    'meetings',
  );

  s.persons.forEach((p, i) => {
    p.organizations.forEach((o, j) => {
      if (!orgSlugs.has(o))
        issues.push({ path: `persons.${i}.organizations.${j}`, message: `unknown organization "${o}"` });
    });
  });
  s.organizations.forEach((o, i) => {
    if (o.parent && !orgSlugs.has(o.parent))
      issues.push({ path: `organizations.${i}.parent`, message: `unknown organization "${o.parent}"` });
  });

  const publishedAt = new Date(s.article.publishedAt);
  const publishedDay = dayToDate(publishedAt.toISOString().slice(0, 10));
  const quotes: ArticleGraph['quotes'] = [];
  s.quotes.forEach((q, i) => {
    const at = `quotes.${i}`;
    if (!personSlugs.has(q.speaker)) issues.push({ path: `${at}.speaker`, message: `unknown person "${q.speaker}"` });
    if (q.addressee && !personSlugs.has(q.addressee))
      issues.push({ path: `${at}.addressee`, message: `unknown person "${q.addressee}"` });
    if (q.reportedBy?.person && !personSlugs.has(q.reportedBy.person))
      issues.push({ path: `${at}.reportedBy.person`, message: `unknown person "${q.reportedBy.person}"` });
    if (q.reportedBy?.organization && !orgSlugs.has(q.reportedBy.organization))
      issues.push({
        path: `${at}.reportedBy.organization`,
        message: `unknown organization "${q.reportedBy.organization}"`,
      });
    const paragraph = paragraphs[q.paragraph - 1];
    if (paragraph === undefined) {
      issues.push({
        path: `${at}.paragraph`,
        message: `paragraph ${q.paragraph} does not exist (the article has ${paragraphs.length})`,
      });
      return;
    }
    const span = locateQuote(paragraph, q.text, q.occurrence);
    if (!span) {
      issues.push({ path: `${at}.text`, message: `text does not occur in paragraph ${q.paragraph}` });
      return;
    }
    quotes.push({
      paragraph: q.paragraph,
      text: q.text,
      ...span,
      speaker: q.speaker,
      kind: q.kind,
      cue: q.cue ?? null,
      reportedBy: q.reportedBy
        ? { person: q.reportedBy.person ?? null, organization: q.reportedBy.organization ?? null }
        : null,
      addressee: q.addressee ?? null,
      date: q.date ? dayToDate(q.date) : publishedDay,
      confidence: q.confidence,
      sieve: q.sieve ?? null,
    });
  });
  const spans = new Set<string>();
  quotes.forEach((q, i) => {
    const k = `${q.paragraph}:${q.start}`;
    if (spans.has(k))
      issues.push({
        path: `quotes.${i}`,
        message: `another quote starts at the same place in paragraph ${q.paragraph}`,
      });
    spans.add(k);
  });

  s.meetings.forEach((m, i) => {
    const at = `meetings.${i}`;
    m.participants.forEach((p, j) => {
      if (!personSlugs.has(p)) issues.push({ path: `${at}.participants.${j}`, message: `unknown person "${p}"` });
    });
    if (new Set(m.participants).size !== m.participants.length)
      issues.push({ path: `${at}.participants`, message: 'a participant is listed twice' });
    if (m.paragraph > paragraphs.length)
      issues.push({ path: `${at}.paragraph`, message: `paragraph ${m.paragraph} does not exist` });
    if (Number.isNaN(dayToDate(m.date).getTime()))
      issues.push({ path: `${at}.date`, message: `invalid date "${m.date}"` });
    m.claims.forEach((c, j) => {
      const max = c.source === 'BODY' ? paragraphs.length : s.article.captions.length;
      if (c.index > max)
        issues.push({
          path: `${at}.claims.${j}.index`,
          message: `${c.source.toLowerCase()} ${c.index} does not exist`,
        });
      if (c.relativeTo && !meetingKeys.has(c.relativeTo))
        issues.push({ path: `${at}.claims.${j}.relativeTo`, message: `unknown meeting "${c.relativeTo}"` });
    });
  });
  if (issues.length) throw new SeedValidationError(file, issues);

  return {
    article: {
      slug: s.article.slug,
      title: s.article.title,
      subtitle: s.article.subtitle ?? null,
      byline: s.article.byline ?? null,
      source: s.article.source ?? null,
      publishedAt,
      rawFile: s.article.rawFile ?? null,
      paragraphs,
      captions: s.article.captions.map((c) => ({ text: c.text, credit: c.credit ?? null })),
    },
    organizations: s.organizations.map((o) => ({
      slug: o.slug,
      name: o.name,
      aliases: o.aliases,
      kind: o.kind,
      parent: o.parent ?? null,
    })),
    persons: s.persons.map((p) => ({
      slug: p.slug,
      name: p.name,
      role: p.role ?? null,
      aliases: p.aliases,
      organizations: p.organizations,
    })),
    quotes,
    meetings: s.meetings.map((m) => ({
      key: m.key,
      participants: [...m.participants].sort(),
      date: dayToDate(m.date),
      datePrecision: m.datePrecision,
      location: m.location ?? null,
      paragraph: m.paragraph,
      kind: m.kind,
      status: m.status,
      sieve: m.sieve ?? null,
      confidence: m.confidence,
      claims: m.claims.map((c) => ({
        source: c.source,
        index: c.index,
        statement: c.statement,
        relation: c.relation ?? null,
        relativeToKey: c.relativeTo ?? null,
      })),
      conflict: m.conflict ?? null,
    })),
  };
}
