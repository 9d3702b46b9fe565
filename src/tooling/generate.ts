/**
 * Deterministic synthetic news articles for measuring extractor throughput. Each article is built
 * from templates in the scraped form (title, timestamp, repeated caption, byline, body, footer) and
 * comes with the quotes and meetings it states, so the synthetic set can be scored too.
 */
import { mulberry32 } from './random.js';

export interface GeneratedArticle {
  name: string;
  raw: string;
  expected: { quotes: { paragraph: number; text: string; speaker: string }[]; meetings: string[][] };
}

const GIVEN = [
  'Anna',
  'Marco',
  'Lena',
  'Omar',
  'Sofia',
  'Daniel',
  'Ines',
  'Victor',
  'Hana',
  'Tomas',
  'Rosa',
  'Felix',
  'Clara',
  'Ivan',
  'Nadia',
  'Pablo',
];
const FAMILY = [
  'Berger',
  'Costa',
  'Novak',
  'Haddad',
  'Lindqvist',
  'Moreau',
  'Okafor',
  'Tanaka',
  'Varga',
  'Weiss',
  'Duarte',
  'Kovac',
  'Laurent',
  'Petrov',
  'Romero',
  'Sato',
];
const KOREAN = [
  'Kim Min-jun',
  'Lee Seo-yeon',
  'Park Ji-hoon',
  'Choi Yu-na',
  'Jung Hae-won',
  'Kang Dong-hyun',
  'Yoon Ji-woo',
  'Han Soo-bin',
];
const TITLES = [
  'Foreign Minister',
  'Trade Minister',
  'Finance Minister',
  'Defense Minister',
  'Ambassador',
  'Governor',
  'Senator',
  'Mayor',
];
const CITIES = ['Seoul', 'Tokyo', 'Berlin', 'Lisbon', 'Jakarta', 'Canberra', 'Brussels', 'Singapore'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const TOPICS = [
  'tariffs',
  'energy prices',
  'the border dispute',
  'fishing rights',
  'chip exports',
  'climate finance',
  'rail links',
  'visa rules',
];
const QUOTES = [
  'We will not accept any deal that hurts our farmers',
  'The talks were frank and useful',
  'Our door remains open to dialogue',
  'This agreement is only the first step',
  'Nobody wins a trade war',
  'We expect results before the end of the year',
];
const PARTIALS = [
  'a serious mistake',
  'deeply concerned',
  'a new chapter',
  'good faith',
  'without preconditions',
  'a turning point',
];

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const surname = (name: string) => (/-/.test(name) ? name.split(' ')[0]! : name.split(' ').pop()!);

export function generateArticles(count: number, seed: number): GeneratedArticle[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    // Four different people per article; surnames distinct so the expected speakers are unambiguous.
    const people: string[] = [];
    while (people.length < 4) {
      const name = rnd() < 0.3 ? pick(KOREAN) : `${pick(GIVEN)} ${pick(FAMILY)}`;
      if (!people.some((p) => surname(p) === surname(name))) people.push(name);
    }
    const [a, b, c, d] = people as [string, string, string, string];
    const [ta, tb, tc] = [pick(TITLES), pick(TITLES), pick(TITLES)];
    const city = pick(CITIES);
    const day = pick(DAYS);
    const topic = pick(TOPICS);
    const q1 = pick(QUOTES);
    const q2 = pick(QUOTES.filter((q) => q !== q1));
    const p1 = pick(PARTIALS);
    const p2 = pick(PARTIALS.filter((p) => p !== p1));
    const paragraphs = [
      `${ta} ${a} met ${tb} ${b} in ${city} on ${day} to discuss ${topic}, with ${surname(a)} calling the talks "${p1}."`,
      `"${q1}," ${surname(a)} told reporters after the meeting.`,
      `${c}, a senior analyst at the ${pick(CITIES)} Institute for Policy Studies, said the two sides remained "${p2}."`,
      `After meeting with ${surname(b)}, ${surname(a)} held talks with ${tc} ${d}.`,
      `"${q2}," said ${surname(d)}.`,
      `The ministry said the next round would take place "${pick(['soon', 'in the autumn', 'after the election'])}."`,
    ];
    const caption = `${ta} ${a}, left, shakes hands with ${tb} ${b} in ${city}, ${day}. Yonhap`;
    const raw = [
      `${surname(a)} and ${surname(b)} discuss ${topic} in ${city} (${i + 1})`,
      `2024-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')} 0${i % 10}:15:00`,
      '',
      caption,
      caption,
      '',
      `By ${pick(GIVEN)} ${pick(FAMILY)}`,
      '',
      ...paragraphs.map((p) => (rnd() < 0.2 ? `<p>${p.replace(/"/g, '&quot;')}</p>` : p)),
      '',
      'Copyright 2024 Synthetic Wire. All rights reserved.',
    ].join('\n');
    articles.push({
      name: `generated-${String(i + 1).padStart(4, '0')}.txt`,
      raw,
      expected: {
        quotes: [
          { paragraph: 1, text: p1, speaker: slug(a) },
          { paragraph: 2, text: q1, speaker: slug(a) },
          { paragraph: 3, text: p2, speaker: slug(c) },
          { paragraph: 5, text: q2, speaker: slug(d) },
        ],
        meetings: [
          [slug(a), slug(b)],
          [slug(a), slug(d)],
        ].map((m) => m.sort()),
      },
    });
  }
  return articles;
}
