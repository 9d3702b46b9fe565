/**
 * A deterministic synthetic news graph in the seed format (`ArticleGraph`, one per article).
 *
 * Shape at scale 1: 1,000 articles (5–40 paragraphs each), 5,000 persons, 20,000 quotes, 5,000
 * meetings (2–6 participants). Speakers are drawn from a Zipf-like distribution over a random
 * ranking of persons (exponent 1: a few people are quoted thousands of times, most a handful of
 * times or never); meeting participants likewise, a little flatter. Every person is named by at
 * least one article (quoted, meeting or mentioned), so the database ends up with all of them.
 * Quotes are embedded verbatim in their paragraph and carry the exact character span, exactly as
 * `parseSeedFile` would compute it.
 */
import type { ArticleGraph } from '../../src/model/articleGraph.js';
import { Random, Zipf } from './random.js';

export interface GenerateOptions {
  scale: number;
  seed?: string;
}

export const BASE = { articles: 1_000, persons: 5_000, quotes: 20_000, meetings: 5_000, organizations: 200 } as const;

/** How many of each kind a scale produces (fractional scales allowed; at least a handful of each). */
export function countsFor(scale: number) {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number (got ${scale})`);
  return {
    articles: Math.max(3, Math.round(BASE.articles * scale)),
    persons: Math.max(12, Math.round(BASE.persons * scale)),
    quotes: Math.max(10, Math.round(BASE.quotes * scale)),
    meetings: Math.max(3, Math.round(BASE.meetings * scale)),
    organizations: Math.max(3, Math.round(BASE.organizations * scale)),
  };
}

const FIRST = [
  'Ada',
  'Ahmed',
  'Aiko',
  'Alejandro',
  'Amara',
  'Anna',
  'Arjun',
  'Beatriz',
  'Boris',
  'Camille',
  'Chen',
  'Daniel',
  'Dara',
  'Elena',
  'Emeka',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hassan',
  'Ines',
  'Ivan',
  'Jae',
  'James',
  'Jin',
  'Joon',
  'Kaito',
  'Karin',
  'Kwame',
  'Lars',
  'Leila',
  'Lucia',
  'Mai',
  'Marco',
  'Maria',
  'Mateo',
  'Mina',
  'Mohammed',
  'Nadia',
  'Noah',
  'Nour',
  'Olga',
  'Omar',
  'Paulo',
  'Priya',
  'Rafael',
  'Ravi',
  'Rosa',
  'Sakura',
  'Samuel',
  'Sara',
  'Seo',
  'Sofia',
  'Sung',
  'Tariq',
  'Thandiwe',
  'Tomas',
  'Valentina',
  'Wei',
  'Yara',
  'Yusuf',
  'Zanele',
  'Zhang',
  'Ziad',
];
const LAST = [
  'Abe',
  'Adeyemi',
  'Ahn',
  'Alvarez',
  'Andersen',
  'Bae',
  'Bauer',
  'Becker',
  'Bianchi',
  'Cho',
  'Choi',
  'Costa',
  'Da Silva',
  'Dubois',
  'Eriksson',
  'Fernandes',
  'Fischer',
  'Garcia',
  'Gupta',
  'Haddad',
  'Han',
  'Hansen',
  'Hoffmann',
  'Hwang',
  'Ibrahim',
  'Ito',
  'Jang',
  'Jung',
  'Kang',
  'Kato',
  'Khan',
  'Kim',
  'Kowalski',
  'Kumar',
  'Lee',
  'Lim',
  'Lopez',
  'Martin',
  'Mendes',
  'Moreau',
  'Mueller',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Oh',
  'Okafor',
  'Park',
  'Patel',
  'Petrov',
  'Popescu',
  'Rahman',
  'Rossi',
  'Ryu',
  'Sato',
  'Schmidt',
  'Seo',
  'Shin',
  'Silva',
  'Singh',
  'Suzuki',
  'Tanaka',
  'Tran',
  'Ueda',
  'Volkov',
  'Wagner',
  'Wang',
  'Watanabe',
  'Yamamoto',
  'Yang',
  'Yoon',
  'Zhou',
];
const ROLES = [
  'foreign minister',
  'defense minister',
  'president',
  'prime minister',
  'spokesperson',
  'senior fellow',
  'ambassador',
  'special envoy',
  'finance minister',
  'central bank governor',
  'chief executive',
  'analyst',
  'professor',
  'lawmaker',
  'unification minister',
  'national security adviser',
];
const ORG_WORDS = [
  'National',
  'Pacific',
  'Institute',
  'Ministry',
  'Council',
  'Party',
  'Group',
  'Agency',
  'Bank',
  'Union',
  'Forum',
  'Center',
];
const ORG_KINDS = ['GOVERNMENT', 'MEDIA', 'PARTY', 'THINK_TANK', 'COMPANY', 'OTHER'] as const;
const CITIES = [
  'Seoul',
  'Tokyo',
  'Beijing',
  'Washington',
  'Brussels',
  'Jakarta',
  'Canberra',
  'Berlin',
  'Geneva',
  'Singapore',
  'Hanoi',
  'New Delhi',
  null,
];
const WORDS = [
  'alliance',
  'economy',
  'security',
  'dialogue',
  'sanctions',
  'trade',
  'growth',
  'talks',
  'peace',
  'cooperation',
  'policy',
  'region',
  'partners',
  'investment',
  'energy',
  'climate',
  'markets',
  'defense',
  'border',
  'agreement',
  'negotiations',
  'stability',
  'reform',
  'budget',
  'inflation',
  'exports',
  'supply',
  'chips',
  'minerals',
  'workers',
  'farmers',
  'families',
  'future',
  'commitment',
  'we',
  'will',
  'must',
  'cannot',
  'should',
  'continue',
  'support',
  'reject',
  'welcome',
  'expect',
  'believe',
  'ensure',
  'protect',
  'strengthen',
  'review',
  'consider',
  'the',
  'our',
  'their',
  'this',
  'new',
  'long-term',
  'difficult',
  'important',
  'clear',
  'strong',
  'open',
  'fair',
  'shared',
  'regional',
  'global',
  'national',
  'public',
  'people',
  'government',
  'country',
  'nations',
  'step',
  'moment',
  'path',
  'progress',
  'pressure',
  'risk',
  'challenge',
  'opportunity',
  'interests',
  'values',
  'principles',
  'framework',
  'tariffs',
  'relations',
  'summit',
  'visit',
  'meeting',
  'plan',
  'proposal',
  'response',
  'measures',
  'steps',
  'issues',
  'concerns',
];
const HEADLINE = [
  'Talks',
  'Leaders',
  'Ministers',
  'Markets',
  'Envoys',
  'Officials',
  'Allies',
  'Rivals',
  'Lawmakers',
  'Investors',
];
const VERBS = ['weigh', 'reject', 'welcome', 'debate', 'seek', 'pledge', 'resume', 'question', 'back', 'signal'];

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const SPAN_DAYS = 5 * 365;

interface Person {
  slug: string;
  name: string;
  role: string | null;
  aliases: string[];
  organizations: string[];
}
interface Org {
  slug: string;
  name: string;
  aliases: string[];
  kind: (typeof ORG_KINDS)[number];
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function sentence(rng: Random, min: number, max: number): string {
  const n = rng.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

const dayOf = (ms: number) => new Date(Math.floor(ms / DAY) * DAY);

export interface GeneratedGraph {
  graphs: ArticleGraph[];
  counts: ReturnType<typeof countsFor>;
  /** Persons that ended up in some article (all of them, by construction). */
  personSlugs: string[];
}

export function generateNewsGraph({ scale, seed = 'newsgraph' }: GenerateOptions): GeneratedGraph {
  const counts = countsFor(scale);
  const rng = new Random(`${seed}:${scale}`);

  const orgs: Org[] = [];
  for (let i = 0; i < counts.organizations; i++) {
    const name = `${rng.pick(ORG_WORDS)} ${rng.pick(ORG_WORDS)} ${rng.pick(LAST)} ${i}`;
    orgs.push({
      slug: slugify(`org ${name}`),
      name,
      aliases: rng.chance(0.3)
        ? [
            name
              .split(' ')
              .map((w) => w[0])
              .join(''),
          ]
        : [],
      kind: rng.pick(ORG_KINDS),
    });
  }
  const media = orgs.filter((o) => o.kind === 'MEDIA');
  if (media.length === 0) media.push(orgs[0]!);

  const persons: Person[] = [];
  for (let i = 0; i < counts.persons; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const name = `${first} ${last}`;
    const organizations = [...new Set(Array.from({ length: rng.pick([0, 1, 1, 1, 2]) }, () => rng.pick(orgs).slug))];
    persons.push({
      slug: slugify(`${name} ${i.toString(36)}`),
      name,
      role: rng.chance(0.8) ? rng.pick(ROLES) : null,
      aliases: rng.chance(0.25) ? [`${last}`] : [],
      organizations,
    });
  }
  // Popularity: a random ranking of persons; rank 0 is quoted most.
  const ranking = rng.shuffle(persons.map((_, i) => i));
  const quoteZipf = new Zipf(persons.length, 1.0);
  const meetingZipf = new Zipf(persons.length, 0.8);

  interface Draft {
    publishedMs: number;
    paragraphs: number;
    quotes: { speaker: number; paragraph: number }[];
    meetings: { participants: number[]; paragraph: number }[];
    mentions: Set<number>;
  }
  const drafts: Draft[] = [];
  for (let i = 0; i < counts.articles; i++) {
    // 5–40 paragraphs, most articles in the middle (sum of two uniforms).
    const paragraphs = Math.min(40, Math.max(5, Math.round(5 + (rng.next() + rng.next()) * 17.5)));
    drafts.push({
      publishedMs: START + Math.floor(rng.next() * SPAN_DAYS * DAY),
      paragraphs,
      quotes: [],
      meetings: [],
      mentions: new Set(),
    });
  }
  const named = new Uint8Array(persons.length);
  for (let q = 0; q < counts.quotes; q++) {
    const d = rng.pick(drafts);
    const speaker = ranking[quoteZipf.sample(rng)]!;
    named[speaker] = 1;
    d.quotes.push({ speaker, paragraph: rng.int(1, d.paragraphs) });
  }
  const SIZES = [2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6];
  for (let m = 0; m < counts.meetings; m++) {
    const d = rng.pick(drafts);
    const size = Math.min(rng.pick(SIZES), persons.length);
    const participants = new Set<number>();
    while (participants.size < size) participants.add(ranking[meetingZipf.sample(rng)]!);
    for (const p of participants) named[p] = 1;
    d.meetings.push({ participants: [...participants], paragraph: rng.int(1, d.paragraphs) });
  }
  for (const d of drafts) for (let k = rng.int(0, 3); k > 0; k--) d.mentions.add(rng.int(0, persons.length - 1));
  for (const d of drafts) for (const p of d.mentions) named[p] = 1;
  // Everyone else is mentioned somewhere, so every generated person is stored.
  for (let p = 0; p < persons.length; p++) if (!named[p]) rng.pick(drafts).mentions.add(p);

  const graphs: ArticleGraph[] = drafts.map((d, i) => {
    const published = new Date(d.publishedMs);
    const publishedDay = dayOf(d.publishedMs);
    const title = `${rng.pick(HEADLINE)} ${rng.pick(VERBS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
    const slug = slugify(`synthetic ${i.toString().padStart(6, '0')} ${title}`);
    const source = rng.pick(media);
    const inArticle = new Set<number>([
      ...d.quotes.map((q) => q.speaker),
      ...d.meetings.flatMap((m) => m.participants),
      ...d.mentions,
    ]);
    const articlePersons = [...inArticle].sort((a, b) => a - b).map((p) => persons[p]!);
    const orgSlugs = new Set<string>([source.slug, ...articlePersons.flatMap((p) => p.organizations)]);

    // Body: filler sentences, with each quote embedded verbatim as `"text," Name said.`
    const body: string[][] = Array.from({ length: d.paragraphs }, () => [`${sentence(rng, 10, 24)}.`]);
    const quotes: ArticleGraph['quotes'] = [];
    const quoteSpecs = d.quotes.map((q) => ({ ...q, text: sentence(rng, 6, 22) }));
    const parts = body.map((b) => b.join(' '));
    for (const q of quoteSpecs) {
      const before = parts[q.paragraph - 1]!;
      const start = before.length + 2; // after the space and the opening quotation mark
      parts[q.paragraph - 1] = `${before} "${q.text}," ${persons[q.speaker]!.name} said.`;
      const others = articlePersons.filter((p) => p.slug !== persons[q.speaker]!.slug);
      const reported = rng.chance(0.05);
      const stated = rng.chance(0.2);
      quotes.push({
        paragraph: q.paragraph,
        text: q.text,
        start,
        end: start + q.text.length,
        speaker: persons[q.speaker]!.slug,
        kind: rng.chance(0.7) ? 'FULL' : rng.chance(0.85) ? 'PARTIAL' : 'CONTINUATION',
        cue: 'said',
        reportedBy: reported ? { person: null, organization: source.slug } : null,
        addressee: others.length && rng.chance(0.05) ? rng.pick(others).slug : null,
        date: stated ? new Date(publishedDay.getTime() - rng.int(1, 5) * DAY) : publishedDay,
        confidence: rng.chance(0.5) ? 1 : Math.round((0.5 + rng.next() * 0.5) * 100) / 100,
      });
    }
    for (let p = 0; p < parts.length; p++) if (rng.chance(0.5)) parts[p] += ` ${sentence(rng, 8, 20)}.`;
    const captions = Array.from({ length: rng.int(0, 2) }, () => ({
      text: `${sentence(rng, 8, 16)}.`,
      credit: rng.chance(0.7) ? source.name : null,
    }));

    const meetings: ArticleGraph['meetings'] = d.meetings.map((m, k) => {
      const slugs = m.participants.map((p) => persons[p]!.slug).sort();
      const key = `meeting-${k + 1}`;
      return {
        key,
        participants: slugs,
        date: new Date(publishedDay.getTime() - rng.int(0, 3) * DAY),
        datePrecision: rng.chance(0.9) ? 'DAY' : 'MONTH',
        location: rng.pick(CITIES),
        paragraph: m.paragraph,
        kind: rng.chance(0.7) ? 'MEETING' : rng.chance(0.7) ? 'TALKS' : 'SUMMIT',
        // Fixed, so the random stream (and every generated corpus) stays as it was.
        status: 'HAPPENED',
        sieve: null,
        confidence: 1,
        claims: [
          {
            source: 'BODY',
            index: m.paragraph,
            statement: `${m.participants.map((p) => persons[p]!.name).join(', ')} met.`,
            relation: null,
            relativeToKey: null,
          },
        ],
        conflict: null,
      };
    });

    return {
      article: {
        slug,
        title,
        subtitle: rng.chance(0.5) ? `${sentence(rng, 6, 12)}.` : null,
        byline: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
        source: source.name,
        publishedAt: published,
        rawFile: null,
        paragraphs: parts,
        captions,
      },
      organizations: orgs
        .filter((o) => orgSlugs.has(o.slug))
        .map((o) => ({ slug: o.slug, name: o.name, aliases: o.aliases, kind: o.kind, parent: null })),
      persons: articlePersons.map((p) => ({
        slug: p.slug,
        name: p.name,
        role: p.role,
        aliases: p.aliases,
        organizations: p.organizations,
      })),
      quotes,
      meetings,
    };
  });

  return { graphs, counts, personSlugs: persons.map((p) => p.slug) };
}

/** Summary of a generated graph's shape (what the test and the generator's report check). */
export function describeGraph(graphs: ArticleGraph[]) {
  const quotesPer = new Map<string, number>();
  let quotes = 0;
  let meetings = 0;
  let minParagraphs = Infinity;
  let maxParagraphs = 0;
  let minMeeting = Infinity;
  let maxMeeting = 0;
  const persons = new Set<string>();
  for (const g of graphs) {
    quotes += g.quotes.length;
    meetings += g.meetings.length;
    minParagraphs = Math.min(minParagraphs, g.article.paragraphs.length);
    maxParagraphs = Math.max(maxParagraphs, g.article.paragraphs.length);
    for (const p of g.persons) persons.add(p.slug);
    for (const q of g.quotes) quotesPer.set(q.speaker, (quotesPer.get(q.speaker) ?? 0) + 1);
    for (const m of g.meetings) {
      minMeeting = Math.min(minMeeting, m.participants.length);
      maxMeeting = Math.max(maxMeeting, m.participants.length);
    }
  }
  const perSpeaker = [...persons].map((p) => quotesPer.get(p) ?? 0).sort((a, b) => b - a);
  const top1pct = perSpeaker.slice(0, Math.max(1, Math.ceil(perSpeaker.length / 100))).reduce((s, n) => s + n, 0);
  return {
    articles: graphs.length,
    persons: persons.size,
    quotes,
    meetings,
    paragraphs: { min: minParagraphs, max: maxParagraphs },
    meetingSize: { min: minMeeting, max: maxMeeting },
    quotesPerPerson: {
      max: perSpeaker[0] ?? 0,
      median: perSpeaker[Math.floor(perSpeaker.length / 2)] ?? 0,
      /** Share of all quotes said by the top 1% of persons. */
      top1pctShare: quotes ? top1pct / quotes : 0,
    },
  };
}
