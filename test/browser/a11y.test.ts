import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { corpusPath } from '../support/corpora.js';
import { ADMIN_PASSWORD, NodeProcess } from '../support/node-process.js';
import { openBrowser, signIn, type BrowserSession } from '../support/browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly unknown[] }>;
}

/** Runs axe (WCAG 2.x A and AA rules) on the page and returns the serious and critical violations. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    );
}

let node: NodeProcess;
let session: BrowserSession;

beforeAll(async () => {
  node = await NodeProcess.create({ party: 'CN' });
  await node.cli([
    'import',
    '--data',
    node.dataDir,
    corpusPath('stix2-json-schemas/examples/threat-reports/poisonivy.json'),
  ]);
  await node.start();
  session = await openBrowser({ locale: 'zh-CN', bypassCSP: true });
});

afterAll(async () => {
  await session?.close();
  await node?.close();
});

describe('accessibility (axe, WCAG 2.1 A/AA) of every main page', () => {
  it('has no serious or critical violations in Chinese, Russian or English', async () => {
    const { page } = session;
    await page.goto(`${node.url}/`);
    expect(await violations(page), 'sign-in page').toEqual([]);
    // The check itself can fail: a button without a name is a critical violation.
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { body: { appendChild(n: unknown): void }; createElement(t: string): { id: string } };
        }
      ).document;
      const button = doc.createElement('button');
      button.id = 'unnamed-probe';
      doc.body.appendChild(button);
    });
    expect((await violations(page)).join('\n')).toContain('button-name');
    await page.locator('#unnamed-probe').evaluate((el) => (el as unknown as { remove(): void }).remove());
    await signIn(page, node.url, 'admin', ADMIN_PASSWORD);
    const paths = [
      '/',
      '/objects',
      '/objects/malware--591f0cb7-d66f-4e14-a8e6-5927b597f920',
      '/import',
      '/new/indicator',
      '/new/report',
      '/admin/users',
      '/tokens',
      '/audit',
      '/agreement',
      '/warnings',
      '/warnings/new',
      '/requests',
      '/requests/new',
      '/peers',
      '/ledger',
    ];
    const problems: string[] = [];
    for (const lng of ['zh', 'ru', 'en'] as const) {
      await page.getByTestId(`lang-${lng}`).click();
      for (const path of paths) {
        await page.goto(`${node.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await expect.poll(() => page.locator('.loading, .skeleton').count(), { timeout: 20_000 }).toBe(0);
        problems.push(...(await violations(page)).map((v) => `${lng} ${path}: ${v}`));
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
