import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mongodbUri: undefined, mongodbDb: 'newsgraph', port: 4000, host: '127.0.0.1' });
  });

  it('treats an empty MONGODB_URI as unset (embedded database)', () => {
    expect(loadConfig({ MONGODB_URI: '' }).mongodbUri).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://127.0.0.1:27017/',
      MONGODB_DB: 'news_2',
      PORT: '8080',
      HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({
      mongodbUri: 'mongodb://127.0.0.1:27017/',
      mongodbDb: 'news_2',
      port: 8080,
      host: '0.0.0.0',
    });
  });

  it('write coordination: defaults, values, and bad values refused', () => {
    expect(loadConfig({}).writes).toEqual({ serialization: 'auto', lockWaitMs: 5_000, leaseTtlMs: 30_000 });
    expect(loadConfig({ WRITE_SERIALIZATION: 'on', LOCK_WAIT_MS: '250', LEASE_TTL_MS: '2000' }).writes).toEqual({
      serialization: 'on',
      lockWaitMs: 250,
      leaseTtlMs: 2_000,
    });
    expect(() => loadConfig({ WRITE_SERIALIZATION: 'maybe' })).toThrowError(/WRITE_SERIALIZATION/);
    expect(() => loadConfig({ LEASE_TTL_MS: '10' })).toThrowError(/LEASE_TTL_MS/);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['MONGODB_URI', 'http://localhost:27017', /MONGODB_URI: must start with mongodb:\/\//],
    ['MONGODB_DB', 'bad name!', /MONGODB_DB/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(message);
  });

  it.each([
    ['mongodb:/alice:s3cret-pw@db.example:27017', 'mongodb:/alice:***@db.example:27017'],
    ['mongodb//alice:s3cret-pw@db.example', '"***@db.example'], // no scheme: all of the userinfo is masked
    ['http://alice:s3cret-pw@db.example', 'http://alice:***@db.example'],
    ['mongodb:/alice:s3c@ret:pw/x@db.example', 'mongodb:/alice:***@db.example'],
    ['s3cret-pw@db.example', '***@db.example'],
  ])('an invalid MONGODB_URI %s is reported without its password', (value, shown) => {
    let message = '';
    try {
      loadConfig({ MONGODB_URI: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/MONGODB_URI/);
    expect(message).toContain(shown);
    expect(message).not.toMatch(/s3cret|ret:pw/);
  });

  it('never echoes NEWSGRAPH_API_KEYS values, whatever is wrong with them', () => {
    const hash = 'c0ffee'.repeat(10) + 'beef';
    for (const value of [
      `alice:${hash}:admin`,
      `alice:${hash}:curate,alice:${hash}:curate`,
      `alice:${hash.slice(0, 60)}:curate`,
      `${hash}`,
    ]) {
      let message = '';
      try {
        loadConfig({ NEWSGRAPH_API_KEYS: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/NEWSGRAPH_API_KEYS/);
      expect(message).not.toContain('c0ffee');
    }
  });

  it('SHUTDOWN_READY_DELAY_MS: 0 unless set or defaulted by the caller (npm start uses 2000)', () => {
    expect(loadConfig({}).shutdownReadyDelayMs).toBe(0);
    expect(loadConfig({}, { shutdownReadyDelayMs: 2_000 }).shutdownReadyDelayMs).toBe(2_000);
    expect(loadConfig({ SHUTDOWN_READY_DELAY_MS: '500' }, { shutdownReadyDelayMs: 2_000 }).shutdownReadyDelayMs).toBe(
      500,
    );
    expect(() => loadConfig({ SHUTDOWN_READY_DELAY_MS: '-1' })).toThrowError(/SHUTDOWN_READY_DELAY_MS/);
  });
});
