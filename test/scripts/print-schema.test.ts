/** schema.graphql is the contract clients and codegen read: it must match the Pothos schema exactly. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printSchemaFile, SCHEMA_FILE } from '../../scripts/print-schema.js';

describe('schema.graphql', () => {
  it('is up to date with the Pothos schema', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');
    // toBe on the whole text gives a line diff; the message says how to fix it.
    expect(
      committed,
      'schema.graphql is out of date: run npm run codegen (and commit schema.graphql and src/client/generated/)',
    ).toBe(printSchemaFile());
  });

  it('prints the same text every time (types and fields sorted)', () => {
    expect(printSchemaFile()).toBe(printSchemaFile());
    const typeNames = [...printSchemaFile().matchAll(/^(?:type|enum|input|interface|union|scalar) (\w+)/gm)].map(
      (m) => m[1],
    );
    expect(typeNames).toEqual([...typeNames].sort());
  });
});
