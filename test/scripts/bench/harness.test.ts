import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../../scripts/bench/harness.js';

describe('benchmark servers', () => {
  it('run with the V8 flags npm start gives the service', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const startFlags = scripts.start!.split(/\s+/).filter((word) => word.startsWith('--max-'));
    expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
    expect([...SERVICE_NODE_FLAGS].sort()).toEqual(startFlags.sort());
  });
});
