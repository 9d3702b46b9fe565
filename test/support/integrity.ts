import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ObjectId } from 'mongodb';
import type { Collections } from '../../src/db/collections.js';
import type { NewsgraphServer } from '../../src/http/server.js';

const hex = (id: ObjectId) => id.toHexString();

/**
 * Reads the whole database and lists every broken reference: a quote, meeting or article naming a
 * removed person (or a removed article), a quote whose speaker its article does not name, a merge
 * left PENDING or whose merged person still exists, and a write lock left behind. Empty: consistent.
 */
export async function integrityProblems(c: Collections): Promise<string[]> {
  const [persons, articles, quotes, meetings, merges, leases] = await Promise.all([
    c.persons.find({}, { projection: { _id: 1 } }).toArray(),
    c.articles.find({}, { projection: { personIds: 1 } }).toArray(),
    c.quotes.find({}, { projection: { speakerId: 1, reportedByPersonId: 1, addresseeId: 1, articleId: 1 } }).toArray(),
    c.meetings.find({}, { projection: { participantIds: 1, articleId: 1 } }).toArray(),
    c.merges.find({}).toArray(),
    c.leases.countDocuments({}),
  ]);
  const personIds = new Set(persons.map((p) => hex(p._id)));
  const articlePersons = new Map(articles.map((a) => [hex(a._id), new Set(a.personIds.map(hex))]));
  const problems: string[] = [];
  const person = (where: string, id: ObjectId | null) => {
    if (id && !personIds.has(hex(id))) problems.push(`${where} refers to the removed person ${hex(id)}`);
  };
  for (const q of quotes) {
    const where = `quote ${hex(q._id)}`;
    person(`${where} speakerId`, q.speakerId);
    person(`${where} reportedByPersonId`, q.reportedByPersonId);
    person(`${where} addresseeId`, q.addresseeId);
    const named = articlePersons.get(hex(q.articleId));
    if (!named) problems.push(`${where} belongs to the removed article ${hex(q.articleId)}`);
    else if (!named.has(hex(q.speakerId)))
      problems.push(`${where}: its speaker ${hex(q.speakerId)} is missing from its article's persons`);
  }
  for (const m of meetings) {
    for (const id of m.participantIds) person(`meeting ${hex(m._id)} participant`, id);
    if (!articlePersons.has(hex(m.articleId)))
      problems.push(`meeting ${hex(m._id)} belongs to the removed article ${hex(m.articleId)}`);
  }
  for (const a of articles) for (const id of a.personIds) person(`article ${hex(a._id)} personIds`, id);
  for (const m of merges) {
    if (m.state !== 'DONE') problems.push(`merge of ${hex(m.mergedId)} into ${hex(m.survivorId)} is ${m.state}`);
    else if (personIds.has(hex(m.mergedId))) problems.push(`merge of ${hex(m.mergedId)} is DONE but the person exists`);
  }
  if (leases) problems.push(`${leases} write locks were left behind`);
  return problems;
}

/** A real HTTP server on loopback in front of a yoga instance. */
export interface HttpEndpoint {
  url: string;
  server: Server;
  post(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export async function listen(yoga: NewsgraphServer): Promise<HttpEndpoint> {
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    server,
    async post(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { unparsed: text };
      }
      return { status: response.status, headers: response.headers, body };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
