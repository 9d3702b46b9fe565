import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';
import {
  CurationError,
  mergePersons,
  mergesCollection,
  resumePendingMerges,
  type MergeStep,
} from '../../src/db/curation.js';
import { articleId, personId, quoteId } from '../../src/db/ids.js';
import { authorizeNodeType, NODE_TYPE_SCOPES } from '../../src/schema/builder.js';
import { schema } from '../../src/schema/index.js';
import { ANONYMOUS, authenticate } from '../../src/auth.js';
import { seedDatabase } from '../../src/seed/load.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute } from '../support/graphql.js';
import {
  API_KEYS,
  API_KEYS_ENV,
  asCurator,
  CURATOR_KEY,
  globalId,
  NO_SCOPE_KEY,
  securedServer,
  snapshot,
} from '../support/server.js';

const ARTICLE = 'north-korea-rejects-us-attempts-to-resume-talks';
// The Moon Jae-in quote in paragraph 19: reported by Park Kyung-mee, addressed to Sung Kim.
const MOON_QUOTE_PARAGRAPH = 19;

let t: TestDatabase;
let yoga: ReturnType<typeof securedServer>;

async function reset() {
  for (const name of ['articles', 'persons', 'organizations', 'quotes', 'meetings', 'merges', 'write_leases'])
    await t.database.db.collection(name).deleteMany({});
  await seedDatabase(t.collections);
}

beforeEach(async () => {
  if (!t) {
    t = await openTestDatabase('curation');
    yoga = securedServer(t.collections);
  }
  await reset();
});
afterAll(async () => t?.dispose());

const DELETE = `mutation Delete($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedArticleId deletedQuotes deletedMeetings } }`;
const UPDATE = `mutation Update($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id slug name role aliases } } }`;
const CORRECT = `mutation Correct($input: CorrectQuoteSpeakerInput!) { correctQuoteSpeaker(input: $input) { quote { id speaker { slug } } previousSpeaker { slug } } }`;
const MERGE = `mutation Merge($input: MergePersonsInput!) { mergePersons(input: $input) { survivor { id slug aliases } mergedSlug state movedQuotes movedMeetings movedArticles } }`;

const aQuote = async () =>
  (await t.collections.quotes.findOne({ paragraph: MOON_QUOTE_PARAGRAPH, addresseeId: { $ne: null } }))!;

describe('authorization', () => {
  const deleteInput = () => ({ input: { articleId: globalId('Article', articleId(ARTICLE)) } });

  it.each([
    ['no key', {}, 'UNAUTHENTICATED'],
    ['an unknown bearer key', { authorization: 'Bearer not-a-key' }, 'UNAUTHENTICATED'],
    ['an unknown x-api-key', { 'x-api-key': 'not-a-key' }, 'UNAUTHENTICATED'],
    ['a malformed authorization header', { authorization: 'Basic Zm9vOmJhcg==' }, 'UNAUTHENTICATED'],
    ['a key without the curate scope', { authorization: `Bearer ${NO_SCOPE_KEY}` }, 'FORBIDDEN'],
  ])('a mutation with %s is refused (%s), before any database command, and nothing is written', async (_label, headers, code) => {
    const before = await snapshot(t.collections);
    for (const [query, variables] of [
      [DELETE, deleteInput()],
      // A malformed id is not even looked at before the key is checked.
      [DELETE, { input: { articleId: 'not-an-id' } }],
      [UPDATE, { input: { personId: globalId('Person', personId('sung-kim')), name: 'X' } }],
      [
        MERGE,
        {
          input: {
            survivorId: globalId('Person', personId('sung-kim')),
            mergedId: globalId('Person', personId('suh-hoon')),
          },
        },
      ],
      [
        CORRECT,
        {
          input: {
            quoteId: globalId('Quote', (await aQuote())._id),
            speakerId: globalId('Person', personId('suh-hoon')),
          },
        },
      ],
    ] as const) {
      const { result, commands } = await countCommands(t.database.client, () =>
        execute(yoga, query, variables, headers),
      );
      expect(errorCode(result)).toBe(code);
      expect(commands).toEqual([]);
    }
    expect(await snapshot(t.collections)).toEqual(before);
  });

  it('the curate key works from either header; reads need no key', async () => {
    const viaXApiKey = await execute(
      yoga,
      UPDATE,
      { input: { personId: globalId('Person', personId('suh-hoon')), role: 'adviser' } },
      { 'x-api-key': CURATOR_KEY },
    );
    expect(viaXApiKey.body.data.updatePerson.person.role).toBe('adviser');
    const read = await execute(yoga, '{ person(slug: "suh-hoon") { role } }');
    expect(read.body).toEqual({ data: { person: { role: 'adviser' } } });
  });

  it('with no keys configured every mutation is refused', async () => {
    const open = securedServer(t.collections, { apiKeys: [] });
    expect(errorCode(await execute(open, DELETE, deleteInput(), asCurator))).toBe('UNAUTHENTICATED');
    expect(await t.collections.articles.countDocuments()).toBe(1);
  });

  it('node lookups: every Node type is declared public or scoped, and a scoped one is refused without its scope', async () => {
    const nodeTypes = Object.values(schema.getTypeMap())
      .filter(
        (type) =>
          'getInterfaces' in type &&
          (type as unknown as { getInterfaces(): { name: string }[] }).getInterfaces().some((i) => i.name === 'Node'),
      )
      .map((type) => type.name)
      .sort();
    expect(nodeTypes).toEqual(Object.keys(NODE_TYPE_SCOPES).sort());
    // Today every node type is public:
    const res = await execute(yoga, `query($id: ID!) { node(id: $id) { ... on Person { slug } } }`, {
      id: globalId('Person', personId('sung-kim')),
    });
    expect(res.body.data.node.slug).toBe('sung-kim');
    // A future non-public type listed with its scope is refused by the same check `node`/`nodes` use:
    const scopes = { ...NODE_TYPE_SCOPES, MergeRecord: 'curate' as const };
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(() => authorizeNodeType('MergeRecord', ANONYMOUS, scopes)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
    expect(() =>
      authorizeNodeType('MergeRecord', authenticate(headers({ 'x-api-key': NO_SCOPE_KEY }), API_KEYS), scopes),
    ).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(() =>
      authorizeNodeType('MergeRecord', authenticate(headers({ 'x-api-key': CURATOR_KEY }), API_KEYS), scopes),
    ).not.toThrow();
    // And an id of an undeclared type is not accepted at all:
    const unknown = Buffer.from(`MergeRecord:${'a'.repeat(24)}`).toString('base64');
    expect(errorCode(await execute(yoga, `query($id: ID!) { node(id: $id) { id } }`, { id: unknown }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('NEWSGRAPH_API_KEYS is validated', () => {
    expect(loadConfig({ NEWSGRAPH_API_KEYS: API_KEYS_ENV }).apiKeys.map((k) => [k.name, [...k.scopes]])).toEqual([
      ['curator', ['curate']],
      ['reader', []],
    ]);
    expect(() => loadConfig({ NEWSGRAPH_API_KEYS: 'alice:not-a-hash:curate' })).toThrowError(ConfigError);
    expect(() => loadConfig({ NEWSGRAPH_API_KEYS: `alice:${'a'.repeat(64)}:admin` })).toThrowError(/unknown scope/);
    // The message never echoes a hash.
    expect(() => loadConfig({ NEWSGRAPH_API_KEYS: `alice:${'b'.repeat(64)}:admin` })).not.toThrowError(/bbbb/);
  });
});

describe('correctQuoteSpeaker', () => {
  it('moves the quote to the new speaker, links the speaker to the article, and a retry changes nothing', async () => {
    const quote = await aQuote();
    const input = {
      input: { quoteId: globalId('Quote', quote._id), speakerId: globalId('Person', personId('suh-hoon')) },
    };
    const first = await execute(yoga, CORRECT, input, asCurator);
    expect(first.body.data.correctQuoteSpeaker).toMatchObject({
      quote: { speaker: { slug: 'suh-hoon' } },
      previousSpeaker: { slug: 'moon-jae-in' },
    });
    const after = await snapshot(t.collections);
    const retry = await execute(yoga, CORRECT, input, asCurator);
    expect(retry.body.data.correctQuoteSpeaker.quote.speaker.slug).toBe('suh-hoon');
    expect(await snapshot(t.collections)).toEqual(after);
    const article = await t.collections.articles.findOne({ _id: quote.articleId });
    expect(article!.personIds.filter((id) => id.equals(personId('suh-hoon')))).toHaveLength(1);
  });

  it('refuses ids of the wrong type or of nothing', async () => {
    const quote = await aQuote();
    const wrongType = await execute(
      yoga,
      CORRECT,
      {
        input: {
          quoteId: globalId('Person', personId('suh-hoon')),
          speakerId: globalId('Person', personId('suh-hoon')),
        },
      },
      asCurator,
    );
    expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
    const missing = await execute(
      yoga,
      CORRECT,
      { input: { quoteId: globalId('Quote', quote._id), speakerId: globalId('Person', personId('nobody')) } },
      asCurator,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const noQuote = await execute(
      yoga,
      CORRECT,
      {
        input: { quoteId: globalId('Quote', quoteId('x', 1, 0)), speakerId: globalId('Person', personId('suh-hoon')) },
      },
      asCurator,
    );
    expect(errorCode(noQuote)).toBe('NOT_FOUND');
  });
});

describe('updatePerson', () => {
  const id = () => globalId('Person', personId('suh-hoon'));

  it('edits name, aliases and role; search follows; the id and slug stay; a retry changes nothing', async () => {
    const input = {
      input: {
        personId: id(),
        name: 'Suh Hoon',
        aliases: ['NSA Suh', 'Suh', 'Suh'],
        role: 'national security adviser',
      },
    };
    const res = await execute(yoga, UPDATE, input, asCurator);
    expect(res.body.data.updatePerson.person).toEqual({
      id: id(),
      slug: 'suh-hoon',
      name: 'Suh Hoon',
      role: 'national security adviser',
      aliases: ['NSA Suh', 'Suh'],
    });
    const after = await snapshot(t.collections);
    await execute(yoga, UPDATE, input, asCurator);
    expect(await snapshot(t.collections)).toEqual(after);
    const search = await execute(yoga, '{ persons(search: "nsa suh") { edges { node { slug } } } }');
    expect(search.body.data.persons.edges).toEqual([{ node: { slug: 'suh-hoon' } }]);
    const cleared = await execute(yoga, UPDATE, { input: { personId: id(), role: null } }, asCurator);
    expect(cleared.body.data.updatePerson.person.role).toBeNull();
  });

  it.each([
    ['an empty name', { name: '   ' }],
    ['a 201-character name', { name: 'x'.repeat(201) }],
    ['a control character', { name: 'Suh\u0000Hoon' }],
    ['51 aliases', { aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }],
    ['nothing to change', {}],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, edit) => {
    const before = await snapshot(t.collections);
    expect(errorCode(await execute(yoga, UPDATE, { input: { personId: id(), ...edit } }, asCurator))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await snapshot(t.collections)).toEqual(before);
  });

  it('accepts exactly 200 characters and 50 aliases', async () => {
    const res = await execute(
      yoga,
      UPDATE,
      { input: { personId: id(), name: 'x'.repeat(200), aliases: Array.from({ length: 50 }, (_, i) => `alias ${i}`) } },
      asCurator,
    );
    expect(res.body.data.updatePerson.person.aliases).toHaveLength(50);
  });
});

describe('mergePersons', () => {
  const DUPLICATE = 'kim-sung';
  const dupId = personId(DUPLICATE);
  const survivorId = personId('sung-kim');

  /** A duplicate of Sung Kim that speaks, relays, is addressed, meets and is named in the article. */
  async function addDuplicate() {
    await t.collections.persons.insertOne({
      _id: dupId,
      slug: DUPLICATE,
      name: 'Kim Sung',
      sortName: 'kim sung',
      role: null,
      aliases: ['Ambassador Kim'],
      searchNames: ['kim sung', 'ambassador kim'],
      organizationIds: [],
    });
    const [spoken, relayed, addressed] = await t.collections.quotes
      .find({ speakerId: personId('cheong-seong-chang') })
      .sort({ _id: 1 })
      .toArray();
    await t.collections.quotes.updateOne({ _id: spoken!._id }, { $set: { speakerId: dupId } });
    await t.collections.quotes.updateOne({ _id: relayed!._id }, { $set: { reportedByPersonId: dupId } });
    await t.collections.quotes.updateOne({ _id: addressed!._id }, { $set: { addresseeId: dupId } });
    // One meeting with the duplicate only, one with both (the merged meeting keeps one copy).
    await t.collections.meetings.updateOne(
      { key: 'moon-jae-in-joe-biden-summit' },
      { $push: { participantIds: dupId } },
    );
    await t.collections.meetings.updateOne({ key: 'sung-kim-suh-hoon' }, { $push: { participantIds: dupId } });
    await t.collections.articles.updateOne({ slug: ARTICLE }, { $push: { personIds: dupId } });
  }

  async function expectMerged() {
    const c = t.collections;
    for (const field of ['speakerId', 'reportedByPersonId', 'addresseeId'] as const)
      expect(await c.quotes.countDocuments({ [field]: dupId })).toBe(0);
    expect(await c.quotes.countDocuments({ speakerId: survivorId })).toBe(4); // 3 seeded + 1 moved
    expect(await c.quotes.countDocuments({ reportedByPersonId: survivorId })).toBe(1);
    expect(await c.quotes.countDocuments({ addresseeId: survivorId })).toBe(2); // 1 seeded + 1 moved
    expect(await c.meetings.countDocuments({ participantIds: dupId })).toBe(0);
    for (const m of await c.meetings.find({ participantIds: survivorId }).toArray())
      expect(m.participantIds.filter((p) => p.equals(survivorId))).toHaveLength(1);
    expect(await c.meetings.countDocuments({ participantIds: survivorId })).toBe(5);
    const article = (await c.articles.findOne({ slug: ARTICLE }))!;
    expect(article.personIds.some((p) => p.equals(dupId))).toBe(false);
    expect(article.personIds.filter((p) => p.equals(survivorId))).toHaveLength(1);
    expect(await c.persons.findOne({ _id: dupId })).toBeNull();
    const survivor = (await c.persons.findOne({ _id: survivorId }))!;
    expect(survivor.aliases).toEqual(expect.arrayContaining(['Kim Sung', 'Ambassador Kim']));
    expect(survivor.searchNames).toEqual(expect.arrayContaining(['kim sung', 'ambassador kim']));
    expect((await mergesCollection(c).findOne({ mergedId: dupId }))!.state).toBe('DONE');
  }

  const input = () => ({ input: { survivorId: globalId('Person', survivorId), mergedId: globalId('Person', dupId) } });

  it('moves quotes (speaker, reportedBy, addressee), meetings and articles to the survivor, keeps its id, and a retry changes nothing', async () => {
    await addDuplicate();
    const res = await execute(yoga, MERGE, input(), asCurator);
    expect(res.body.data.mergePersons).toMatchObject({
      survivor: { id: globalId('Person', survivorId), slug: 'sung-kim' },
      mergedSlug: DUPLICATE,
      state: 'DONE',
      movedQuotes: 3,
      movedMeetings: 2,
      movedArticles: 1,
    });
    await expectMerged();
    const after = await snapshot(t.collections);
    const retry = await execute(yoga, MERGE, input(), asCurator);
    expect(retry.body.data.mergePersons).toEqual(res.body.data.mergePersons);
    expect(await snapshot(t.collections)).toEqual(after);
    // The survivor's graph answers with the moved facts.
    const graph = await execute(
      yoga,
      '{ person(slug: "sung-kim") { quotes { totalCount } meetings { totalCount } } persons(search: "ambassador kim") { edges { node { slug } } } }',
    );
    expect(graph.body.data).toEqual({
      person: { quotes: { totalCount: 4 }, meetings: { totalCount: 5 } },
      persons: { edges: [{ node: { slug: 'sung-kim' } }] },
    });
  });

  it.each([
    'quotes',
    'meetings',
    'articles',
    'survivor',
    'removeMerged',
    'done',
  ] as MergeStep[])('interrupted before step "%s", it completes when retried (nothing half-merged)', async (failAt) => {
    await addDuplicate();
    await expect(
      mergePersons(t.collections, survivorId, dupId, {
        beforeStep: (step) => {
          if (step === failAt) throw new Error(`crash before ${step}`);
        },
      }),
    ).rejects.toThrow(/crash/);
    expect((await mergesCollection(t.collections).findOne({ mergedId: dupId }))!.state).toBe('PENDING');
    const res = await execute(yoga, MERGE, input(), asCurator);
    expect(res.body.data.mergePersons.state).toBe('DONE');
    await expectMerged();
  });

  it('an interrupted merge is finished by resumePendingMerges (run at start-up)', async () => {
    await addDuplicate();
    await expect(
      mergePersons(t.collections, survivorId, dupId, {
        beforeStep: (s) => {
          if (s === 'articles') throw new Error('crash');
        },
      }),
    ).rejects.toThrow();
    expect(await resumePendingMerges(t.collections)).toBe(1);
    await expectMerged();
    expect(await resumePendingMerges(t.collections)).toBe(0);
  });

  it('concurrent identical merges converge to one merge', async () => {
    await addDuplicate();
    const results = await Promise.all(Array.from({ length: 4 }, () => execute(yoga, MERGE, input(), asCurator)));
    for (const r of results) expect(r.body.errors).toBeUndefined();
    await expectMerged();
    expect(await mergesCollection(t.collections).countDocuments({})).toBe(1);
  });

  /** Two plain persons for merge races. */
  async function addPair(label: string) {
    const ids = [personId(`${label}-a`), personId(`${label}-b`)] as const;
    await t.collections.persons.insertMany(
      ids.map((_id, i) => ({
        _id,
        slug: `${label}-${'ab'[i]}`,
        name: `${label} ${i}`,
        sortName: `${label} ${i}`,
        role: null,
        aliases: [],
        searchNames: [`${label} ${i}`],
        organizationIds: [],
      })),
    );
    return ids;
  }

  it('opposite merges (A→B and B→A) run at the same time: exactly one applies, the other is CONFLICT, one person survives', async () => {
    for (let round = 0; round < 30; round++) {
      const [a, b] = await addPair(`race-${round}`);
      const outcomes = await Promise.allSettled([mergePersons(t.collections, a, b), mergePersons(t.collections, b, a)]);
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(done, `round ${round}`).toHaveLength(1);
      expect(refused[0]!.reason, `round ${round}`).toBeInstanceOf(CurationError);
      expect((refused[0]!.reason as CurationError).code).toBe('CONFLICT');
      expect(await t.collections.persons.countDocuments({ _id: { $in: [a, b] } }), `round ${round}`).toBe(1);
      const winner = (done[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof mergePersons>>>).value;
      expect(winner.state).toBe('DONE');
      expect(await t.collections.persons.findOne({ _id: winner.survivorId })).not.toBeNull();
      // The loser stays refused afterwards; the winner's retry returns its record.
      const [loserSurvivor, loserMerged] = winner.survivorId.equals(a) ? [b, a] : [a, b];
      await expect(mergePersons(t.collections, loserSurvivor, loserMerged)).rejects.toMatchObject({
        code: expect.stringMatching(/CONFLICT|NOT_FOUND/),
      });
      expect((await mergePersons(t.collections, winner.survivorId, winner.mergedId)).state).toBe('DONE');
    }
    expect(await mergesCollection(t.collections).countDocuments({ state: 'PENDING' })).toBe(0);
  }, 120_000);

  it('opposite merges through the API at the same time: one DONE, one CONFLICT', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await addPair(`api-race-${round}`);
      const merge = (s: typeof a, m: typeof a) =>
        execute(
          yoga,
          MERGE,
          { input: { survivorId: globalId('Person', s), mergedId: globalId('Person', m) } },
          asCurator,
        );
      const results = await Promise.all([merge(a, b), merge(b, a)]);
      expect(results.map((r) => r.body.data?.mergePersons?.state ?? errorCode(r)).sort()).toEqual(['CONFLICT', 'DONE']);
      expect(await t.collections.persons.countDocuments({ _id: { $in: [a, b] } })).toBe(1);
    }
  }, 60_000);

  it('a merge refused before recording its intent gives the pair back: the opposite merge can run', async () => {
    const [a, b] = await addPair('released');
    // A→B while A is itself leaving (a pending merge of A into Sung Kim): CONFLICT, nothing recorded.
    await expect(
      mergePersons(t.collections, survivorId, a, {
        beforeStep: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow(/crash/);
    await expect(mergePersons(t.collections, a, b)).rejects.toMatchObject({ code: 'CONFLICT' });
    // No write lock is left behind by a refused merge.
    expect(await t.collections.leases.countDocuments({})).toBe(0);
    expect((await mergePersons(t.collections, survivorId, a)).state).toBe('DONE');
    // Refused as NOT_FOUND (the merged person does not exist yet): the lock goes too, and once the
    // person exists, the opposite merge of that pair runs.
    const [c, d] = [personId('released-c'), personId('released-d')];
    await t.collections.persons.insertOne({
      _id: c,
      slug: 'released-c',
      name: 'C',
      sortName: 'c',
      role: null,
      aliases: [],
      searchNames: ['c'],
      organizationIds: [],
    });
    await expect(mergePersons(t.collections, c, d)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.collections.leases.countDocuments({})).toBe(0);
    await t.collections.persons.insertOne({
      _id: d,
      slug: 'released-d',
      name: 'D',
      sortName: 'd',
      role: null,
      aliases: [],
      searchNames: ['d'],
      organizationIds: [],
    });
    expect((await mergePersons(t.collections, d, c)).state).toBe('DONE');
    // The refused A→B changed nothing on B's side: B is there, as it was.
    expect(await t.collections.persons.findOne({ _id: b })).toMatchObject({ slug: 'released-b', name: 'released 1' });
  });

  it('a person that is the survivor of a pending merge cannot be merged away until that merge is done', async () => {
    const [a, b] = await addPair('chain');
    await expect(
      mergePersons(t.collections, a, b, {
        beforeStep: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow(/crash/);
    await expect(mergePersons(t.collections, survivorId, a)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await mergePersons(t.collections, a, b)).state).toBe('DONE');
    expect((await mergePersons(t.collections, survivorId, a)).state).toBe('DONE');
    expect(await t.collections.persons.countDocuments({ _id: { $in: [a, b] } })).toBe(0);
  });

  it('a merge whose survivor disappeared stops before removing the merged person and stays PENDING', async () => {
    const [a, b] = await addPair('orphan');
    await expect(
      mergePersons(t.collections, a, b, {
        beforeStep: async (step) => {
          if (step === 'removeMerged') await t.collections.persons.deleteOne({ _id: a });
        },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.collections.persons.findOne({ _id: b })).not.toBeNull();
    expect((await mergesCollection(t.collections).findOne({ mergedId: b }))!.state).toBe('PENDING');
    // Start-up does not fail on it: it is reported and left for a curator.
    const stuck: unknown[] = [];
    expect(await resumePendingMerges(t.collections, (record) => stuck.push(record.mergedId))).toBe(0);
    expect(stuck).toEqual([b]);
  });

  it('refuses self-merges, unknown persons and merging one person into two', async () => {
    await addDuplicate();
    const self = { input: { survivorId: globalId('Person', survivorId), mergedId: globalId('Person', survivorId) } };
    expect(errorCode(await execute(yoga, MERGE, self, asCurator))).toBe('BAD_USER_INPUT');
    const unknown = {
      input: { survivorId: globalId('Person', personId('nobody')), mergedId: globalId('Person', dupId) },
    };
    expect(errorCode(await execute(yoga, MERGE, unknown, asCurator))).toBe('NOT_FOUND');
    await execute(yoga, MERGE, input(), asCurator);
    const again = {
      input: { survivorId: globalId('Person', personId('suh-hoon')), mergedId: globalId('Person', dupId) },
    };
    expect(errorCode(await execute(yoga, MERGE, again, asCurator))).toBe('CONFLICT');
  });
});

describe('deleteArticle', () => {
  it('deletes the article, its quotes and meetings; persons stay; a retry is NOT_FOUND and changes nothing', async () => {
    const persons = await t.collections.persons.countDocuments();
    const input = { input: { articleId: globalId('Article', articleId(ARTICLE)) } };
    const res = await execute(yoga, DELETE, input, asCurator);
    expect(res.body.data.deleteArticle).toEqual({
      deletedArticleId: globalId('Article', articleId(ARTICLE)),
      deletedQuotes: 19,
      deletedMeetings: 8,
    });
    expect(await t.collections.articles.countDocuments()).toBe(0);
    expect(await t.collections.quotes.countDocuments()).toBe(0);
    expect(await t.collections.meetings.countDocuments()).toBe(0);
    expect(await t.collections.persons.countDocuments()).toBe(persons);
    const after = await snapshot(t.collections);
    expect(errorCode(await execute(yoga, DELETE, input, asCurator))).toBe('NOT_FOUND');
    expect(await snapshot(t.collections)).toEqual(after);
    const person = await execute(
      yoga,
      '{ person(slug: "sung-kim") { quotes { totalCount } articles { totalCount } } }',
    );
    expect(person.body.data.person).toEqual({ quotes: { totalCount: 0 }, articles: { totalCount: 0 } });
  });

  it('a delete interrupted after the quotes were removed is completed by the retry', async () => {
    await t.collections.quotes.deleteMany({ articleId: articleId(ARTICLE) });
    const res = await execute(
      yoga,
      DELETE,
      { input: { articleId: globalId('Article', articleId(ARTICLE)) } },
      asCurator,
    );
    expect(res.body.data.deleteArticle).toMatchObject({ deletedQuotes: 0, deletedMeetings: 8 });
    expect(await t.collections.articles.countDocuments()).toBe(0);
  });
});
