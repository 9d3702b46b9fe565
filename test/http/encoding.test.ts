import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/http/encoding.js';

describe('pickEncoding', () => {
  it('picks the best encoding the client accepts (q=0 excludes; * stands for gzip)', () => {
    expect(pickEncoding(null)).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('gzip, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('GZIP;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding('br;q=0.0, gzip;q=0')).toBeNull();
  });

  it('only among the encodings the response has', () => {
    expect(pickEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(pickEncoding('br', ['gzip'])).toBeNull();
    expect(pickEncoding('gzip, br', [])).toBeNull();
  });
});
