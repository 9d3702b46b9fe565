import type { CommandStartedEvent, MongoClient } from 'mongodb';

/** Counts the commands a client sends while `fn` runs (the driver's command monitoring). */
export async function countCommands<T>(
  client: MongoClient,
  fn: () => Promise<T>,
): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  const listener = (event: CommandStartedEvent) => commands.push(event.commandName);
  client.on('commandStarted', listener);
  try {
    const result = await fn();
    return { result, commands };
  } finally {
    client.off('commandStarted', listener);
  }
}
