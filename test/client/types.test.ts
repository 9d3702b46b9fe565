/**
 * Type-level tests: the generated result and variable types are exact. `npm run typecheck` checks
 * these (vitest runs them too, where they are no-ops), so renaming or removing a field in the schema
 * or an operation fails the build until the client code is updated.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { TypedDocumentString } from '../../src/client/generated/graphql.js';
import {
  DashboardStatsQuery,
  type MeetingGraphQuery,
  type PersonActivityQuery,
  TimelineQuery,
  TopSpeakersQuery,
} from '../../src/client/operations.js';
import { execute } from '../../src/client/request.js';

type ResultOf<D> = D extends TypedDocumentString<infer R, infer _V> ? R : never;
type VariablesOf<D> = D extends TypedDocumentString<infer _R, infer V> ? V : never;

describe('generated operation types', () => {
  it('DashboardStats', () => {
    expectTypeOf<ResultOf<typeof DashboardStatsQuery>>().toEqualTypeOf<{
      stats: {
        articleCount: number | null;
        personCount: number | null;
        organizationCount: number | null;
        quoteCount: number | null;
        meetingCount: number | null;
      } | null;
    }>();
  });

  it('TopSpeakers', () => {
    expectTypeOf<ResultOf<typeof TopSpeakersQuery>>().toEqualTypeOf<{
      topSpeakers: Array<{ quoteCount: number; person: { slug: string | null; name: string | null } }> | null;
    }>();
    expectTypeOf<VariablesOf<typeof TopSpeakersQuery>>().toEqualTypeOf<{
      limit: number;
      from?: string | null;
      to?: string | null;
    }>();
  });

  it('MeetingGraph', () => {
    expectTypeOf<ResultOf<typeof MeetingGraphQuery>>().toEqualTypeOf<{
      meetingGraph: {
        totalEdgeCount: number;
        nodes: Array<{ slug: string | null; name: string | null }>;
        edges: Array<{ weight: number; source: { slug: string | null }; target: { slug: string | null } }>;
      } | null;
    }>();
  });

  it('Timeline: the bucket is the enum, dates are YYYY-MM-DD strings', () => {
    expectTypeOf<ResultOf<typeof TimelineQuery>>().toEqualTypeOf<{
      timeline: Array<{ start: string; end: string; quoteCount: number; meetingCount: number }> | null;
    }>();
    expectTypeOf<VariablesOf<typeof TimelineQuery>>().toEqualTypeOf<{
      bucket: 'DAY' | 'WEEK' | 'MONTH';
      from?: string | null;
      to?: string | null;
    }>();
  });

  it('PersonActivity: nested selections, enums and connection shapes', () => {
    type Person = NonNullable<ResultOf<typeof PersonActivityQuery>['person']>;
    type Quote = NonNullable<Person['quotes']>['edges'][number]['node'];
    type Meeting = NonNullable<Person['meetings']>['edges'][number]['node'];
    expectTypeOf<Quote>().toEqualTypeOf<{
      text: string | null;
      kind: 'FULL' | 'PARTIAL' | 'CONTINUATION' | null;
      date: string | null;
      paragraph: { index: number | null; article: { slug: string | null; title: string | null } | null } | null;
    }>();
    expectTypeOf<Meeting['participants']>().toEqualTypeOf<Array<{ slug: string | null; name: string | null }> | null>();
    expectTypeOf<Meeting['datePrecision']>().toEqualTypeOf<'DAY' | 'MONTH' | 'YEAR' | null>();
    expectTypeOf<NonNullable<Person['metWith']>['edges'][number]['meetingCount']>().toEqualTypeOf<number | null>();
    expectTypeOf<VariablesOf<typeof PersonActivityQuery>>().toEqualTypeOf<{ slug: string; first: number }>();
  });

  it('execute() takes the variables the document declares and returns its result type', () => {
    expectTypeOf(
      execute<ResultOf<typeof TopSpeakersQuery>, VariablesOf<typeof TopSpeakersQuery>>,
    ).returns.resolves.toEqualTypeOf<ResultOf<typeof TopSpeakersQuery>>();
    // Fields that were not selected do not exist on the result, and variables are checked.
    type Speaker = NonNullable<ResultOf<typeof TopSpeakersQuery>['topSpeakers']>[number];
    expectTypeOf<Speaker['person']>().not.toHaveProperty('role');
    const typed = (): void => {
      // @ts-expect-error "limit" is required
      void execute('http://x', TopSpeakersQuery, {});
      // @ts-expect-error "bucket" must be DAY, WEEK or MONTH
      void execute('http://x', TimelineQuery, { bucket: 'YEAR' });
      // Operations without variables need none.
      void execute('http://x', DashboardStatsQuery);
    };
    expectTypeOf(typed).toBeFunction();
  });
});
