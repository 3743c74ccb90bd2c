import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/corpora.js';
import { BUNDLE_BYTES, BUNDLE_SIZE, fittingCount } from './delivery.service.js';

describe('the size of a pushed bundle', () => {
  it('takes the bodies, in order, that fit the byte budget, and always at least one', () => {
    expect(fittingCount(['a'.repeat(9), 'b'.repeat(9), 'c'.repeat(9)], 30)).toBe(3);
    expect(fittingCount(['a'.repeat(9), 'b'.repeat(9), 'c'.repeat(9)], 29)).toBe(2);
    expect(fittingCount(['a'.repeat(40), 'b'], 30)).toBe(1);
    // Bytes, not characters: each of these is three bytes in UTF-8.
    expect(fittingCount(['控制服务器', '控制服务器'], 20)).toBe(1);
    expect(fittingCount([], 30)).toBe(0);
  });

  it('stays within the max_content_length of every profile, with room for the envelope', () => {
    const dir = join(repoRoot, 'profiles');
    const limits = readdirSync(dir).flatMap((name) => {
      const match = /maxContentLength:\s*(\d+)/.exec(readFileSync(join(dir, name, 'profile.yaml'), 'utf8'));
      return match ? [Number(match[1])] : [];
    });
    expect(limits.length).toBeGreaterThan(0);
    // Envelope: {"objects":[…]} and a comma between bodies (counted in the budget already).
    for (const limit of limits) expect(BUNDLE_BYTES + 64).toBeLessThan(limit);
    expect(BUNDLE_SIZE).toBeGreaterThan(0);
  });
});
