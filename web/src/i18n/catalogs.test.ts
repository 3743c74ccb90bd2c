import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ru from './locales/ru.json';
import zh from './locales/zh.json';

type Tree = { readonly [key: string]: string | Tree };
const catalogs = { zh, ru, en } as Record<'zh' | 'ru' | 'en', Tree>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const flat = Object.fromEntries(
  Object.entries(catalogs).map(([lng, tree]) => [lng, flatten(tree)]),
) as Record<keyof typeof catalogs, Map<string, string>>;

/** Keys without plural suffixes: what the code asks for. */
function baseKeys(entries: Map<string, string>): Set<string> {
  return new Set([...entries.keys()].map((k) => k.replace(PLURAL, '')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** The plural categories a language needs, as Intl knows them. */
function pluralCategories(lng: string): string[] {
  return new Intl.PluralRules(lng)
    .resolvedOptions()
    .pluralCategories.filter((c) => c !== 'zero' || lng === 'ar');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('UI catalogs (zh, ru, en)', () => {
  const languages = Object.keys(catalogs) as Array<keyof typeof catalogs>;

  it.each(languages)('%s has every key of the others, and no extra ones', (lng) => {
    const mine = baseKeys(flat[lng]);
    for (const other of languages) {
      const missing = [...baseKeys(flat[other])].filter((k) => !mine.has(k));
      expect(missing, `${lng} lacks keys that ${other} has`).toEqual([]);
    }
  });

  it.each(languages)('%s has exactly the plural forms its language needs', (lng) => {
    const needed = pluralCategories(lng);
    const plurals = new Map<string, Set<string>>();
    for (const key of flat[lng].keys()) {
      const match = PLURAL.exec(key);
      if (!match?.[1]) continue;
      const base = key.replace(PLURAL, '');
      plurals.set(base, (plurals.get(base) ?? new Set()).add(match[1]));
    }
    for (const [base, forms] of plurals)
      expect([...forms].sort(), `${lng}:${base}`).toEqual([...needed].sort());
    // Every language pluralises the same keys (checked through the base keys above).
    expect(plurals.size).toBeGreaterThan(0);
  });

  it('every translation uses the same placeholders as the English text', () => {
    const problems: string[] = [];
    for (const [key, text] of flat.en) {
      const base = key.replace(PLURAL, '');
      const expected = placeholders(text).filter((p) => p !== 'count');
      for (const lng of ['zh', 'ru'] as const) {
        const variants = [...flat[lng].entries()].filter(([k]) => k.replace(PLURAL, '') === base);
        for (const [k, v] of variants) {
          const got = placeholders(v).filter((p) => p !== 'count');
          if (JSON.stringify([...new Set(got)]) !== JSON.stringify([...new Set(expected)]))
            problems.push(`${lng}:${k} has {${got.join(',')}} but en has {${expected.join(',')}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('no translation is empty or left in English by mistake', () => {
    const sameAsEnglish: string[] = [];
    // Names, codes and format examples read the same in every language.
    const allowed = /^(app\.name|objects\.detail\.tab\.json|users\.localeName\.en)$/;
    for (const lng of ['zh', 'ru'] as const) {
      for (const [key, text] of flat[lng]) {
        expect(text.trim(), `${lng}:${key}`).not.toBe('');
        if (!allowed.test(key) && /[A-Za-z]{4,}/.test(text) && text === flat.en.get(key))
          sameAsEnglish.push(`${lng}:${key}`);
      }
    }
    expect(sameAsEnglish).toEqual([]);
  });

  it('every key the code names literally exists in the catalogs', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) if (m[1]) used.add(m[1]);
      for (const m of text.matchAll(/\b(?:labelKey|key): '([a-z][\w]*\.[\w.]+)'/g)) if (m[1]) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const known = baseKeys(flat.en);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});
