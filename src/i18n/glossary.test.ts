import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Terms the catalogs once said two ways. The preferred form is the agreement's own (定期 / 非例行
 * for regular and extraordinary consultations) or the one the UI settled on (账本 for the ledger).
 */
const avoided: ReadonlyArray<{ pattern: RegExp; use: string }> = [
  { pattern: /台账/, use: '账本 (the ledger)' },
  { pattern: /(?<!非)例行磋商/, use: '定期磋商 (regular consultations, as the agreement says)' },
  { pattern: /特别磋商/, use: '非例行磋商 (extraordinary consultations, as the agreement says)' },
  { pattern: /(?<![Вв]не)[Оо]чередные консультации/, use: 'Регулярные консультации' },
  { pattern: /对方节点/, use: '对等节点 (a peer node, as the CLI and API say)' },
  { pattern: /吊销/, use: '撤销 (revoke: a peer, a token, a consent alike)' },
];

function catalogFiles(): string[] {
  const server = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.messages.ts') || f.endsWith('.help.ts'))
    .map((f) => `src/${f}`);
  const web = readdirSync(`${root}web/src/i18n/locales`).filter((f) => f.endsWith('.json')).map((f) => `web/src/i18n/locales/${f}`);
  return [...server, ...web];
}

describe('the glossary', () => {
  it('keeps one term for each concept across the server, CLI and UI catalogs', () => {
    const files = catalogFiles();
    expect(files.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(`${root}${file}`, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const { pattern, use } of avoided) if (pattern.test(line)) found.push(`${file}:${i + 1}: use ${use}`);
      });
    }
    expect(found).toEqual([]);
  });
});
