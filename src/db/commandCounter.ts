import type { ClientSession, CommandStartedEvent, Db, MongoClient } from 'mongodb';
import type { Collections } from './collections.js';

/** Database commands one request caused, by command name. */
export interface CommandTally {
  total: number;
  byName: Map<string, number>;
}

export const newCommandTally = (): CommandTally => ({ total: 0, byName: new Map() });

/**
 * Per client: the tally of each open request session, by the session's `lsid` (hex). A request's
 * commands are attributed by the `lsid` the driver puts on every command of an explicit session,
 * not by AsyncLocalStorage: on Node 20 that installs a promise hook on every promise in the
 * process, which cost about 6 ms of CPU on a 1,000-node query (README "CPU per request").
 */
const counters = new WeakMap<MongoClient, Map<string, CommandTally>>();

const lsidKey = (id: { toString(encoding: 'hex'): string }) => id.toString('hex');

/**
 * Listens to the client's `commandStarted` events (clients are created with monitorCommands) and
 * adds each one that carries an open request session's `lsid` to that request's tally. Attaching
 * twice to one client is a no-op (several servers may share a client in tests).
 */
export function attachCommandCounter(client: MongoClient): void {
  if (counters.has(client)) return;
  const open = new Map<string, CommandTally>();
  counters.set(client, open);
  client.on('commandStarted', (event: CommandStartedEvent) => {
    if (open.size === 0) return;
    const id = (event.command as { lsid?: { id?: { toString(encoding: 'hex'): string } } }).lsid?.id;
    if (!id) return;
    const tally = open.get(lsidKey(id));
    if (!tally) return;
    tally.total += 1;
    tally.byName.set(event.commandName, (tally.byName.get(event.commandName) ?? 0) + 1);
  });
}

/**
 * Where each operation method takes its options (the argument the session goes into). Methods not
 * listed (watch, cursors' own methods) run without the request's session and are not counted.
 */
const OPTIONS_AT: Record<string, number> = {
  find: 1,
  findOne: 1,
  aggregate: 1,
  countDocuments: 1,
  estimatedDocumentCount: 0,
  distinct: 2,
  insertOne: 1,
  insertMany: 1,
  updateOne: 2,
  updateMany: 2,
  replaceOne: 2,
  deleteOne: 1,
  deleteMany: 1,
  findOneAndUpdate: 2,
  findOneAndReplace: 2,
  findOneAndDelete: 1,
  bulkWrite: 1,
  createIndex: 1,
  createIndexes: 1,
  listIndexes: 0,
  indexes: 0,
  drop: 0,
};
const DB_OPTIONS_AT: Record<string, number> = { command: 1 };

/** One request's database commands: its collections, and the tally they count into once armed. */
export interface CommandScope {
  /** The request's view of the collections: while armed, every operation runs in its session. */
  collections: Collections;
  /**
   * Starts counting this request's commands into `tally`; returns the function that stops counting
   * and ends the session (call it once the response is sent). Operations after that run without
   * a session and are not counted.
   */
  count(tally: CommandTally): () => void;
}

/**
 * A request's command scope over `collections`. Nothing happens until `count` arms it: the session
 * starts at the request's first operation, so a request that reads nothing costs nothing.
 */
export function commandScope(collections: Collections): CommandScope {
  const client = collections.db.client;
  let tally: CommandTally | undefined;
  let session: ClientSession | undefined;
  let key: string | undefined;
  const sessionNow = (): ClientSession | undefined => {
    if (!tally) return undefined;
    if (!session) {
      const open = counters.get(client);
      if (!open) return undefined;
      session = client.startSession({ causalConsistency: false });
      key = lsidKey(session.id!.id);
      open.set(key, tally);
    }
    return session;
  };
  const withSession = <T extends object>(target: T, table: Record<string, number>): T =>
    new Proxy(target, {
      get(t, property) {
        if (t === collections.db && property === 'collection')
          return (...args: Parameters<Db['collection']>) => withSession(collections.db.collection(...args), OPTIONS_AT);
        const value = Reflect.get(t, property, t) as unknown;
        if (typeof value !== 'function') return value;
        const at = typeof property === 'string' ? table[property] : undefined;
        if (at === undefined) return value.bind(t);
        return (...args: unknown[]) => {
          const s = sessionNow();
          if (s) {
            if (args.length <= at) args.length = at + 1;
            args[at] = { ...(args[at] as object | undefined), session: s };
          }
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const view: Collections = {
    db: withSession(collections.db, DB_OPTIONS_AT),
    articles: withSession(collections.articles, OPTIONS_AT),
    persons: withSession(collections.persons, OPTIONS_AT),
    organizations: withSession(collections.organizations, OPTIONS_AT),
    quotes: withSession(collections.quotes, OPTIONS_AT),
    meetings: withSession(collections.meetings, OPTIONS_AT),
    merges: withSession(collections.merges, OPTIONS_AT),
    leases: withSession(collections.leases, OPTIONS_AT),
  };
  return {
    collections: view,
    count(into) {
      tally = into;
      return () => {
        tally = undefined;
        if (!session) return;
        counters.get(client)?.delete(key!);
        session.endSession().catch(() => {});
        session = undefined;
      };
    },
  };
}
