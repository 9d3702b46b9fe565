/**
 * Prints the Pothos schema as SDL to `schema.graphql` at the repository root (the file codegen and
 * clients read). The schema is lexicographically sorted, so the output only changes when the API does.
 *
 *   npm run schema:print            write schema.graphql
 *   npm run schema:print -- --check exit 1 if schema.graphql is out of date (writes nothing)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';
import { parseCommand } from '../src/cli.js';

export const SCHEMA_FILE = resolve(fileURLToPath(new URL('../schema.graphql', import.meta.url)));

const HEADER =
  '# Generated from the Pothos schema by `npm run schema:print` (part of `npm run codegen`). Do not edit.\n\n';

/** The schema file's exact contents. */
export function printSchemaFile(): string {
  return `${HEADER}${printSchema(schema)}\n`;
}

async function main(): Promise<void> {
  const { values } = parseCommand({
    command: 'npm run schema:print --',
    summary: 'Writes the Pothos schema as SDL to schema.graphql (the file codegen and clients read).',
    options: {
      check: { type: 'boolean', default: false, description: 'exit 1 if schema.graphql is out of date; write nothing' },
    },
  });
  const printed = printSchemaFile();
  if (values.check) {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== printed) {
      console.error(`${SCHEMA_FILE} is out of date: run npm run codegen`);
      process.exit(1);
    }
    console.log(`${SCHEMA_FILE} is up to date`);
    return;
  }
  await writeFile(SCHEMA_FILE, printed);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await main();
}
