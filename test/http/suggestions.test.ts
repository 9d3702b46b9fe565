/**
 * No "Did you mean …" anywhere: each of the eight typo kinds (field, argument, type, input field,
 * enum value, directive, fragment, variable type), in literals and in variables, gets its error
 * without a suggestion — with introspection off, as in production, and on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';
import { securedServer } from '../support/server.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('suggestions');
});
afterAll(async () => {
  await t?.dispose();
});

/** [kind, query, variables, what the error still says, a name it must not suggest]. */
const TYPOS: [string, string, Record<string, unknown> | undefined, RegExp, string][] = [
  ['field', '{ persns(first: 1) { totalCount } }', undefined, /Cannot query field "persns"/, '"persons"'],
  ['argument', '{ persons(frist: 1) { totalCount } }', undefined, /Unknown argument "frist"/, '"first"'],
  ['type', '{ ...F } fragment F on Querry { stats { personCount } }', undefined, /Unknown type "Querry"/, '"Query"'],
  [
    'input field (literal)',
    '{ quotes(filter: { speakr: "x" }) { totalCount } }',
    undefined,
    /"speakr" is not defined/,
    '"speaker"',
  ],
  [
    'input field (variable)',
    'query($f: QuoteFilter) { quotes(filter: $f) { totalCount } }',
    { f: { speakr: 'x' } },
    /"speakr" is not defined/,
    '"speaker"',
  ],
  [
    'enum value (literal)',
    '{ timeline(bucket: MONTHS) { quoteCount } }',
    undefined,
    /"MONTHS" does not exist/,
    '"MONTH"',
  ],
  [
    'enum value (variable)',
    'query($b: TimeBucket!) { timeline(bucket: $b) { quoteCount } }',
    { b: 'MONTHS' },
    /"MONTHS" does not exist/,
    '"MONTH"',
  ],
  ['directive', '{ stats @skp(if: true) { personCount } }', undefined, /Unknown directive "@skp"/, '"@skip"'],
  [
    'fragment',
    '{ ...Stats ...Statz } fragment Stats on Query { stats { personCount } }',
    undefined,
    /Unknown fragment "Statz"/,
    '"Stats"',
  ],
  [
    'variable type',
    'query($f: QuoteFiltr) { quotes(filter: $f) { totalCount } }',
    {},
    /Unknown type "QuoteFiltr"/,
    '"QuoteFilter"',
  ],
];

describe('no suggestions in error messages', () => {
  for (const introspection of [false, true])
    it(`every typo kind, introspection ${introspection ? 'on' : 'off'}`, async () => {
      const yoga = securedServer(t.collections, { introspection });
      for (const [kind, query, variables, says, suggestion] of TYPOS) {
        const r = await execute(yoga, query, variables);
        const messages = (r.body.errors ?? []).map((e) => e.message);
        expect(messages.length, kind).toBeGreaterThan(0);
        expect(messages.join('\n'), kind).toMatch(says);
        for (const m of messages) {
          expect(m, kind).not.toMatch(/did you mean/i);
          expect(m, kind).not.toContain(`mean ${suggestion}`);
          if (kind !== 'fragment') expect(m, kind).not.toContain(suggestion);
        }
      }
    });
});
