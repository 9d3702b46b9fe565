/**
 * Bounded loopback load test: the service in this process, autocannon against it for a fixed time
 * at fixed concurrency, on the nested person query and a mix of curation mutations. Afterwards it
 * checks: no 5xx and no unexpected errors, every acknowledged write present exactly once and no
 * write that was not acknowledged, and the heap (after GC) no larger at the end than at the start.
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27017/ npm run load -- [--duration 30] [--read-connections 4] [--write-connections 2] [--write-rate 5]
 *
 * Uses its own database (load_<random>), dropped at the end. Not part of the unit tests.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { ObjectId } from 'mongodb';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ArticleDoc, Collections, MeetingDoc, PersonDoc, QuoteDoc } from '../src/db/collections.js';
import { getCollections } from '../src/db/collections.js';
import { mergesCollection } from '../src/db/curation.js';
import { articleId, meetingId, personId, quoteId } from '../src/db/ids.js';
import { createLogger } from '../src/logger.js';
import { numberOption, parseCommand, usageError } from '../src/cli.js';

// --expose-gc at run time, so `npm run load` (plain tsx) can measure the heap after a full GC.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Autocannon = (options: {
  url: string;
  timeout?: number;
  connections: number;
  duration?: number;
  amount?: number;
  overallRate?: number;
  headers?: Record<string, string>;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SPEC = {
  command: 'npm run load --',
  summary:
    'Bounded loopback load test against MONGODB_URI (its own database, dropped at the end): nested reads and\n' +
    'curation writes at fixed concurrency, then checks for 5xx, lost or phantom writes and heap growth.',
  options: {
    duration: { type: 'string', default: '30', value: '<s>', description: 'seconds of load, 1-120' },
    'read-connections': { type: 'string', default: '4', value: '<n>', description: 'concurrent readers' },
    'write-connections': { type: 'string', default: '2', value: '<n>', description: 'concurrent writers' },
    'write-rate': { type: 'string', default: '5', value: '<n>', description: 'writes per second' },
  },
} as const;
const { values: args } = parseCommand(SPEC);
const DURATION = numberOption(SPEC, 'duration', args.duration, { positive: true });
const READERS = numberOption(SPEC, 'read-connections', args['read-connections'], { positive: true, integer: true });
const WRITERS = numberOption(SPEC, 'write-connections', args['write-connections'], { positive: true, integer: true });
// Writes are a fixed number of requests at a fixed rate, so the run ends with none in flight and
// every write is either acknowledged or not sent. (FerretDB's SQLite backend scans collections for
// most filters, so the write targets are kept few: they slow the reads down as they grow.)
const WRITE_RATE = numberOption(SPEC, 'write-rate', args['write-rate'], { positive: true });
const WRITES = 2 * Math.round((WRITE_RATE * DURATION) / 2);
const POOL = Math.ceil(WRITES / 3) + 1; // write targets of each kind
if (!(DURATION >= 1 && DURATION <= 120)) usageError(SPEC, '--duration must be 1-120 seconds');

const KEY = randomBytes(24).toString('base64url');
const { createHash } = await import('node:crypto');
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const gid = (type: string, id: ObjectId) => Buffer.from(`${type}:${id.toHexString()}`).toString('base64');

/** Write targets: per index k, an article to delete, a duplicate to merge, a person to edit. */
async function createWriteTargets(c: Collections) {
  const survivors = Array.from({ length: 10 }, (_, i) => `load-survivor-${i}`);
  const person = (slug: string): PersonDoc => ({
    _id: personId(slug),
    slug,
    name: slug,
    sortName: slug,
    role: null,
    aliases: [],
    searchNames: [slug],
    organizationIds: [],
  });
  const persons: PersonDoc[] = [...survivors.map(person)];
  const articles: ArticleDoc[] = [];
  const quotes: QuoteDoc[] = [];
  const meetings: MeetingDoc[] = [];
  for (let k = 0; k < POOL; k++) {
    persons.push(person(`load-dup-${k}`), person(`load-edit-${k}`));
    const slug = `load-article-${k}`;
    const aId = articleId(slug);
    const dup = personId(`load-dup-${k}`);
    const survivor = personId(survivors[k % survivors.length]!);
    articles.push({
      _id: aId,
      slug,
      title: slug,
      subtitle: null,
      byline: null,
      source: null,
      publishedAt: new Date(Date.UTC(2020, 0, 1) + k * 60_000),
      paragraphs: ['One.', 'Two.'],
      captions: [],
      personIds: [dup, survivor],
      organizationIds: [],
      rawFile: null,
      contentHash: slug,
    });
    for (const [paragraph, speakerId] of [
      [1, dup],
      [2, survivor],
    ] as const)
      quotes.push({
        _id: quoteId(slug, paragraph, 0),
        articleId: aId,
        paragraph,
        text: 'x',
        start: 0,
        end: 1,
        speakerId,
        reportedByPersonId: null,
        reportedByOrganizationId: null,
        addresseeId: null,
        kind: 'FULL',
        cue: null,
        confidence: 1,
        date: new Date(Date.UTC(2020, 0, 1)),
        origin: 'CURATED',
      });
    meetings.push({
      _id: meetingId(slug, 'm'),
      articleId: aId,
      paragraph: 1,
      key: 'm',
      participantIds: [dup, survivor],
      date: new Date(Date.UTC(2020, 0, 1)),
      datePrecision: 'DAY',
      location: null,
      kind: 'MEETING',
      claims: [],
      conflict: null,
      origin: 'CURATED',
    });
  }
  for (let i = 0; i < persons.length; i += 2_000) await c.persons.insertMany(persons.slice(i, i + 2_000));
  for (let i = 0; i < articles.length; i += 2_000) await c.articles.insertMany(articles.slice(i, i + 2_000));
  for (let i = 0; i < quotes.length; i += 2_000) await c.quotes.insertMany(quotes.slice(i, i + 2_000));
  for (let i = 0; i < meetings.length; i += 2_000) await c.meetings.insertMany(meetings.slice(i, i + 2_000));
  return { survivors };
}

const READ_QUERY = JSON.stringify({
  operationName: 'SungKim',
  query: `query SungKim { person(slug: "sung-kim") { name role
    metWith(first: 10) { totalCount edges { meetingCount node { name quotes(first: 3) { edges { node { text } } } } } }
    meetings(first: 10) { edges { node { date participants { name } paragraph { index article { title } } } } }
    quotes(first: 10) { edges { node { text kind paragraph { index text article { title } } } } } } }`,
});

async function main() {
  const config = loadConfig({
    ...process.env,
    MONGODB_DB: `load_${randomBytes(4).toString('hex')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NEWSGRAPH_API_KEYS: `load:${createHash('sha256').update(KEY).digest('hex')}:curate`,
  });
  if (!config.mongodbUri) console.warn('MONGODB_URI is not set: using the embedded mongodb-memory-server');
  const app = await startApp(config, createLogger('silent'));
  const c = getCollections(app.database.db);
  try {
    console.log(`preparing ${POOL} write targets of each kind in ${config.mongodbDb} …`);
    await createWriteTargets(c);
    const initial = {
      articles: await c.articles.countDocuments(),
      quotes: await c.quotes.countDocuments(),
      persons: await c.persons.countDocuments(),
    };

    // Warm up (JIT, pools, caches), then measure the heap from a settled state.
    await autocannon({
      url: app.url,
      connections: READERS,
      duration: 3,
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', body: READ_QUERY }],
    });
    gc();
    const heapStart = process.memoryUsage().heapUsed;

    const acknowledged = { deletes: new Set<number>(), merges: new Set<number>(), edits: new Set<number>() };
    const graphqlErrors = new Map<string, number>();
    const noteErrors = (body: string) => {
      try {
        for (const e of (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? [])
          graphqlErrors.set(e.extensions?.code ?? '?', (graphqlErrors.get(e.extensions?.code ?? '?') ?? 0) + 1);
      } catch {
        graphqlErrors.set('UNPARSEABLE', (graphqlErrors.get('UNPARSEABLE') ?? 0) + 1);
      }
    };

    let next = 0;
    const writeRequest: AutocannonRequest = {
      method: 'POST',
      setupRequest: (request, context) => {
        const n = next++;
        const k = Math.floor(n / 3);
        context.kind = n % 3;
        context.k = k;
        if (k >= POOL) throw new Error('write pool exhausted: raise --pool');
        const input =
          n % 3 === 0
            ? {
                q: 'mutation D($i: DeleteArticleInput!) { deleteArticle(input: $i) { deletedQuotes deletedMeetings } }',
                i: { articleId: gid('Article', articleId(`load-article-${k}`)) },
              }
            : n % 3 === 1
              ? {
                  q: 'mutation M($i: MergePersonsInput!) { mergePersons(input: $i) { state movedQuotes } }',
                  i: {
                    survivorId: gid('Person', personId(`load-survivor-${k % 10}`)),
                    mergedId: gid('Person', personId(`load-dup-${k}`)),
                  },
                }
              : {
                  q: 'mutation U($i: UpdatePersonInput!) { updatePerson(input: $i) { person { role } } }',
                  i: { personId: gid('Person', personId(`load-edit-${k}`)), role: `role-${k}` },
                };
        return { ...request, body: JSON.stringify({ query: input.q, variables: { i: input.i } }) };
      },
      onResponse: (status, body, context) => {
        noteErrors(body);
        const parsed =
          status === 200 ? (JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown[] }) : null;
        if (!parsed || parsed.errors || !parsed.data) return;
        const k = context.k as number;
        [acknowledged.deletes, acknowledged.merges, acknowledged.edits][context.kind as number]!.add(k);
      },
    };

    // Two equal halves: bounded caches (parsed documents, metric label sets) fill in the first, so
    // heap growth from the end of the first half to the end of the second is what a leak would show.
    const half = DURATION / 2;
    const runHalf = () =>
      Promise.all([
        autocannon({
          url: app.url,
          connections: READERS,
          duration: half,
          timeout: 30,
          headers: { 'content-type': 'application/json' },
          requests: [{ method: 'POST', body: READ_QUERY, onResponse: (_s, body) => noteErrors(body) }],
        }),
        autocannon({
          url: app.url,
          connections: WRITERS,
          amount: Math.round(WRITES / 2),
          overallRate: WRITE_RATE,
          timeout: 30,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          requests: [writeRequest],
        }),
      ]);
    const settledHeap = async () => {
      await new Promise((r) => setTimeout(r, 500));
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    console.log(
      `running ${DURATION} s (two halves): ${READERS} connections on the nested person query, ${WRITERS} on the mutation mix at ${WRITE_RATE}/s …`,
    );
    const [reads1, writes1] = await runHalf();
    const heapMiddle = await settledHeap();
    const [reads2, writes2] = await runHalf();
    const combine = (a: AutocannonResult, b: AutocannonResult): AutocannonResult => ({
      requests: { total: a.requests.total + b.requests.total, average: (a.requests.average + b.requests.average) / 2 },
      latency: {
        p50: Math.max(a.latency.p50, b.latency.p50),
        p99: Math.max(a.latency.p99, b.latency.p99),
        max: Math.max(a.latency.max, b.latency.max),
      },
      errors: a.errors + b.errors,
      timeouts: a.timeouts + b.timeouts,
      non2xx: a.non2xx + b.non2xx,
      statusCodeStats: Object.fromEntries(
        [...new Set([...Object.keys(a.statusCodeStats), ...Object.keys(b.statusCodeStats)])].map((code) => [
          code,
          { count: (a.statusCodeStats[code]?.count ?? 0) + (b.statusCodeStats[code]?.count ?? 0) },
        ]),
      ),
    });
    const reads = combine(reads1, reads2);
    const writes = combine(writes1, writes2);

    // Verify writes by counting: acknowledged ones happened exactly once, the rest not at all.
    const problems: string[] = [];
    const deletedIds = [...acknowledged.deletes].map((k) => articleId(`load-article-${k}`));
    const articlesLeft = await c.articles.countDocuments();
    if (articlesLeft !== initial.articles - acknowledged.deletes.size)
      problems.push(`articles: ${articlesLeft} left, expected ${initial.articles - acknowledged.deletes.size}`);
    if (await c.articles.countDocuments({ _id: { $in: deletedIds } }))
      problems.push('an acknowledged delete left its article');
    if (await c.quotes.countDocuments({ articleId: { $in: deletedIds } }))
      problems.push('an acknowledged delete left quotes');
    const quotesLeft = await c.quotes.countDocuments();
    if (quotesLeft !== initial.quotes - 2 * acknowledged.deletes.size)
      problems.push(`quotes: ${quotesLeft}, expected ${initial.quotes - 2 * acknowledged.deletes.size}`);
    const mergesDone = await mergesCollection(c).countDocuments({ state: 'DONE' });
    if (mergesDone !== acknowledged.merges.size)
      problems.push(`merges: ${mergesDone} DONE, ${acknowledged.merges.size} acknowledged`);
    if (await mergesCollection(c).countDocuments({ state: 'PENDING' })) problems.push('a merge is left PENDING');
    const mergedIds = [...acknowledged.merges].map((k) => personId(`load-dup-${k}`));
    if (await c.persons.countDocuments({ _id: { $in: mergedIds } }))
      problems.push('an acknowledged merge left the merged person');
    if (await c.quotes.countDocuments({ speakerId: { $in: mergedIds } }))
      problems.push('an acknowledged merge left quotes on the merged person');
    const personsLeft = await c.persons.countDocuments();
    if (personsLeft !== initial.persons - acknowledged.merges.size)
      problems.push(`persons: ${personsLeft}, expected ${initial.persons - acknowledged.merges.size}`);
    const duplicated = await c.meetings.find({}, { projection: { participantIds: 1 } }).toArray();
    if (duplicated.some((m) => new Set(m.participantIds.map(String)).size !== m.participantIds.length))
      problems.push('a meeting lists a participant twice');
    const edited = await c.persons.countDocuments({ role: { $regex: '^role-' } });
    if (edited !== acknowledged.edits.size)
      problems.push(`edits: ${edited} persons changed, ${acknowledged.edits.size} acknowledged`);

    const fiveXXTotal = Object.entries(reads.statusCodeStats)
      .concat(Object.entries(writes.statusCodeStats))
      .filter(([code]) => code.startsWith('5'))
      .reduce((n, [, s]) => n + s.count, 0);
    if (fiveXXTotal) problems.push(`${fiveXXTotal} responses with 5xx`);
    if (reads.errors || writes.errors || reads.timeouts || writes.timeouts)
      problems.push(`socket errors ${reads.errors + writes.errors}, timeouts ${reads.timeouts + writes.timeouts}`);
    if (graphqlErrors.size) problems.push(`GraphQL errors: ${JSON.stringify(Object.fromEntries(graphqlErrors))}`);
    if (next !== WRITES) problems.push(`${next} writes sent, ${WRITES} planned`);
    const acknowledgedTotal = acknowledged.deletes.size + acknowledged.merges.size + acknowledged.edits.size;
    if (acknowledgedTotal !== WRITES) problems.push(`${acknowledgedTotal} of ${WRITES} writes acknowledged`);

    // Heap after the run, settled: the connections are closed and a full GC has run.
    const heapEnd = await settledHeap();
    const heapGrowth = heapEnd - heapMiddle;
    if (heapGrowth > 2 * 1_048_576) problems.push(`heap grew by ${mb(heapGrowth)} MB over the second half`);

    const report = {
      durationSeconds: DURATION,
      database: app.database.description,
      reads: {
        connections: READERS,
        requests: reads.requests.total,
        perSecond: reads.requests.average,
        p50ms: reads.latency.p50,
        p99ms: reads.latency.p99,
        maxMs: reads.latency.max,
      },
      writes: {
        connections: WRITERS,
        requests: writes.requests.total,
        perSecond: writes.requests.average,
        p50ms: writes.latency.p50,
        p99ms: writes.latency.p99,
        maxMs: writes.latency.max,
        sent: next,
        acknowledged: {
          deletes: acknowledged.deletes.size,
          merges: acknowledged.merges.size,
          edits: acknowledged.edits.size,
        },
      },
      statusCodes: { reads: reads.statusCodeStats, writes: writes.statusCodeStats },
      fiveXX: fiveXXTotal,
      heapMB: {
        afterWarmUp: mb(heapStart),
        afterFirstHalf: mb(heapMiddle),
        end: mb(heapEnd),
        growthOverSecondHalf: mb(heapGrowth),
      },
      note: 'latencies are the worse of the two halves',
      verdict: problems.length ? 'FAIL' : 'PASS',
      problems,
    };
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    await app.database.db.dropDatabase().catch(() => {});
    await app.stop();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
