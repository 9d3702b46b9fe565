/**
 * Lost updates on servers without atomic document updates. FerretDB 1.x applies an update as
 * read, modify in Go, write back: two concurrent `$inc`/`$addToSet`/`$pull` on one document can
 * both read the old value and one of the two changes is lost (20 parallel `$inc` end at 2–6), and a
 * conditional update (`{_id, owner: null}` → owner) can succeed for several callers. An insert of
 * a unique `_id` stays atomic there (SQLite's unique index decides).
 *
 * On such a server every write command goes through one in-process queue per collection, so no two
 * writes of this process touch a document at the same time. That makes a single writing instance
 * correct; several writing instances on one FerretDB still race each other (see README). SQLite
 * runs one writer at a time anyway, so the queue costs little throughput. On MongoDB writes pass
 * straight through.
 *
 * Detection: `buildInfo` names FerretDB (`ferretdbVersion`). No probe is run: a race that did not
 * happen during a probe proves nothing, while the server's own answer is exact. WRITE_SERIALIZATION
 * (`auto`, `on`, `off`) overrides it for other servers.
 */
import type { Collection, Db, Document, MongoClient } from 'mongodb';
import type { WriteSerialization } from '../limits.js';
import { KeyedMutex } from './mutex.js';

export type { WriteSerialization };

interface ClientState {
  mode: WriteSerialization;
  decided?: Promise<boolean>;
  mutex: KeyedMutex;
}

const states = new WeakMap<MongoClient, ClientState>();

function stateOf(client: MongoClient): ClientState {
  let state = states.get(client);
  if (!state) {
    state = { mode: 'auto', mutex: new KeyedMutex() };
    states.set(client, state);
  }
  return state;
}

/** The server's name and whether it is known to apply updates non-atomically. */
export async function describeServer(db: Db): Promise<{ server: string; atomicUpdates: boolean }> {
  const info = await db.admin().command({ buildInfo: 1 });
  if (typeof info.ferretdbVersion === 'string')
    return { server: `FerretDB ${info.ferretdbVersion}`, atomicUpdates: false };
  return { server: `MongoDB ${String(info.version)}`, atomicUpdates: true };
}

/** Sets the mode for every collection of this client (config WRITE_SERIALIZATION); before the first write. */
export function configureWriteSerialization(client: MongoClient, mode: WriteSerialization): void {
  const state = stateOf(client);
  state.mode = mode;
  state.decided = undefined;
}

/** Whether this client's writes are serialized (decided once per client, on first use). */
export function serializesWrites(db: Db): Promise<boolean> {
  const state = stateOf(db.client);
  state.decided ??=
    state.mode === 'auto'
      ? describeServer(db).then(
          (s) => !s.atomicUpdates,
          // Unknown server (buildInfo refused): serialize, the safe side.
          () => true,
        )
      : Promise.resolve(state.mode === 'on');
  return state.decided;
}

const WRITE_METHODS = new Set<PropertyKey>([
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
]);

/**
 * The collection, with its write commands queued per collection when the server needs it. Reads
 * are untouched. Every module gets its collections through getCollections, which wraps them.
 */
export function serializedCollection<T extends Document>(db: Db, collection: Collection<T>): Collection<T> {
  const key = `${db.databaseName}.${collection.collectionName}`;
  const { mutex } = stateOf(db.client);
  return new Proxy(collection, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!WRITE_METHODS.has(property)) return value.bind(target);
      return async (...args: unknown[]) =>
        (await serializesWrites(db)) ? mutex.run(key, () => value.apply(target, args)) : value.apply(target, args);
    },
  });
}
