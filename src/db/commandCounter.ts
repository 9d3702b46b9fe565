import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommandStartedEvent, MongoClient } from 'mongodb';

/** Database commands one request caused, by command name. */
export interface CommandTally {
  total: number;
  byName: Map<string, number>;
}

const current = new AsyncLocalStorage<CommandTally>();

export const newCommandTally = (): CommandTally => ({ total: 0, byName: new Map() });

/**
 * Runs `fn` with `tally` as the request's counter: every command the driver starts in the async
 * work `fn` begins (resolvers, DataLoader batches) is added to it.
 */
export function countCommandsIn<T>(tally: CommandTally, fn: () => T): T {
  return current.run(tally, fn);
}

/** The counter of the request running now, if any. */
export const currentCommandTally = (): CommandTally | undefined => current.getStore();

const attached = new WeakSet<MongoClient>();

/**
 * Listens to the client's `commandStarted` events (clients are created with monitorCommands) and
 * adds each one to the current request's tally. The driver starts a command in the async context
 * of the operation that issued it, so the AsyncLocalStorage store is the issuing request's.
 * Attaching twice to one client is a no-op (several servers may share a client in tests).
 */
export function attachCommandCounter(client: MongoClient): void {
  if (attached.has(client)) return;
  attached.add(client);
  client.on('commandStarted', (event: CommandStartedEvent) => {
    const tally = current.getStore();
    if (!tally) return;
    tally.total += 1;
    tally.byName.set(event.commandName, (tally.byName.get(event.commandName) ?? 0) + 1);
  });
}
