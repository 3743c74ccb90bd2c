import { describe, expect, it } from 'vitest';
import { isAccordError } from '../errors/errors.js';
import { objectsUrlOf } from './taxii-feed.js';

const refusal = (text: string): string => {
  try {
    objectsUrlOf(text);
  } catch (error) {
    if (isAccordError(error)) return `${error.code}: ${error.description.text('en')}`;
    throw error;
  }
  throw new Error(`${text} was taken`);
};

describe('the URL of a TAXII collection to pull', () => {
  it('is taken as a person copies it: with or without the trailing slash or objects/, without its query', () => {
    const objects = 'https://cti.example/taxii2/root/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/';
    for (const given of [
      'https://cti.example/taxii2/root/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116',
      'https://cti.example/taxii2/root/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/',
      'https://cti.example/taxii2/root/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects',
      `${objects}?limit=5&added_after=2020-01-01T00:00:00Z#top`,
    ]) expect(objectsUrlOf(given).toString()).toBe(objects);
  });

  it('refuses what is not an http(s) URL, and credentials written into it', () => {
    expect(refusal('collections/abc')).toBe('bad-request: collections/abc is not the http(s) URL of a TAXII 2.1 collection');
    expect(refusal('ftp://cti.example/collections/abc/')).toMatch(/^bad-request: ftp:/);
    const withSecret = refusal('https://analyst:s3cret@cti.example/taxii2/root/collections/abc/');
    expect(withSecret).toMatch(/ACCORD_TAXII_PASSWORD/);
    expect(withSecret).not.toContain('s3cret');
  });
});
