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
    const config = loadConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017/', MONGODB_DB: 'news_2', PORT: '8080', HOST: '0.0.0.0' });
    expect(config).toMatchObject({ mongodbUri: 'mongodb://127.0.0.1:27017/', mongodbDb: 'news_2', port: 8080, host: '0.0.0.0' });
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
});
