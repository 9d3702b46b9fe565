/**
 * Text that is not well-formed Unicode is refused with BAD_USER_INPUT before anything is stored
 * (the driver would write a lone surrogate as U+FFFD, and a lenient body decoder would do the same
 * with invalid UTF-8): in variables, in inline literals (escaped or raw) and as raw body bytes. A
 * well-formed surrogate pair (an emoji) is stored as sent.
 */
import type { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsgraphServer } from '../../src/http/server.js';
import { seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute, type GraphQLResponse } from '../support/graphql.js';
import { asCurator, globalId, securedServer } from '../support/server.js';

let t: TestDatabase;
let yoga: NewsgraphServer;
let person: { _id: ObjectId; role?: string | null };

beforeAll(async () => {
  t = await openTestDatabase('surrogates');
  await seedDatabase(t.collections);
  yoga = securedServer(t.collections);
  person = (await t.collections.persons.findOne({}))!;
});
afterAll(async () => {
  await t?.dispose();
});

const UPDATE = 'mutation U($input: UpdatePersonInput!) { updatePerson(input: $input) { person { role } } }';
const inline = (role: string) =>
  `mutation { updatePerson(input: { personId: "${globalId('Person', person._id)}", role: "${role}" }) { person { role } } }`;
const storedRole = async () => (await t.collections.persons.findOne({ _id: person._id }))!.role;

async function postBytes(body: Buffer): Promise<GraphQLResponse> {
  const response = await yoga.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asCurator },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as GraphQLResponse['body'],
  };
}

describe('lone surrogates and invalid UTF-8 are refused before storage', () => {
  it('in a variable (JSON "\\ud800"), in an inline literal (escaped "\\uD800" or raw), as invalid UTF-8 bytes', async () => {
    const before = await storedRole();
    const lone = 'envoy \ud800 x';
    const attempts = [
      await execute(yoga, UPDATE, { input: { personId: globalId('Person', person._id), role: lone } }, asCurator),
      await execute(
        yoga,
        UPDATE,
        { input: { personId: globalId('Person', person._id), role: 'x', aliases: ['\udc00'] } },
        asCurator,
      ),
      await execute(yoga, inline('envoy \\uD800 x'), undefined, asCurator),
      await execute(yoga, inline('envoy \\u{DC00} x'), undefined, asCurator),
      await execute(yoga, inline(lone), undefined, asCurator),
    ];
    // CESU-8 / WTF-8 bytes of U+D800 (ED A0 80) inside the JSON string: not UTF-8.
    const json = JSON.stringify({
      query: UPDATE,
      variables: { input: { personId: globalId('Person', person._id), role: 'RAW' } },
    });
    const [head, tail] = json.split('RAW') as [string, string];
    attempts.push(
      await postBytes(Buffer.concat([Buffer.from(head), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(tail)])),
    );
    for (const [i, r] of attempts.entries()) {
      expect(r.status, `attempt ${i}`).toBe(400);
      expect(r.body.errors?.[0]?.extensions?.code, `attempt ${i}`).toBe('BAD_USER_INPUT');
    }
    expect(await storedRole()).toBe(before);
  });

  it('a well-formed pair is taken and stored as sent', async () => {
    const role = 'envoy 😀 \u{1F30D}';
    const r = await execute(yoga, UPDATE, { input: { personId: globalId('Person', person._id), role } }, asCurator);
    expect(r.body.errors).toBeUndefined();
    expect(await storedRole()).toBe(role);
    // And inline, escaped as a pair.
    const escaped = await execute(yoga, inline('a \\uD83D\\uDE00'), undefined, asCurator);
    expect(escaped.body.errors).toBeUndefined();
    expect(await storedRole()).toBe('a 😀');
  });
});
