import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger } from '../src/logger.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('chooseLogFormat', () => {
  it('is pretty only at a terminal outside production', () => {
    expect(chooseLogFormat({ isTTY: true, nodeEnv: undefined })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, nodeEnv: 'development' })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, nodeEnv: 'test' })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, nodeEnv: 'production' })).toBe('json');
    // A pipe or a file: process.stdout.isTTY is undefined there, not false.
    expect(chooseLogFormat({ isTTY: undefined, nodeEnv: undefined })).toBe('json');
    expect(chooseLogFormat({ isTTY: false, nodeEnv: 'development' })).toBe('json');
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line when stdout is a pipe', async () => {
    const script = `import { createLogger } from './src/logger.ts';
      createLogger('info').info({ port: 4000 }, 'listening');`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info' },
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, msg: 'listening', port: 4000, service: 'newsgraph' });
  });

  it('writes readable lines in the pretty format, not JSON', () => {
    const out = collect();
    const logger = createLogger('info', { format: 'pretty', destination: out.stream });
    logger.info({ port: 4000 }, 'listening');
    logger.debug('below the level');
    const lines = out.text().trim().split('\n');
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening$/);
    expect(lines[1]).toBe('    port: 4000');
    expect(out.text()).not.toContain('below the level');
    expect(out.text()).not.toContain('newsgraph');
  });

  it('writes JSON to a given destination in the json format', () => {
    const out = collect();
    createLogger('warn', { format: 'json', destination: out.stream }).warn('careful');
    expect(JSON.parse(out.text())).toMatchObject({ level: 40, msg: 'careful' });
  });
});
