import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/auth.js';
import { changesCollection } from '../../src/db/changes.js';
import { articleId } from '../../src/db/ids.js';
import { createLogger } from '../../src/logger.js';
import { INGEST_LIMITS } from '../../src/schema/ingest.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute } from '../support/graphql.js';
import { liveArticle } from '../support/live.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const INGEST_KEY = 'ingest-bot-secret-0123456789';
const CURATE_KEY = 'curator-secret-0123456789';
const READER_KEY = 'reader-secret-0123456789';
const KEYS = parseApiKeys(
  `bot:${sha256(INGEST_KEY)}:ingest,curator:${sha256(CURATE_KEY)}:curate,reader:${sha256(READER_KEY)}:`,
).keys;
const as = (key: string) => ({ authorization: `Bearer ${key}` });

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestArticlesInput!) {
    ingestArticles(input: $input) {
      ingested unchanged failed
      results {
        index status sourceUrl quoteCount meetingCount personsCreated personsLinked
        article { slug title quotes(first: 10) { totalCount } }
        error { code message }
      }
    }
  }
`;

let t: TestDatabase;
let yoga: NewsgraphServer;
beforeAll(async () => {
  t = await openTestDatabase('ingest_api');
  yoga = createServer({ collections: t.collections, logger: createLogger('silent'), apiKeys: KEYS });
});
afterAll(async () => t?.dispose());

describe('ingestArticles', () => {
  it('needs a key with the ingest or curate scope', async () => {
    const input = { articles: [{ text: liveArticle('scope') }] };
    expect(errorCode(await execute(yoga, INGEST, { input }))).toBe('UNAUTHENTICATED');
    const reader = await execute(yoga, INGEST, { input }, as(READER_KEY));
    expect(errorCode(reader)).toBe('FORBIDDEN');
    expect(reader.body.errors![0]!.message).toMatch(/"ingest" scope/);
    expect(await t.collections.articles.countDocuments({})).toBe(0);
    const curator = await execute(yoga, INGEST, { input }, as(CURATE_KEY));
    expect(curator.body.errors).toBeUndefined();
    expect(curator.body.data.ingestArticles.ingested).toBe(1);
  });

  it('stores each article, reports a typed reason for a bad one, and the others still go in', async () => {
    const input = {
      articles: [
        { text: liveArticle('alpha'), sourceUrl: 'https://news.example/alpha' },
        { text: 'no date line here, just one line' },
        { text: liveArticle('beta') },
      ],
    };
    const r = await execute(yoga, INGEST, { input }, as(INGEST_KEY));
    expect(r.body.errors).toBeUndefined();
    const payload = r.body.data.ingestArticles;
    expect([payload.ingested, payload.unchanged, payload.failed]).toEqual([2, 0, 1]);
    const [alpha, bad, beta] = payload.results;
    expect(alpha).toMatchObject({
      index: 0,
      status: 'INGESTED',
      sourceUrl: 'https://news.example/alpha',
      quoteCount: 2,
      meetingCount: 1,
      article: { slug: 'harbor-accord-signed-in-varnholm-alpha', quotes: { totalCount: 2 } },
      error: null,
    });
    expect(bad).toMatchObject({ index: 1, status: 'FAILED', article: null, error: { code: 'BAD_ARTICLE' } });
    expect(bad.error.message).toMatch(/date/);
    expect(beta).toMatchObject({
      index: 2,
      status: 'INGESTED',
      article: { slug: 'harbor-accord-signed-in-varnholm-beta' },
    });
    expect(
      await t.collections.articles.countDocuments({ slug: { $in: [alpha.article.slug, beta.article.slug] } }),
    ).toBe(2);
  });

  it('is idempotent: a retry reports UNCHANGED and publishes no second event', async () => {
    const input = { articles: [{ text: liveArticle('gamma') }] };
    const first = await execute(yoga, INGEST, { input }, as(INGEST_KEY));
    expect(first.body.data.ingestArticles.results[0].status).toBe('INGESTED');
    const id = articleId('harbor-accord-signed-in-varnholm-gamma');
    const events = () => changesCollection(t.collections).countDocuments({ articleId: id });
    expect(await events()).toBe(1);
    const retry = await execute(yoga, INGEST, { input }, as(INGEST_KEY));
    expect(retry.body.data.ingestArticles.results[0]).toMatchObject({ status: 'UNCHANGED', quoteCount: 2 });
    expect(await events()).toBe(1);
  });

  it(`refuses an empty list and more than ${INGEST_LIMITS.articlesPerCall} articles, and bad source URLs`, async () => {
    const many = Array.from({ length: INGEST_LIMITS.articlesPerCall + 1 }, (_, i) => ({ text: liveArticle(`m${i}`) }));
    for (const articles of [[], many]) {
      const r = await execute(yoga, INGEST, { input: { articles } }, as(INGEST_KEY));
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
    }
    const r = await execute(
      yoga,
      INGEST,
      { input: { articles: [{ text: liveArticle('url'), sourceUrl: 'javascript:alert(1)' }] } },
      as(INGEST_KEY),
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await t.collections.articles.countDocuments({ slug: /-(m\d+|url)$/ })).toBe(0);
  });
});
