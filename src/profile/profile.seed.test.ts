import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { registeredCatalogs } from '../i18n/messages.js';
import { readCorpusJson, repoRoot, sharedPath } from '../../test/support/corpora.js';
import { loadProfile } from './profile.loader.js';
import './profile.messages.js';

/*
 * The Chinese texts of cn-ru-2015 must be the seed's, converted by opencc-js and by nothing else.
 * These checks recompute that from the seed on their own, without the generator's code.
 */

const seed = readFileSync(sharedPath('seeds', '000_f75644f39f975787.txt'), 'utf8');
const profile = loadProfile('cn-ru-2015');
// opencc-js's declarations import './core' without an extension, which type-aware lint cannot follow.
type ConverterFactory = (options: { from: string; to: string }) => (text: string) => string;
const { Converter } = OpenCC as unknown as { Converter: ConverterFactory };
const toSimplified = Converter({ from: 'hk', to: 'cn' });
const anyToSimplified = Converter({ from: 't', to: 'cn' });
const withoutSpaces = (text: string): string => text.replace(/\s+/g, '');

describe('cn-ru-2015 against the seed', () => {
  it('quotes the seed verbatim in every sourceText', () => {
    for (const provision of profile.provisions) {
      expect(provision.sourceText, provision.id).toBeDefined();
      for (const line of (provision.sourceText ?? '').split('\n')) expect(seed, provision.id).toContain(line);
    }
  });

  it('holds the whole body of the seed, in order, from the preamble to the testimonium', () => {
    const lines = seed.split('\n');
    const start = lines.findIndex((l) => l.startsWith('中華人民共和國政府與'));
    const end = lines.findIndex((l) => l.startsWith('本協定於'));
    expect(start).toBeGreaterThan(0);
    const body = withoutSpaces(lines.slice(start, end + 1).join(''));
    expect(withoutSpaces(profile.provisions.map((p) => p.sourceText ?? '').join(''))).toBe(body);
  });

  it('has zh texts equal to opencc-js (Hong Kong → mainland) of the seed', () => {
    for (const provision of profile.provisions) {
      // Only the seed's stray spaces between two Han characters are dropped before converting.
      const source = (provision.sourceText ?? '').replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
      expect(provision.text.zh, provision.id).toBe(toSimplified(source));
    }
    expect(profile.title.zh).toBe(toSimplified(seed.split('\n')[0]?.trim() ?? ''));
  });

  it('really is converted: no Traditional characters left, and it differs from the seed', () => {
    const zh = profile.provisions.map((p) => p.text.zh ?? '').join('\n');
    expect(zh).toContain('国际信息安全');
    expect(zh).not.toContain('國際信息安全');
    expect(anyToSimplified(zh)).toBe(zh);
  });

  it('cites the article numbers the seed itself fixes', () => {
    const text = (id: string): string => profile.provisions.find((p) => p.id === id)?.text.zh ?? '';
    expect(text('art-3')).toContain('第二条');
    expect(text('art-3')).toContain('第五条');
    expect(text('art-5.3')).toContain('第三条第15款');
    expect(text('art-3.15')).toContain('预警');
    expect(text('art-5.1')).toContain('60日内');
    expect(text('art-5.4')).toContain('一年举行两次');
    expect(text('art-9.1')).toContain('第30日生效');
    expect(text('art-9.3')).toContain('90日后');
  });
});

describe('Simplified Chinese everywhere', () => {
  it('writes every zh string of both profiles and of the profile messages in Simplified characters', () => {
    const strings: string[] = [];
    const collect = (value: unknown, key?: string): void => {
      if (typeof value === 'string' && key === 'zh') strings.push(value);
      else if (Array.isArray(value)) value.forEach((v) => collect(v));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'sourceText') collect(v, k);
    };
    collect(profile);
    collect(loadProfile('test-multilateral'));
    strings.push(...Object.values(registeredCatalogs().get('profile')?.zh ?? {}));
    expect(strings.length).toBeGreaterThan(150);
    for (const s of strings) expect(anyToSimplified(s)).toBe(s);
  });
});

describe('markings', () => {
  it('uses the published TLP 2.0 marking-definition ids', () => {
    const bundle = readCorpusJson<{ objects: Array<{ type: string; id: string; name?: string }> }>('tlp', 'tlp-2.0-marking-definitions.bundle.json');
    const published = new Map(bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => [o.name, o.id]));
    for (const id of ['cn-ru-2015', 'test-multilateral'])
      for (const level of loadProfile(id).markings.tlp.levels) expect(level.markingDefinitionId, level.name).toBe(published.get(level.name));
    expect(profile.markings.tlp.levels).toHaveLength(5);
  });
});

describe('the generator', () => {
  it('reproduces the profile from the seed (build-cn-ru.mjs --check)', () => {
    const out = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'profile', 'build-cn-ru.mjs'), '--check'], {
      env: { ...process.env, ACCORD_SHARED: sharedPath() },
      encoding: 'utf8',
    });
    expect(out).toMatch(/zh texts match the seed/);
  });
});
