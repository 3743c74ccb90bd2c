import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registeredCatalogs } from './messages.js';

const src = fileURLToPath(new URL('..', import.meta.url));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the server message catalogs', () => {
  let modules: string[] = [];
  // Every domain's catalog registers itself when its module loads.
  beforeAll(async () => {
    modules = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.messages.ts'));
    for (const file of modules) await import(pathToFileURL(`${src}/${file}`).href);
  });

  it('say every message in Chinese, Russian and English with the same placeholders', () => {
    expect(modules.length).toBeGreaterThan(20);
    for (const [namespace, catalog] of registeredCatalogs())
      for (const [key, english] of Object.entries(catalog.en))
        for (const locale of ['zh', 'ru'] as const) {
          const text = catalog[locale][key];
          expect(text, `${namespace}.${key} (${locale})`).toBeTruthy();
          expect(placeholders(text ?? ''), `${namespace}.${key} (${locale})`).toEqual(placeholders(english));
        }
  });
});
