import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { corpusPath, repoRoot } from '../support/corpora.js';
import { ADMIN_PASSWORD, NodeProcess } from '../support/node-process.js';
import { addPasswordUser, signIn } from '../support/browser.js';
import { Browsers, text } from './browser-kit.js';
import type { PageGuard } from './page-guard.js';

const USERS = {
  analyst: {
    name: 'zhang.wei',
    role: 'analyst',
    password: 'Zhang-analyst-2026',
    locale: 'zh',
    displayName: '张伟',
  },
  liaison: {
    name: 'ivanov.a',
    role: 'liaison',
    password: 'Ivanov-liaison-2026',
    locale: 'ru',
    displayName: 'Иванов А. С.',
  },
  reader: { name: 'reader.li', role: 'reader', password: 'Reader-li-2026-x' },
} as const;
const POISON_IVY = 'malware--591f0cb7-d66f-4e14-a8e6-5927b597f920';

let node: NodeProcess;
let shots: string;
const browsers = new Browsers();

/** A fresh browser for one user; the page is watched for errors until the test ends. */
async function browse(
  options: { locale?: string; timezoneId?: string; width?: number; height?: number } = {},
): Promise<{ page: Page; guard: PageGuard }> {
  return browsers.open(options);
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the browser tests');
  node = await NodeProcess.create({ party: 'CN' });
  for (const user of Object.values(USERS)) await addPasswordUser(node, user);
  await node.cli([
    'import',
    '--data',
    node.dataDir,
    corpusPath('stix2-json-schemas/examples/threat-reports/poisonivy.json'),
  ]);
  await node.start();
  shots = mkdtempSync(join(tmpdir(), 'accord-ui-screens-'));
  console.log(`[browser] screenshots of every main page in zh, ru and en: ${shots}`);
});

afterEach(async () => {
  const problems = await browsers.closeAll();
  expect(problems, 'console errors, failed requests or missing translations').toEqual([]);
});

afterAll(async () => {
  await node?.close();
});

describe('web application in a real browser', () => {
  it('a Chinese-language analyst signs in and works in Chinese', async () => {
    const { page } = await browse({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${node.url}/`);
    // An English browser on the China node: the node's language wins.
    await heading(page, text('zh', 'signIn.title'));
    await signIn(page, node.url, USERS.analyst.name, USERS.analyst.password);
    await heading(page, text('zh', 'dashboard.title'));
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('dashboard-total').textContent()).toMatch(/^\d[\d,]*$/);
    // The Party's name comes from the agreement profile once it has loaded.
    await expect.poll(() => page.getByTestId('node-party').textContent()).toContain('中华人民共和国');
    await expect.poll(() => page.getByRole('navigation').textContent()).toContain(text('zh', 'nav.import'));
    expect(await page.getByRole('navigation').textContent()).not.toContain(text('zh', 'nav.users'));
  });

  it('a Russian-language liaison signs in and works in Russian', async () => {
    const { page } = await browse({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    await page.goto(`${node.url}/`);
    await heading(page, text('ru', 'signIn.title'));
    await signIn(page, node.url, USERS.liaison.name, USERS.liaison.password);
    await heading(page, text('ru', 'dashboard.title'));
    expect(await page.getAttribute('html', 'lang')).toBe('ru-RU');
    // Liaison officers read the audit log; the link is there, in Russian.
    await page.getByRole('link', { name: text('ru', 'nav.audit') }).click();
    await heading(page, text('ru', 'audit.title'));
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('ivanov.a');
  });

  it('a wrong password gets a readable message in the page language', async () => {
    const { page, guard } = await browse({ locale: 'ru-RU' });
    guard.allow(/\/api\/v1\/session$/, 401);
    await page.goto(`${node.url}/`);
    await page.locator('input[name=username]').fill(USERS.liaison.name);
    await page.locator('input[name=password]').fill('not the password');
    await page.locator('form button[type=submit]').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/[А-Яа-яЁё]{4,}/);
    expect(await alert.textContent()).not.toMatch(/HTTP \d{3}/);
  });

  it('works from the keyboard: sign in without a mouse, skip to content, open an object', async () => {
    const { page } = await browse({ locale: 'zh-CN' });
    await page.goto(`${node.url}/objects?q=Poison`);
    await page.locator('input[name=username]').waitFor();
    // The name field has the focus on arrival.
    await page.keyboard.type(USERS.analyst.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(USERS.analyst.password);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=user-menu]').waitFor();
    // The first stop is the skip link, which jumps over the navigation.
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document
            .activeElement?.className,
      ),
    ).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#main');
    // A result row's link takes the focus and opens with Enter.
    const link = page.getByTestId('object-rows').getByRole('link', { name: 'Poison Ivy', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('object-detail').waitFor();
  });

  it('finds an object by searching and opens its details, JSON and relationships', async () => {
    const { page } = await browse();
    await page.goto(`${node.url}/objects`);
    await signIn(page, node.url, USERS.analyst.name, USERS.analyst.password);
    await heading(page, text('zh', 'objects.title'));
    // Export for the other Party: a STIX bundle holding only what the release policy lets go there.
    await page.getByText(text('zh', 'objects.export.button'), { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: '俄罗斯联邦' }).click()]);
    const bundle = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { type: string; objects: unknown[] };
    expect(bundle.type).toBe('bundle');
    expect(download.suggestedFilename()).toBe('accord-CN-RU.json');
    await page.getByText(text('zh', 'objects.export.button'), { exact: true }).click();
    await page.getByTestId('object-search').fill('Poison Ivy');
    await page.waitForURL(/q=Poison\+Ivy/);
    await expect.poll(() => page.getByTestId('object-total').textContent()).toMatch(/^共 \d+ 个对象/);
    // Exported now, the bundle holds what the list shows: the search narrows it, and the menu says so.
    await page.getByText(text('zh', 'objects.export.button'), { exact: true }).click();
    expect(await page.getByTestId('export-filtered').textContent()).toBe(text('zh', 'objects.export.filtered'));
    const [narrowed] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: '俄罗斯联邦' }).click()]);
    const found = (JSON.parse(readFileSync((await narrowed.path()) ?? '', 'utf8')) as { objects: Array<{ name?: string; description?: string }> }).objects;
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(bundle.objects.length);
    for (const object of found) expect(`${object.name ?? ''} ${object.description ?? ''}`.toLowerCase()).toContain('poison ivy');
    await page.getByText(text('zh', 'objects.export.button'), { exact: true }).click();
    await page.getByTestId('object-rows').getByRole('link', { name: 'Poison Ivy', exact: true }).click();
    await heading(page, 'Poison Ivy');
    expect(page.url()).toContain(POISON_IVY);
    expect(await page.getByTestId('object-properties').textContent()).toContain(
      text('zh', 'stix.prop.malware_types'),
    );
    // What the release policy would do: the example carries no TLP, so it may go to Russia, not to the public.
    const release = page.getByTestId('release-preview');
    await release.locator('[data-audience=public]').waitFor();
    expect(await release.locator('[data-audience=RU]').getAttribute('data-allow')).toBe('true');
    expect(await release.locator('[data-audience=RU]').textContent()).toContain(text('zh', 'objects.release.rule.tlp-permits'));
    expect(await release.locator('[data-audience=public]').textContent()).toContain(text('zh', 'objects.release.rule.unmarked-not-public'));
    await page.getByRole('tab', { name: text('zh', 'objects.detail.tab.json') }).click();
    expect(await page.getByTestId('object-json').textContent()).toContain(`"id": "${POISON_IVY}"`);
    await page.getByRole('tab', { name: text('zh', 'objects.detail.tab.graph') }).click();
    await page.getByTestId('relationship-table').waitFor({ timeout: 20_000 });
    // The course of action that mitigates Poison Ivy in the OASIS example.
    expect(await page.getByTestId('relationship-table').textContent()).toContain('mitigates');
    await page.getByTestId('graph-canvas').waitFor();
  });

  it('imports a bundle by upload with progress and a result for every object', async () => {
    const { page } = await browse();
    await page.goto(`${node.url}/import`);
    await signIn(page, node.url, USERS.analyst.name, USERS.analyst.password);
    await heading(page, text('zh', 'import.title'));
    await page
      .getByTestId('import-file')
      .setInputFiles(corpusPath('stix2-json-schemas/examples/threat-reports/apt1.json'));
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.locator('#upload-progress').getAttribute('value')).toBe('100');
    const count = async (status: string) =>
      Number((await page.getByTestId(`import-count-${status}`).textContent())?.replace(/\D/g, ''));
    expect((await count('new')) + (await count('updated')) + (await count('duplicate'))).toBe(76);
    expect(await count('rejected')).toBe(0);
    const rows = page.getByTestId('import-outcomes').locator('[role=row]');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.first().getAttribute('data-status')).toMatch(/new|updated|duplicate/);
    // The imported objects are searchable straight away.
    await page.goto(`${node.url}/objects?q=APT1`);
    await page.getByTestId('object-rows').getByRole('link', { name: 'APT1', exact: true }).waitFor();
  });

  it('shows a STIX pattern error at its position while typing, then creates the indicator', async () => {
    const { page } = await browse();
    await page.goto(`${node.url}/new/indicator`);
    await signIn(page, node.url, USERS.analyst.name, USERS.analyst.password);
    await page.locator('#field-name').fill('C2 服务器 198.51.100.7');
    const pattern = page.locator('#field-pattern');
    const bad = "[ipv4-addr:value = '198.51.100.7' AND]";
    await pattern.fill(bad);
    const error = page.getByTestId('error-pattern');
    await error.waitFor();
    expect(await error.textContent()).toContain('位置');
    expect(await page.getByTestId('pattern-caret').getAttribute('data-position')).toBe(
      String(bad.length - 1),
    );
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    // Saving is refused while the pattern is wrong: nothing goes to the node.
    await page.getByTestId('save-object').click();
    expect(page.url()).toContain('/new/indicator');
    await pattern.fill("[ipv4-addr:value = '198.51.100.7']");
    await error.waitFor({ state: 'detached' });
    await page.getByTestId('save-object').click();
    await page.getByTestId('object-detail').waitFor();
    await heading(page, 'C2 服务器 198.51.100.7');
    expect(await page.getByTestId('object-properties').textContent()).toContain(
      "[ipv4-addr:value = '198.51.100.7']",
    );
    expect(await page.locator('.page-header .tlp').first().textContent()).toBe('TLP:AMBER');
  });

  it('denies a reader the users page with a readable message and no data', async () => {
    const { page, guard } = await browse({ locale: 'en-GB' });
    guard.allow(/\/api\/v1\/users$/, 403);
    await page.goto(`${node.url}/admin/users`);
    await signIn(page, node.url, USERS.reader.name, USERS.reader.password);
    const denied = page.getByTestId('denied');
    await denied.waitFor();
    // A reader without a language of their own gets the node's: Chinese.
    await expect.poll(() => denied.textContent()).toContain(text('zh', 'denied.title'));
    expect(await page.getByTestId('users-table').count()).toBe(0);
    expect(await page.getByRole('navigation').textContent()).not.toContain(text('zh', 'nav.users'));
    // The node refuses too, whatever the page does.
    expect(await page.evaluate(async () => (await fetch('/api/v1/users')).status)).toBe(403);
  });

  it('switches language on every main page, keeps the choice, and saves a screenshot of each', async () => {
    // The smallest screen the UI is made for: a 1280-pixel laptop.
    const { page } = await browse({ locale: 'en-GB', width: 1280, height: 800 });
    await page.goto(`${node.url}/`);
    await signIn(page, node.url, 'admin', ADMIN_PASSWORD);
    const pages: ReadonlyArray<readonly [name: string, path: string, key: string]> = [
      ['dashboard', '/', 'dashboard.title'],
      ['objects', '/objects', 'objects.title'],
      ['object', `/objects/${POISON_IVY}`, 'objects.detail.properties'],
      ['graph', `/objects/${POISON_IVY}?tab=graph`, 'graph.listTitle'],
      ['import', '/import', 'import.title'],
      ['indicator-form', '/new/indicator', 'editor.field.description'],
      ['users', '/admin/users', 'users.title'],
      ['tokens', '/tokens', 'tokens.title'],
      ['audit', '/audit', 'audit.title'],
      ['agreement', '/agreement', 'agreement.tab.provisions'],
      ['warnings', '/warnings', 'warnings.title'],
      ['warning-form', '/warnings/new', 'warnings.form.sendNow'],
      ['requests', '/requests', 'requests.title'],
      ['request-form', '/requests/new', 'requests.form.submit'],
      ['peers', '/peers', 'peers.title'],
      ['ledger', '/ledger', 'ledger.verify.button'],
      ['consents', '/consents', 'consents.subtitle'],
      ['consultations', '/consultations', 'consultations.subtitle'],
      ['consultation-form', '/consultations/new', 'consultations.title'],
      ['disputes', '/disputes', 'disputes.subtitle'],
      ['dispute-form', '/disputes/new', 'disputes.raise'],
      ['reports', '/reports', 'reports.subtitle'],
      ['lifecycle', '/agreement/lifecycle', 'governance.lifecycle.timeline'],
      ['authorities', '/authorities', 'governance.authorities.subtitle'],
      ['activities', '/activities', 'governance.activities.subtitle'],
      ['legislation', '/legislation', 'governance.legislation.subtitle'],
    ];
    for (const [name, path, key] of pages) {
      await page.goto(`${node.url}${path}`);
      for (const lng of ['zh', 'ru', 'en'] as const) {
        await page.getByTestId(`lang-${lng}`).click();
        await page.getByText(text(lng, key), { exact: true }).first().waitFor({ timeout: 20_000 });
        expect(await page.getAttribute('html', 'lang')).toBe({ zh: 'zh-CN', ru: 'ru-RU', en: 'en-GB' }[lng]);
        expect(await page.getByRole('navigation').textContent()).toContain(text(lng, 'nav.dashboard'));
        // The live event stream keeps the network busy: wait for the page's own loading marks instead.
        await expect.poll(() => page.locator('.loading, .skeleton').count(), { timeout: 20_000 }).toBe(0);
        await page.screenshot({ path: join(shots, `${name}-${lng}.png`) });
      }
    }
    // The last choice (English) survives a reload.
    await page.goto(`${node.url}/agreement`);
    await page.getByText(text('en', 'agreement.tab.provisions'), { exact: true }).first().waitFor();
    // The agreement shows the authentic Chinese and Russian texts side by side, with their status.
    const row = page.locator('tr#art-2\\.4');
    expect(await row.locator('td[lang="zh-CN"]').textContent()).toContain('违法犯罪');
    expect(await row.locator('td[lang="ru-RU"]').textContent()).toContain(
      text('en', 'agreement.status.working-translation'),
    );
    expect(await row.locator('td[lang="zh-CN"]').textContent()).toContain(
      text('en', 'agreement.status.authentic'),
    );
    expect(await row.locator('td[lang="en-GB"]').count()).toBe(0);
    await page.getByTestId('show-english').check();
    expect(await row.locator('td[lang="en-GB"]').textContent()).toContain('unlawful');
  }, 420_000);
});
