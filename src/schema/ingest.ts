/**
 * `ingestArticles`: raw articles over the API, through the same pipeline as `npm run ingest`
 * (src/ingest/pipeline.ts), one after another. Each article gets its own result; a bad one is
 * reported with a typed reason and the others still go in. Ingesting the same text again changes
 * nothing and reports UNCHANGED, so a client may retry a whole batch after a timeout.
 */
import { createHash } from 'node:crypto';
import { articleId } from '../db/ids.js';
import { ingestRawArticle, type IngestOutcome } from '../ingest/pipeline.js';
import { builder } from './builder.js';
import { badUserInput } from '../errors.js';
import { ArticleRef } from './refs.js';

export const INGEST_LIMITS = { articlesPerCall: 50, sourceUrlChars: 2_000 } as const;

const IngestStatusEnum = builder.enumType('IngestStatus', {
  values: {
    INGESTED: { description: 'Stored (new, or its content changed).' },
    UNCHANGED: { description: 'The same article was already stored; nothing changed.' },
    KEPT_CURATED: { description: "A curator's version of this article is stored; its facts were kept." },
    FAILED: { description: 'Nothing was stored for this article; `error` says why.' },
  } as const,
});

const IngestErrorCodeEnum = builder.enumType('IngestErrorCode', {
  values: {
    BAD_ARTICLE: { description: 'Not an article in the ingest text format (no title, no date, binary data…).' },
    INVALID_FACTS: { description: 'The extracted facts failed validation.' },
    EXTRACTION_FAILED: { description: 'The extractor failed on this text.' },
    WRITE_FAILED: { description: 'The database write failed; nothing was kept (retry later).' },
    PARTIALLY_WRITTEN: { description: 'The write failed and undoing it failed too; retry to complete it.' },
    CURATED_VERSION_KEPT: { description: 'See KEPT_CURATED.' },
  } as const,
});

type IngestErrorCode =
  | 'BAD_ARTICLE'
  | 'INVALID_FACTS'
  | 'EXTRACTION_FAILED'
  | 'WRITE_FAILED'
  | 'PARTIALLY_WRITTEN'
  | 'CURATED_VERSION_KEPT';

/** The pipeline reports reasons as text for people; this gives each a code for programs. */
export function ingestErrorCode(outcome: IngestOutcome): IngestErrorCode | null {
  if (outcome.status === 'KEPT_CURATED') return 'CURATED_VERSION_KEPT';
  if (outcome.status !== 'FAILED') return null;
  const reason = outcome.reason ?? '';
  if (/failed validation/.test(reason)) return 'INVALID_FACTS';
  if (/^extraction error/.test(reason)) return 'EXTRACTION_FAILED';
  if (/undo failed|partly stored/.test(reason)) return 'PARTIALLY_WRITTEN';
  if (/write failed|database/.test(reason)) return 'WRITE_FAILED';
  return 'BAD_ARTICLE';
}

interface ResultShape {
  index: number;
  sourceUrl: string | null;
  outcome: IngestOutcome;
}

const IngestError = builder.objectRef<{ code: IngestErrorCode; message: string }>('IngestError').implement({
  fields: (t) => ({
    code: t.field({ type: IngestErrorCodeEnum, resolve: (e) => e.code }),
    message: t.exposeString('message'),
  }),
});

const IngestArticleResult = builder.objectRef<ResultShape>('IngestArticleResult').implement({
  description: 'What happened to one article of the batch.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the input list (0-based).' }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    status: t.field({ type: IngestStatusEnum, resolve: (r) => r.outcome.status }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The stored article (also for UNCHANGED and KEPT_CURATED).',
      resolve: (r, _args, ctx) => (r.outcome.article ? ctx.loaders.articleBySlug.load(r.outcome.article) : null),
    }),
    quoteCount: t.int({ resolve: (r) => r.outcome.quotes }),
    meetingCount: t.int({ resolve: (r) => r.outcome.meetings }),
    personsCreated: t.int({ resolve: (r) => r.outcome.personsCreated }),
    personsLinked: t.int({ resolve: (r) => r.outcome.personsLinked }),
    error: t.field({
      type: IngestError,
      nullable: true,
      resolve: (r) => {
        const code = ingestErrorCode(r.outcome);
        return code ? { code, message: r.outcome.reason ?? code } : null;
      },
    }),
  }),
});

const IngestArticlesPayload = builder.objectRef<{ results: ResultShape[] }>('IngestArticlesPayload').implement({
  fields: (t) => ({
    results: t.field({ type: [IngestArticleResult], resolve: (p) => p.results }),
    ingested: t.int({ resolve: (p) => p.results.filter((r) => r.outcome.status === 'INGESTED').length }),
    unchanged: t.int({ resolve: (p) => p.results.filter((r) => r.outcome.status === 'UNCHANGED').length }),
    failed: t.int({ resolve: (p) => p.results.filter((r) => r.outcome.status === 'FAILED').length }),
  }),
});

const RawArticleInput = builder.inputType('RawArticleInput', {
  fields: (t) => ({
    text: t.string({
      required: true,
      description: 'The article in the `npm run ingest` text format: title line, timestamp line, body.',
    }),
    sourceUrl: t.string({ description: 'Where the article was read (http or https URL); kept as its raw file name.' }),
  }),
});

const IngestArticlesInput = builder.inputType('IngestArticlesInput', {
  fields: (t) => ({
    articles: t.field({
      type: [RawArticleInput],
      required: true,
      description: `1 to ${INGEST_LIMITS.articlesPerCall} articles (and within the request body limit).`,
    }),
  }),
});

function checkSourceUrl(value: string | null | undefined, index: number): string | null {
  if (value == null) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || value.length > INGEST_LIMITS.sourceUrlChars)
    throw badUserInput(
      `"articles.${index}.sourceUrl" must be an http(s) URL of at most ${INGEST_LIMITS.sourceUrlChars} characters`,
    );
  return value;
}

/** The name the pipeline records as the raw file: the URL, else a digest of the text (stable across retries). */
const inputName = (text: string, sourceUrl: string | null) =>
  sourceUrl ?? `api-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`;

builder.mutationFields((t) => ({
  ingestArticles: t.field({
    type: IngestArticlesPayload,
    description:
      'Ingests raw articles (API key with the `ingest` or `curate` scope). Each article is cleaned, extracted, ' +
      'linked and stored on its own; the result lists what happened to each, in input order.',
    authScopes: { $any: { ingest: true, curate: true } },
    args: { input: t.arg({ type: IngestArticlesInput, required: true }) },
    complexity: { field: 10, multiplier: 1 },
    resolve: async (_root, { input }, ctx) => {
      const articles = input.articles;
      if (articles.length < 1 || articles.length > INGEST_LIMITS.articlesPerCall)
        throw badUserInput(
          `"articles" takes 1 to ${INGEST_LIMITS.articlesPerCall} articles (got ${articles.length}); send larger sets in several calls`,
        );
      const urls = articles.map((a, i) => checkSourceUrl(a.sourceUrl, i));
      const results: ResultShape[] = [];
      for (const [index, article] of articles.entries()) {
        const sourceUrl = urls[index]!;
        const outcome = await ingestRawArticle(ctx.collections, article.text, inputName(article.text, sourceUrl));
        // Published after the write succeeded; an unchanged article changed nothing to tell.
        if (outcome.status === 'INGESTED' && outcome.article)
          await ctx.events.articleStored(articleId(outcome.article), 'INGESTED');
        results.push({ index, sourceUrl, outcome });
      }
      return { results };
    },
  }),
}));
