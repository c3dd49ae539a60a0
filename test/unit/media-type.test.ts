import { describe, expect, it } from 'vitest';
import { isJsonMediaType, mediaTypeOf } from '../../src/http/media-type';

describe('mediaTypeOf: the media type of a Content-Type header', () => {
  it('drops parameters and case', () => {
    expect(mediaTypeOf('Text/CSV; charset=utf-8')).toBe('text/csv');
    expect(mediaTypeOf('multipart/form-data; boundary=x')).toBe('multipart/form-data');
    expect(mediaTypeOf(' application/json ')).toBe('application/json');
  });

  it('is empty for an absent or empty header', () => {
    expect(mediaTypeOf(undefined)).toBe('');
    expect(mediaTypeOf(null)).toBe('');
    expect(mediaTypeOf('')).toBe('');
    expect(mediaTypeOf(';charset=utf-8')).toBe('');
  });

  it('counts JSON-based types as JSON', () => {
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/csv')).toBe(false);
    expect(isJsonMediaType('')).toBe(false);
  });
});
