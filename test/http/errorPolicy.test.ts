/**
 * The bad-input corpus (test/fixtures/bad-input.ts) against every argument it fits. Each request
 * must end in a typed error (code present, never INTERNAL_SERVER_ERROR, status < 500) or succeed
 * with the input taken literally; a snapshot of the database taken before and after proves that
 * nothing changed.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../../src/db/ids.js';
import { schema } from '../../src/schema/index.js';
import { seedDatabase } from '../../src/seed/load.js';
import type { NewsgraphServer } from '../../src/http/server.js';
import {
  HOSTILE_STRINGS,
  MALFORMED_CURSORS,
  MALFORMED_IDS,
  MALFORMED_REQUESTS,
  OPERATOR_OBJECTS,
  WRONG_TYPED_VARIABLES,
} from '../fixtures/bad-input.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute, type GraphQLResponse } from '../support/graphql.js';
import { asCurator, globalId, securedServer, snapshot } from '../support/server.js';

let t: TestDatabase;
let yoga: NewsgraphServer;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  t = await openTestDatabase('badinput');
  await seedDatabase(t.collections);
  yoga = securedServer(t.collections);
  before = await snapshot(t.collections);
});
afterAll(async () => {
  // The whole corpus ran: the database is exactly as seeded.
  expect(await snapshot(t.collections)).toEqual(before);
  await t?.dispose();
});

const TYPED =
  /^(BAD_USER_INPUT|BAD_REQUEST|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|QUERY_TOO_COMPLEX|NOT_FOUND|CSRF_REJECTED|PAYLOAD_TOO_LARGE)$/;

/** A typed refusal or a clean answer; never an unexpected error. */
function expectHandled(result: GraphQLResponse, label: string) {
  expect(result.status, label).toBeLessThan(500);
  for (const error of result.body.errors ?? [])
    expect(error.extensions?.code, `${label}: ${error.message}`).toMatch(TYPED);
}

/** One query per (root field, String/ID argument or input field), with the value as a variable. */
interface Target {
  label: string;
  /** String or ID. */
  type: string;
  query: string;
  wrap: (value: unknown) => Record<string, unknown>;
}

function selectionFor(typeName: string): string {
  if (typeName.endsWith('Connection')) return '{ totalCount edges { cursor } }';
  const type = schema.getType(typeName);
  return type && 'getFields' in type ? '{ __typename }' : '';
}

/** Other required arguments get a harmless value so the target argument is what is tested. */
function fillers(args: readonly GraphQLArgument[], except: string): string {
  return args
    .filter((a) => a.name !== except && isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => {
      const named = getNamedType(a.type);
      return `${a.name}: ${isEnumType(named) ? named.getValues()[0]!.name : '"sung-kim"'}`;
    })
    .join(', ');
}

function stringTargets(kind: 'query' | 'mutation'): Target[] {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const targets: Target[] = [];
  for (const field of Object.values(root.getFields())) {
    const selection = selectionFor(getNamedType(field.type).name);
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      const other = fillers(field.args, arg.name);
      const call = (varType: string, argValue: string) =>
        `${kind} Probe($v: ${varType}) { ${field.name}(${[`${arg.name}: ${argValue}`, other].filter(Boolean).join(', ')}) ${selection} }`;
      if (named.name === 'String' || named.name === 'ID') {
        const listed = String(arg.type).startsWith('[');
        targets.push({
          label: `${field.name}(${arg.name})`,
          type: named.name,
          query: call(listed ? `[${named.name}!]!` : `${named.name}!`, '$v'),
          wrap: (value) => ({ v: listed ? [value] : value }),
        });
      }
      if (isInputObjectType(named)) {
        for (const input of Object.values(named.getFields()) as GraphQLInputField[]) {
          const inputNamed = getNamedType(input.type);
          if (inputNamed.name !== 'String' && inputNamed.name !== 'ID') continue;
          const listed = String(input.type).startsWith('[');
          const required = Object.values(named.getFields()).filter(
            (f) => f.name !== input.name && isNonNullType(f.type),
          );
          targets.push({
            label: `${field.name}(${arg.name}.${input.name})`,
            type: inputNamed.name,
            query: call(`${named.name}!`, '$v'),
            wrap: (value) => ({
              v: {
                ...Object.fromEntries(required.map((f) => [f.name, globalId('Person', personId('sung-kim'))])),
                [input.name]: listed ? [value] : value,
              },
            }),
          });
        }
      }
    }
  }
  return targets;
}

describe('every String/ID argument of every query', () => {
  const targets = stringTargets('query');

  it('covers the string arguments (sanity check of the generator)', () => {
    const labels = targets.map((t) => t.label);
    for (const expected of [
      'person(slug)',
      'persons(search)',
      'persons(after)',
      'quotes(filter.textContains)',
      'node(id)',
      'nodes(ids)',
    ])
      expect(labels).toContain(expected);
  });

  it.each([
    ['hostile strings', HOSTILE_STRINGS],
    ['malformed ids', MALFORMED_IDS],
    ['malformed cursors', MALFORMED_CURSORS],
    ['operator objects', OPERATOR_OBJECTS],
  ] as const)('%s get a typed error or are taken literally, quickly', async (_label, values) => {
    const timed = async (target: Target, value: unknown) => {
      const started = performance.now();
      const result = await execute(yoga, target.query, target.wrap(value));
      return { result, ms: performance.now() - started };
    };
    for (const target of targets) {
      // The same request with a plain literal: what "quick" means on this machine right now.
      const literal = (await timed(target, 'plain literal')).ms;
      for (const value of values) {
        const label = `${target.label} ← ${JSON.stringify(value).slice(0, 60)}`;
        const { result, ms } = await timed(target, value);
        expectHandled(result, label);
        // A regex bomb takes seconds every time; literal matching costs what the plain value costs.
        // Over the bound once, both are timed again, so a pause of a loaded machine is not a failure.
        if (ms <= 5 * literal + 1_000) continue;
        const [again, literalAgain] = [(await timed(target, value)).ms, (await timed(target, 'plain literal')).ms];
        expect(
          again,
          `${label}: ${Math.round(again)} ms vs ${Math.round(literalAgain)} ms for a literal`,
        ).toBeLessThanOrEqual(5 * Math.max(literal, literalAgain) + 1_000);
      }
    }
  });

  it('search text is matched literally, not as a regex or an operator', async () => {
    for (const search of ['.*', '^', '{"$ne": null}', '$where', '(a+)+$']) {
      const res = await execute(
        yoga,
        'query($s: String) { persons(search: $s) { totalCount } articles(search: $s) { totalCount } quotes(filter: { textContains: $s }) { totalCount } }',
        { s: search },
      );
      expect(res.body, search).toEqual({
        data: { persons: { totalCount: 0 }, articles: { totalCount: 0 }, quotes: { totalCount: 0 } },
      });
    }
  });
});

describe('wrong types and huge numbers', () => {
  it.each(WRONG_TYPED_VARIABLES)('%s ← %j is refused with a code or handled', async (type, value) => {
    const query =
      type === 'Int'
        ? 'query($v: Int) { persons(first: $v) { totalCount } topSpeakers(limit: 5) { count } }'
        : type === 'Float'
          ? 'query($v: Float) { quotes(filter: { minConfidence: $v }) { totalCount } }'
          : 'query($v: Date) { articles(from: $v) { totalCount } }';
    expectHandled(await execute(yoga, query, { v: value }), `${type} ${JSON.stringify(value)}`);
  });

  it('Int arguments written inline beyond 32 bits are refused', async () => {
    const res = await execute(yoga, '{ persons(first: 99999999999999999999) { totalCount } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('mutations with hostile input (authenticated)', () => {
  const targets = stringTargets('mutation');

  it('operator objects, malformed ids and over-long strings are refused and write nothing', async () => {
    for (const target of targets) {
      // Ids: operator objects and malformed ids. Text: operator objects and text no field accepts.
      const invalid = target.type === 'ID' ? MALFORMED_IDS : ['x'.repeat(201), '\u0000', '   ', 'a\u001bb'];
      for (const value of [...OPERATOR_OBJECTS, ...invalid]) {
        const result = await execute(yoga, target.query, target.wrap(value), asCurator);
        expectHandled(result, `${target.label} ← ${JSON.stringify(value).slice(0, 60)}`);
        // Every one of these is invalid for every mutation: nothing may have succeeded.
        expect(result.body.errors?.length, target.label).toBeGreaterThan(0);
      }
    }
    expect(await snapshot(t.collections)).toEqual(before);
  });
});

describe('malformed HTTP requests', () => {
  it.each(MALFORMED_REQUESTS)('$name gets a 4xx or a typed error', async ({ method, contentType, body }) => {
    const url =
      method === 'GET'
        ? 'http://127.0.0.1/graphql?query=mutation%7BdeleteArticle(input%3A%7BarticleId%3A%22x%22%7D)%7BdeletedQuotes%7D%7D'
        : 'http://127.0.0.1/graphql';
    const response = await yoga.fetch(url, {
      method,
      headers: {
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(method === 'GET' ? { 'x-graphql-yoga-csrf': '1' } : {}),
        ...asCurator,
      },
      ...(body !== null ? { body } : {}),
    });
    const text = await response.text();
    expect(response.status, text).toBeLessThan(500);
    if (response.status === 200) {
      const parsed = JSON.parse(text) as GraphQLResponse['body'];
      expectHandled({ status: 200, body: parsed }, text);
      expect(parsed.data ?? null, text).toBeNull();
    }
    expect(text).not.toMatch(/Mongo|stack|at .*\.ts:/);
  });
});
