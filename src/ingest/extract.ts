import { locateQuote, parseSeedFile, type ArticleGraph, type SeedFile } from '../model/articleGraph.js';
import { cleanArticle, IngestInputError, type CleanArticle } from './clean.js';
import { dateContext, findDates, type DateMention } from './dates.js';
import { analyzeArticle, type ArticleAnalysis, type Unit } from './entities.js';
import { extractMeetings } from './meetings.js';
import { extractQuotes } from './quotes.js';
import { slugify } from './text.js';

export interface Extraction {
  /** The extracted facts in the curated seed format, so curated and extracted data validate alike. */
  seed: SeedFile;
  graph: ArticleGraph;
}

/** Date expressions per unit; the body is read in order so "earlier in the day" finds its day. */
function datesByUnit(analysis: ArticleAnalysis): Map<Unit, DateMention[]> {
  const dates = new Map<Unit, DateMention[]>();
  const body = dateContext(analysis.article.publishedAt);
  for (const unit of analysis.units) {
    const context = unit.source === 'BODY' ? body : dateContext(analysis.article.publishedAt);
    dates.set(unit, findDates(unit.masked, context));
  }
  return dates;
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Runs the rule-based extractor over a cleaned article and returns seed-format facts. */
export function extractFacts(article: CleanArticle, rawFile: string | null = null): SeedFile {
  const analysis = analyzeArticle(article);
  const dates = datesByUnit(analysis);
  const quotes = extractQuotes(analysis, dates);
  const meetings = extractMeetings(analysis, dates);

  const creditOrg = article.captions.map((c) => /^(.+?)\s[Pp]hotos? by\s/.exec(c.credit ?? '')?.[1]).find(Boolean);
  const personSlugs = new Set<string>();
  const persons: SeedFile['persons'] = [];
  for (const p of analysis.persons.values()) {
    if (personSlugs.has(p.slug) || !p.slug) continue;
    personSlugs.add(p.slug);
    const title = [...p.titles].sort((a, b) => b.length - a.length)[0];
    const role = p.staffRole ?? (title ? capitalize(title) : (p.appositives[0] ?? null));
    const aliases = [...p.aliases].filter((a) => a !== p.name);
    persons.push({
      slug: p.slug,
      name: p.name,
      role,
      aliases,
      organizations: [...p.organizations].filter((o) => analysis.organizations.has(o)),
    });
  }
  const organizations: SeedFile['organizations'] = [...analysis.organizations.values()].map((o) => ({
    slug: o.slug,
    name: o.name,
    aliases: [...o.aliases],
    kind: o.kind,
  }));

  const seed: SeedFile = {
    article: {
      slug: slugify(article.title) || 'untitled',
      title: article.title,
      subtitle: article.subtitle,
      byline: article.byline,
      source: creditOrg ?? null,
      publishedAt: article.publishedAt,
      rawFile,
      paragraphs: article.paragraphs,
      captions: article.captions,
    },
    organizations,
    persons,
    quotes: quotes.map((q) => {
      const paragraph = article.paragraphs[q.paragraph - 1]!;
      // Name the occurrence when the same words appear earlier in the paragraph, so the span is ours.
      let occurrence: number | undefined;
      if (locateQuote(paragraph, q.text)?.start !== q.start) {
        occurrence = 0;
        for (let i = paragraph.indexOf(q.text); i !== -1 && i <= q.start; i = paragraph.indexOf(q.text, i + 1))
          occurrence++;
      }
      return {
        paragraph: q.paragraph,
        text: q.text,
        speaker: q.speaker,
        kind: q.kind,
        cue: q.cue,
        sieve: q.sieve,
        confidence: q.confidence,
        ...(q.reportedBy ? { reportedBy: q.reportedBy } : {}),
        ...(q.addressee ? { addressee: q.addressee } : {}),
        ...(q.date ? { date: q.date } : {}),
        ...(occurrence ? { occurrence } : {}),
      };
    }),
    meetings,
  };
  return seed;
}

/**
 * Cleans, extracts and validates one raw article. Throws IngestInputError for bad input and
 * SeedValidationError if the extractor produced something the shared schema rejects.
 */
export function extractArticle(raw: string | Uint8Array, rawFile: string | null = null): Extraction {
  const article = cleanArticle(raw);
  const seed = extractFacts(article, rawFile);
  return { seed, graph: parseSeedFile(rawFile ?? seed.article.slug, seed) };
}

export { IngestInputError };
