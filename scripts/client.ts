/**
 * Example typed client: who said what, and who met whom, for one person.
 *
 *   npm run client -- sung-kim [--url http://127.0.0.1:4000/graphql]
 *
 * Uses only the generated document and types (src/client/generated/) and `fetch`. The URL defaults
 * to $NEWSGRAPH_URL, else http://127.0.0.1:4000/graphql (what `npm start` listens on).
 */
import type { PersonActivityQuery } from '../src/client/generated/graphql.js';
import { PersonActivityQuery as PersonActivityDocument } from '../src/client/operations.js';
import { execute, GraphQLRequestError } from '../src/client/request.js';
import { formatTable } from '../src/client/table.js';
import { parseCommand } from '../src/cli.js';

/** The API's largest page: one request answers for all but the most prolific people. */
const PAGE_SIZE = 100;

type Person = NonNullable<PersonActivityQuery['person']>;

/** Articles get short labels ([1], [2], …) in the tables and are listed once below them. */
class ArticleLabels {
  private readonly labels = new Map<string, { label: string; title: string }>();
  label(article: { slug: string | null; title: string | null } | null | undefined): string {
    if (!article?.slug) return '?';
    let entry = this.labels.get(article.slug);
    if (!entry) {
      entry = { label: `[${this.labels.size + 1}]`, title: article.title ?? '' };
      this.labels.set(article.slug, entry);
    }
    return entry.label;
  }
  legend(): string {
    return [...this.labels].map(([slug, { label, title }]) => `  ${label} ${title} (${slug})`).join('\n');
  }
}

const more = (shown: number, total: number) => (total > shown ? `\n  … and ${total - shown} more` : '');

/** Renders the person's quotes, meetings and meeting partners as text tables. */
function renderPersonActivity(person: Person): string {
  const articles = new ArticleLabels();
  const sections: string[] = [`${person.name ?? person.slug}${person.role ? ` — ${person.role}` : ''}`];

  const quotes = person.quotes?.edges.map((e) => e.node) ?? [];
  sections.push(
    `\nWho said what: ${person.quotes?.totalCount ?? 0} quote(s)\n` +
      formatTable(
        [{ header: 'DATE' }, { header: 'KIND' }, { header: 'QUOTE', maxWidth: 72 }, { header: 'SOURCE' }],
        quotes.map((q) => [
          q.date ?? '',
          q.kind ?? '',
          `“${q.text ?? ''}”`,
          `${articles.label(q.paragraph?.article)} ¶${q.paragraph?.index ?? '?'}`,
        ]),
      ) +
      more(quotes.length, person.quotes?.totalCount ?? 0),
  );

  const meetings = person.meetings?.edges.map((e) => e.node) ?? [];
  sections.push(
    `\nWho met whom: ${person.meetings?.totalCount ?? 0} meeting(s)\n` +
      formatTable(
        [
          { header: 'DATE' },
          { header: 'KIND' },
          { header: 'PLACE', maxWidth: 32 },
          { header: 'PARTICIPANTS', maxWidth: 40 },
          { header: 'SOURCE' },
        ],
        meetings.map((m) => [
          // Only as much of the date as the article states: 2018, 2024-05 or 2024-05-21.
          (m.date ?? '').slice(0, m.datePrecision === 'YEAR' ? 4 : m.datePrecision === 'MONTH' ? 7 : 10),
          m.kind ?? '',
          m.location ?? '—',
          (m.participants ?? []).map((p) => p.name ?? p.slug).join(', '),
          `${articles.label(m.paragraph?.article)} ¶${m.paragraph?.index ?? '?'}`,
        ]),
      ) +
      more(meetings.length, person.meetings?.totalCount ?? 0),
  );

  const partners = person.metWith?.edges ?? [];
  sections.push(
    `\nMet with: ${person.metWith?.totalCount ?? 0} person(s)\n` +
      formatTable(
        [{ header: 'PERSON' }, { header: 'MEETINGS' }],
        partners.map((p) => [p.node.name ?? p.node.slug ?? '', String(p.meetingCount ?? 0)]),
      ) +
      more(partners.length, person.metWith?.totalCount ?? 0),
  );

  sections.push(`\nSources\n${articles.legend() || '  (none)'}`);
  return sections.join('\n');
}

async function main(): Promise<number> {
  const parsed = parseCommand({
    command: 'npm run client --',
    args: '<person-slug>',
    summary: "Prints a person's quotes and meetings with where they were read, through the typed client.",
    options: {
      url: {
        type: 'string',
        value: '<url>',
        description: 'the GraphQL endpoint (default $NEWSGRAPH_URL, else http://127.0.0.1:4000/graphql)',
      },
    },
    positionals: { min: 1, max: 1 },
  });
  const slug = parsed.positionals[0]!;
  const url = parsed.values.url || process.env.NEWSGRAPH_URL || 'http://127.0.0.1:4000/graphql';

  try {
    const { person } = await execute(url, PersonActivityDocument, { slug, first: PAGE_SIZE });
    if (!person) {
      console.error(`No person with slug "${slug}" at ${url}`);
      return 1;
    }
    console.log(renderPersonActivity(person));
    return 0;
  } catch (error) {
    if (error instanceof GraphQLRequestError) console.error(`GraphQL request failed: ${error.message}`);
    else
      console.error(
        `Could not query ${url}: ${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`,
      );
    return 1;
  }
}

process.exitCode = await main();
