/**
 * Bulk export: `GET /export/{articles,persons,quotes,meetings}.ndjson`.
 *
 * One JSON document per line, `_id` order, public fields only (what the GraphQL types expose; ids
 * and references as the API's global ids), then one last line `{"end":{...}}` carrying the cursor
 * for the next pull (a stream without it was cut short). The cursor is also sent up front in the
 * `x-export-cursor` header. `?since=<cursor>` returns only the documents written, changed or deleted
 * after the cursor's change-log position (deleted ones as `{"id":…,"deleted":true}`); a cursor
 * older than the change log keeps is refused with 410 CURSOR_EXPIRED (pull everything again).
 *
 * The stream is pulled: a batch is read from the database only when the response has room for it
 * (backpressure from the socket through the ReadableStream to the cursor), gzip when the client
 * accepts it. A client that goes away closes the cursor.
 *
 * Gated: an API key with the `export` scope, at most `perKey` concurrent exports per key and
 * `total` per instance (429 TOO_MANY_EXPORTS beyond).
 */
import type { Plugin } from 'graphql-yoga';
import type { ObjectId } from 'mongodb';
import { authenticate, type ApiKey } from '../auth.js';
import type { ArticleDoc, Collections, MeetingDoc, PersonDoc, QuoteDoc } from '../db/collections.js';
import {
  allDocuments,
  articleSlugLookup,
  changedIds,
  changeWindow,
  documentsByIds,
  EXPORT_COLLECTIONS,
  type ExportCollection,
  type ExportDocs,
} from '../db/export.js';
import { meetingId } from '../db/ids.js';
import { classifyError, errorResponse, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { pickEncoding } from './encoding.js';
import { KeyedSlots } from '../slots.js';

export interface ExportLimits {
  /** Concurrent exports one API key may run. */
  perKey: number;
  /** Concurrent exports on this instance. */
  total: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perKey: 2, total: 4 };

const PATH = /^\/export\/([a-z]+)\.ndjson$/;
const TYPENAMES: Record<ExportCollection, string> = {
  articles: 'Article',
  persons: 'Person',
  quotes: 'Quote',
  meetings: 'Meeting',
};

const gid = (typename: string, id: ObjectId) =>
  Buffer.from(`${typename}:${id.toHexString()}`, 'utf8').toString('base64');
const gidOrNull = (typename: string, id: ObjectId | null | undefined) => (id ? gid(typename, id) : null);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The opaque cursor: a change-log sequence number, versioned. */
export const encodeCursor = (seq: number) => Buffer.from(`ngx1:${seq}`, 'utf8').toString('base64url');
export function decodeCursor(cursor: string): number | null {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^ngx1:(0|[1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(seq) ? seq : null;
}

/** What a line shows, per collection: the fields of the GraphQL type, references as global ids. */
const PUBLIC = {
  articles: (a: ArticleDoc) => ({
    id: gid('Article', a._id),
    slug: a.slug,
    title: a.title,
    subtitle: a.subtitle,
    byline: a.byline,
    source: a.source,
    publishedAt: a.publishedAt.toISOString(),
    paragraphs: a.paragraphs,
    captions: a.captions.map((c) => ({ text: c.text, credit: c.credit })),
    persons: a.personIds.map((id) => gid('Person', id)),
  }),
  persons: (p: PersonDoc) => ({
    id: gid('Person', p._id),
    slug: p.slug,
    name: p.name,
    role: p.role,
    aliases: p.aliases,
    organizations: p.organizationIds.map((id) => gid('Organization', id)),
  }),
  quotes: (q: QuoteDoc) => ({
    id: gid('Quote', q._id),
    text: q.text,
    kind: q.kind,
    cue: q.cue,
    confidence: q.confidence,
    sieve: q.sieve ?? null,
    date: day(q.date),
    speaker: gid('Person', q.speakerId),
    reportedBy: q.reportedByPersonId
      ? gid('Person', q.reportedByPersonId)
      : gidOrNull('Organization', q.reportedByOrganizationId),
    addressee: gidOrNull('Person', q.addresseeId),
    article: gid('Article', q.articleId),
    paragraph: q.paragraph,
    span: { start: q.start, end: q.end },
  }),
  meetings: (m: MeetingDoc, slugs: Map<string, string>) => {
    const slug = slugs.get(m.articleId.toHexString());
    return {
      id: gid('Meeting', m._id),
      key: m.key,
      kind: m.kind,
      status: m.status ?? 'HAPPENED',
      sieve: m.sieve ?? null,
      confidence: m.confidence ?? 1,
      date: day(m.date),
      datePrecision: m.datePrecision,
      location: m.location,
      participants: m.participantIds.map((id) => gid('Person', id)),
      article: gid('Article', m.articleId),
      paragraph: m.paragraph,
      claims: m.claims.map((c) => ({
        source: c.source,
        index: c.index,
        statement: c.statement,
        relation: c.relation,
        relativeTo: c.relativeToKey && slug ? gid('Meeting', meetingId(slug, c.relativeToKey)) : null,
      })),
      conflict: m.conflict,
    };
  },
};

type SlugLookup = ReturnType<typeof articleSlugLookup>;

/** The lines of one batch (meetings first look up the article slugs their claims need). */
async function renderBatch(name: ExportCollection, docs: ExportDocs[ExportCollection][], slugsOf: SlugLookup) {
  if (name === 'meetings') {
    const meetings = docs as MeetingDoc[];
    const slugs = await slugsOf(
      meetings.filter((m) => m.claims.some((claim) => claim.relativeToKey)).map((m) => m.articleId),
    );
    return meetings.map((m) => JSON.stringify(PUBLIC.meetings(m, slugs)));
  }
  const render = PUBLIC[name] as (doc: ExportDocs[ExportCollection]) => unknown;
  return docs.map((d) => JSON.stringify(render(d)));
}

/** Counts running exports per key; `acquire` returns the release (idempotent) or null over a cap. */
export class ExportLimiter {
  private readonly slots: KeyedSlots;
  constructor(readonly limits: ExportLimits = DEFAULT_EXPORT_LIMITS) {
    this.slots = new KeyedSlots(limits.perKey, limits.total);
  }
  acquire(key: string): (() => void) | null {
    const slot = this.slots.take(key);
    return 'release' in slot ? slot.release : null;
  }
}

export function useExport({
  collections: c,
  apiKeys,
  logger,
  limits = DEFAULT_EXPORT_LIMITS,
}: {
  collections: Collections;
  apiKeys: readonly ApiKey[];
  logger: Logger;
  limits?: ExportLimits;
}): Plugin {
  const limiter = new ExportLimiter(limits);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/export/')) return;
      const fail = (status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}) =>
        endResponse(errorResponse(fetchAPI, status, code, message, extra));
      const name = PATH.exec(url.pathname)?.[1] as ExportCollection | undefined;
      if (!name || !EXPORT_COLLECTIONS.includes(name))
        return fail(
          404,
          'NOT_FOUND',
          `No such export; there are ${EXPORT_COLLECTIONS.map((n) => `/export/${n}.ndjson`).join(', ')}`,
        );
      if (request.method !== 'GET') return fail(405, 'BAD_REQUEST', 'The export is read with GET');
      const auth = authenticate(request.headers, apiKeys);
      if (auth.status !== 'authenticated')
        return fail(
          401,
          'UNAUTHENTICATED',
          auth.status === 'invalid'
            ? 'The API key is not recognised'
            : 'The export needs an API key with the "export" scope',
        );
      if (!auth.scopes.has('export')) return fail(403, 'FORBIDDEN', 'This API key does not have the "export" scope');

      const sinceParam = url.searchParams.get('since');
      let since: number | null = null;
      if (sinceParam !== null) {
        since = decodeCursor(sinceParam);
        if (since === null)
          return fail(
            400,
            'BAD_USER_INPUT',
            '"since" is not an export cursor (pass the cursor an earlier export ended with)',
            {
              argument: 'since',
            },
          );
      }
      let window: Awaited<ReturnType<typeof changeWindow>>;
      try {
        window = await changeWindow(c);
      } catch (error) {
        // The database is away (or worse): the same masked, typed answer GraphQL would give.
        const classified = classifyError(error);
        if (classified.kind === 'unexpected') logger.error({ err: error, export: name }, 'export could not start');
        const e = classified.kind === 'client' ? classified.error : classified.masked;
        return fail(503, e.extensions.code as ErrorCode, e.message);
      }
      if (since !== null && (since < window.oldest || since > window.latest))
        return fail(
          410,
          'CURSOR_EXPIRED',
          since > window.latest
            ? 'This cursor is from a change log this database does not have (was it replaced?): pull everything again, without "since"'
            : 'This cursor is older than the change history kept: pull everything again, without "since"',
          { argument: 'since', fullPull: `/export/${name}.ndjson` },
        );
      const release = limiter.acquire(auth.keyName);
      if (!release)
        return endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [
                {
                  message: `Too many exports running (at most ${limits.perKey} per key, ${limits.total} on this instance); retry later`,
                  extensions: {
                    code: 'TOO_MANY_EXPORTS' satisfies ErrorCode,
                    perKey: limits.perKey,
                    total: limits.total,
                  },
                },
              ],
            }),
            { status: 429, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' } },
          ),
        );

      // Entries up to `upTo` were all written before this read (an entry follows its write), so
      // the documents read after it include them; later writes come again with the next pull.
      const upTo = window.latest;
      const cursor = encodeCursor(upTo);
      const typename = TYPENAMES[name];
      const slugsOf = articleSlugLookup(c);
      async function* lines(): AsyncGenerator<string> {
        let documents = 0;
        let deleted = 0;
        if (since === null) {
          for await (const batch of allDocuments(c, name!)) {
            documents += batch.length;
            yield `${(await renderBatch(name!, batch, slugsOf)).join('\n')}\n`;
          }
        } else if (since < upTo) {
          const ids = await changedIds(c, name!, since, upTo);
          for await (const chunk of documentsByIds(c, name!, ids)) {
            const present = chunk.filter((e) => e.doc).map((e) => e.doc!);
            const rendered = await renderBatch(name!, present, slugsOf);
            let i = 0;
            const out = chunk.map((e) => {
              if (e.doc) return rendered[i++]!;
              deleted++;
              return JSON.stringify({ id: gid(typename, e.id), deleted: true });
            });
            documents += present.length;
            if (out.length) yield `${out.join('\n')}\n`;
          }
        }
        yield `${JSON.stringify({ end: { cursor, documents, deleted } })}\n`;
      }

      const source = lines();
      const encoder = new TextEncoder();
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        release();
        void source.return(undefined).catch(() => {});
      };
      request.signal?.addEventListener('abort', finish, { once: true });
      let body: ReadableStream<Uint8Array> = new fetchAPI.ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              const next = await source.next();
              if (next.done) {
                controller.close();
                finish();
              } else controller.enqueue(encoder.encode(next.value));
            } catch (error) {
              logger.error({ err: error, export: name }, 'export failed mid-stream');
              controller.error(error);
              finish();
            }
          },
          cancel: finish,
        },
        { highWaterMark: 1 },
      );
      const gzip = pickEncoding(request.headers.get('accept-encoding'), ['gzip']) === 'gzip';
      if (gzip)
        body = body.pipeThrough(
          new fetchAPI.CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
        );
      endResponse(
        new fetchAPI.Response(body, {
          status: 200,
          headers: {
            'content-type': 'application/x-ndjson; charset=utf-8',
            'cache-control': 'no-store',
            vary: 'accept-encoding, authorization, x-api-key',
            'x-export-cursor': cursor,
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          },
        }),
      );
    },
  };
}
