import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineMessages, registeredCatalogs, storableMessage, storedMessage } from './messages.js';

const src = fileURLToPath(new URL('..', import.meta.url));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the server message catalogs', () => {
  let modules: string[] = [];
  // A catalog registers itself when its module loads. Modules are found by what they do, not by
  // their name: error titles, usage errors and workflow lines live outside `*.messages.ts`.
  beforeAll(async () => {
    modules = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'i18n/messages.ts')
      .filter((f) => readFileSync(`${src}/${f}`, 'utf8').includes('defineMessages('));
    for (const file of modules) await import(pathToFileURL(`${src}/${file}`).href);
  });

  it('say every message in Chinese, Russian and English with the same placeholders', () => {
    expect(modules.length).toBeGreaterThan(30);
    for (const [namespace, catalog] of registeredCatalogs())
      for (const [key, english] of Object.entries(catalog.en))
        for (const locale of ['zh', 'ru'] as const) {
          const text = catalog[locale][key];
          expect(text, `${namespace}.${key} (${locale})`).toBeTruthy();
          expect(placeholders(text ?? ''), `${namespace}.${key} (${locale})`).toEqual(placeholders(english));
        }
  });
});

describe('a stored message', () => {
  const sample = defineMessages('stored-sample', { down: '{party} is down: {reason}', why: 'no route' }, { down: '{party} 不可达：{reason}', why: '无路由' }, { down: '{party} недоступен: {reason}', why: 'нет маршрута' });

  it('is said later in the reader’s language, nested messages included', () => {
    const stored = storableMessage(sample('down', { party: 'RU', reason: sample('why') }));
    expect(storedMessage(stored).text('zh')).toBe('RU 不可达：无路由');
    expect(storedMessage(stored).text('ru')).toBe('RU недоступен: нет маршрута');
  });

  it('reads text stored before messages were, and JSON that is no message, as it was written', () => {
    expect(storedMessage('Peer RU is unreachable: connect ECONNREFUSED').text('zh')).toBe('Peer RU is unreachable: connect ECONNREFUSED');
    expect(storedMessage('{"key":"nowhere.gone","params":{}}').text('ru')).toBe('{"key":"nowhere.gone","params":{}}');
    expect(storedMessage('{"key":"stored-sample.gone","params":{}}').text('zh')).toBe('{"key":"stored-sample.gone","params":{}}');
    expect(storedMessage('42').text('en')).toBe('42');
  });
});
