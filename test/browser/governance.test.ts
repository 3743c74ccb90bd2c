import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/corpora.js';
import { eventually, NodeProcess, peer } from '../support/node-process.js';
import { addPasswordUser, signIn } from '../support/browser.js';
import { Browsers, text } from './browser-kit.js';
import type { PageGuard } from './page-guard.js';

const LIAISON = { name: 'wang.fang', role: 'liaison', password: 'Wang-liaison-2026', locale: 'zh', displayName: '王芳' } as const;
const READER = { name: 'petrov.reader', role: 'reader', password: 'Petrov-reader-2026', locale: 'ru', displayName: 'Петров' } as const;
const RU_LAW = {
  titles: {
    ru: 'О безопасности критической информационной инфраструктуры Российской Федерации',
    en: 'On the security of the critical information infrastructure of the Russian Federation',
  },
  summaries: { ru: 'Принципы обеспечения безопасности значимых объектов критической информационной инфраструктуры' },
  kind: 'law',
  inForceFrom: '2018-01-01',
  status: 'in-force',
};

interface State {
  status: string;
  entryIntoForce: { date: string; provision: string } | null;
  versions: Array<{ notifications: Array<{ id: string; party: string }> }>;
}

let cn: NodeProcess;
let ru: NodeProcess;
let ruToken: string;
let shots: string;
const browsers = new Browsers();

async function browse(
  locale: string,
  timezoneId: string,
  bypassCSP = false,
): Promise<{ page: Page; guard: PageGuard }> {
  return browsers.open({ locale, timezoneId, bypassCSP });
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations axe finds on the page. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the browser tests');
  [cn, ru] = await Promise.all([NodeProcess.create({ party: 'CN' }), NodeProcess.create({ party: 'RU' })]);
  await peer(cn, ru);
  await addPasswordUser(cn, LIAISON);
  await addPasswordUser(cn, READER);
  ruToken = await ru.token('ivanov.liaison', 'liaison');
  await Promise.all([cn.start(), ru.start()]);
  shots = mkdtempSync(join(tmpdir(), 'accord-ui-governance-'));
  console.log(`[browser] governance screenshots: ${shots}`);
}, 120_000);

afterEach(async () => {
  const problems = await browsers.closeAll();
  expect(problems, 'console errors, failed requests or missing translations').toEqual([]);
});

afterAll(async () => {
  await Promise.all([cn?.close(), ru?.close()]);
});

async function ruRecord(body: Record<string, unknown>): Promise<void> {
  const response = await ru.api('/api/v1/agreement/records', { method: 'POST', token: ruToken, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

describe('governing the agreement in a real browser, between two real nodes', () => {
  it('a liaison records signature, notification and receipt on the page and sees the entry into force the article yields', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${cn.url}/agreement/lifecycle`);
    await signIn(page, cn.url, LIAISON.name, LIAISON.password);
    await heading(page, text('zh', 'governance.lifecycle.title'));
    await page.getByTestId('live-state').and(page.locator('[data-state=live]')).waitFor();
    expect(await page.getByTestId('agreement-status').textContent()).toBe(
      text('zh', 'governance.lifecycle.status.not-recorded'),
    );

    // Signature, recorded on the China node through the form.
    await page.getByLabel(text('zh', 'governance.lifecycle.field.kind')).selectOption('signature');
    await page.getByLabel(`${text('zh', 'governance.lifecycle.field.signedOn')} *`).fill('2026-11-01');
    await page.getByLabel(text('zh', 'governance.lifecycle.field.place')).fill('莫斯科');
    await page.getByTestId('lifecycle-submit').click();
    await page.getByTestId('lifecycle-recorded').waitFor();
    await page.getByTestId('timeline-signature').filter({ hasText: '莫斯科' }).waitFor();
    expect(await page.getByTestId('agreement-status').textContent()).toBe(
      text('zh', 'governance.lifecycle.status.signed'),
    );

    // The Russian Party notifies completion of its procedures on its own node once it has the signature.
    await eventually(
      async () => (await ru.api<State>('/api/v1/agreement', { token: ruToken })).body.status === 'signed',
      30_000,
      'the signature on the Russia node',
    );
    await ruRecord({ kind: 'notification', sentAt: '2026-11-02T08:00:00Z' });

    // A slow node: the views refreshed after China's notification take seconds to answer, and the
    // liaison moves on to the receipt meanwhile. The kind they chose must survive that refresh.
    let slow = true;
    await page.route('**/api/v1/agreement/survivors', async (route) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });

    // China's notification, sent at 16:00 Beijing time (08:00 UTC) on 3 November.
    await page.getByLabel(text('zh', 'governance.lifecycle.field.kind')).selectOption('notification');
    await page.getByLabel(text('zh', 'governance.lifecycle.field.sentAt')).fill('2026-11-03T16:00');
    await page.getByTestId('lifecycle-submit').click();
    await page.locator('[data-testid=timeline-notification][data-party=CN]').waitFor();

    // Russia's notification arrives by itself; the liaison records its receipt (18:00 Beijing, 10:00 UTC on 2 November).
    await page.locator('[data-testid=timeline-notification][data-party=RU]').waitFor({ timeout: 45_000 });
    await page.getByLabel(text('zh', 'governance.lifecycle.field.kind')).selectOption('receipt');
    const notice = page.getByLabel(`${text('zh', 'governance.lifecycle.field.notification')} *`);
    await expect.poll(() => notice.locator('option').count()).toBe(2);
    // The notification's submission ends once the slow refresh has answered; the receipt form must still be there.
    await expect.poll(() => page.getByTestId('lifecycle-submit').isEnabled(), { timeout: 15_000 }).toBe(true);
    slow = false;
    await notice.selectOption({ index: 1 });
    await page.getByLabel(text('zh', 'governance.lifecycle.field.receivedAt')).fill('2026-11-02T18:00');
    await page.getByTestId('lifecycle-submit').click();
    await page
      .locator('[data-testid=timeline-notification][data-party=RU] [data-testid=timeline-receipt][data-party=CN]')
      .waitFor();
    expect(await page.getByTestId('entry-pending').textContent()).toBe(text('zh', 'governance.lifecycle.entryPending'));

    // Russia records receipt of China's note at 23:30 Moscow time on 4 November: the last receipt.
    const cnNote = await eventually(async () => {
      const state = (await ru.api<State>('/api/v1/agreement', { token: ruToken })).body;
      return state.versions[0]?.notifications.find((n) => n.party === 'CN');
    }, 30_000, "China's notification on the Russia node");
    await ruRecord({ kind: 'receipt', notification: cnNote.id, receivedAt: '2026-11-04T20:30:00Z' });

    // The timeline shows the computed date of entry into force and the article that yields it, without a reload.
    const entry = page.getByTestId('entry-into-force');
    await entry.waitFor({ timeout: 45_000 });
    expect(await entry.getAttribute('data-date')).toBe('2026-12-04');
    expect(await entry.getAttribute('data-provision')).toBe('art-9.1');
    const shown = await entry.textContent();
    expect(shown).toContain(text('zh', 'governance.lifecycle.entryIntoForce'));
    expect(shown).toContain('2026年12月4日');
    expect(shown).toContain(text('zh', 'governance.lifecycle.yieldedBy').replace('{{provision}}', 'art-9.1').replace('{{days}}', '30'));
    await page.screenshot({ path: join(shots, 'zh-lifecycle.png'), fullPage: true });
    const onNode = (await cn.api<State>('/api/v1/agreement', { token: await cn.token() })).body;
    expect(onNode.entryIntoForce).toMatchObject({ date: '2026-12-04', provision: 'art-9.1' });
  }, 240_000);

  it('the liaison adds a competent authority, sees it listed and the exchange deadline met for China', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${cn.url}/authorities`);
    await signIn(page, cn.url, LIAISON.name, LIAISON.password);
    await heading(page, text('zh', 'governance.authorities.title'));
    const cnStatus = page.getByTestId('exchange-CN');
    await cnStatus.waitFor();
    expect(await cnStatus.textContent()).toContain(text('zh', 'governance.authorities.missing.noAuthority'));
    // The 60-day period runs from entry into force (4 December): 2 February 2027.
    expect(await cnStatus.locator('time[data-date]').first().getAttribute('data-date')).toBe('2027-02-02');

    await page.getByTestId('authority-add').click();
    await heading(page, text('zh', 'governance.authorities.add'));
    await page.getByLabel(`${text('zh', 'governance.authorities.field.name')} *`).fill('国家互联网应急中心');
    await page.getByLabel(`${text('zh', 'governance.authorities.field.roles')} *`).fill('协调, 事件响应');
    await page.getByRole('group', { name: text('zh', 'governance.authorities.field.areas') }).getByRole('checkbox').first().check();
    await page.getByLabel(text('zh', 'governance.authorities.field.contactValue')).fill('+86 10 8299 1000');
    expect(await page.getByLabel(text('zh', 'governance.authorities.always')).isChecked()).toBe(true);
    await page.getByTestId('authority-submit').click();

    await heading(page, text('zh', 'governance.authorities.title'));
    const row = page.getByTestId('authorities-CN').getByTestId('authority-row').filter({ hasText: '国家互联网应急中心' });
    await row.waitFor();
    expect(await row.textContent()).toContain('+86 10 8299 1000');
    await page.locator('[data-testid=exchange-CN][data-complete=true]').waitFor();
    expect(await page.getByTestId('exchange-CN').textContent()).toContain(
      text('zh', 'governance.authorities.exchange.complete'),
    );
    expect(await page.getByTestId('exchange-RU').textContent()).toContain(
      text('zh', 'governance.authorities.missing.noAuthority'),
    );
    await page.screenshot({ path: join(shots, 'zh-authorities.png'), fullPage: true });
    // A new version of it, from the same Party: the form comes back filled in.
    await row.getByRole('link', { name: text('zh', 'common.edit') }).click();
    await heading(page, text('zh', 'governance.authorities.edit'));
    const roles = page.getByLabel(`${text('zh', 'governance.authorities.field.roles')} *`);
    expect(await roles.inputValue()).toBe('协调, 事件响应');
    await roles.fill('协调, 事件响应, 执法');
    await page.getByTestId('authority-submit').click();
    await heading(page, text('zh', 'governance.authorities.title'));
    await expect.poll(() => row.textContent()).toContain('执法');
    expect(await page.getByTestId('authorities-CN').getByTestId('authority-row').count()).toBe(1);
    // The Russia node has it too.
    await eventually(async () => {
      const list = await ru.api<{ items: Array<{ title: string }> }>('/api/v1/authorities?party=CN', { token: ruToken });
      return list.body.items.some((a) => a.title === '国家互联网应急中心');
    }, 30_000, 'the authority on the Russia node');
  }, 120_000);

  it('a law shared on the page is shown in every language side by side', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${cn.url}/legislation/new`);
    await signIn(page, cn.url, LIAISON.name, LIAISON.password);
    await heading(page, text('zh', 'governance.legislation.add'));
    await page.locator('#law-title-zh').fill('中华人民共和国网络安全法');
    await page.locator('#law-summary-zh').fill('保障网络安全，维护网络空间主权和国家安全');
    await page.locator('#law-title-ru').fill('Закон КНР о кибербезопасности');
    await page.locator('#law-summary-ru').fill('Обеспечение кибербезопасности и суверенитета в киберпространстве');
    await page.getByTestId('law-submit').click();
    await page.getByTestId('law-detail').waitFor();
    await heading(page, '中华人民共和国网络安全法');
    const languages = page.getByTestId('law-languages');
    expect(await languages.locator('section[data-lang=zh]').textContent()).toContain('网络安全法');
    expect(await languages.locator('section[data-lang=ru]').textContent()).toContain('кибербезопасности');
    await page.screenshot({ path: join(shots, 'zh-law-detail.png'), fullPage: true });
  }, 120_000);

  it('a Russian-speaking reader finds laws by Russian words and sees no form to add or record anything', async () => {
    const law = await ru.api<{ id: string }>('/api/v1/legislation', { method: 'POST', token: ruToken, body: RU_LAW });
    expect(law.status).toBe(201);
    await eventually(
      async () => (await cn.api(`/api/v1/legislation/${law.body.id}`, { token: await cn.token() })).status === 200,
      30_000,
      'the Russian law on the China node',
    );

    const { page, guard } = await browse('ru-RU', 'Europe/Moscow');
    guard.allow(/\/api\/v1\/legislation$/, 403);
    await page.goto(`${cn.url}/legislation`);
    await signIn(page, cn.url, READER.name, READER.password);
    await heading(page, text('ru', 'governance.legislation.title'));
    expect(await page.getByTestId('law-add').count()).toBe(0);

    await page.getByLabel(text('ru', 'governance.legislation.search')).fill('инфраструктуры');
    await page.getByTestId('law-search-submit').click();
    await page.waitForURL(/\?q=/);
    const rows = page.getByTestId('law-row');
    await expect.poll(() => rows.count()).toBe(1);
    const found = await rows.first().textContent();
    expect(found).toContain(RU_LAW.titles.ru);
    expect(found).toContain(text('ru', 'governance.legislation.alsoIn'));
    expect(found).toContain(text('ru', 'agreement.language.en'));
    await page.screenshot({ path: join(shots, 'ru-legislation-search.png'), fullPage: true });

    // The Chinese law, by a word of its Russian title, shown in Russian with Chinese available.
    await page.getByLabel(text('ru', 'governance.legislation.search')).fill('кибербезопасности');
    await page.getByTestId('law-search-submit').click();
    await expect.poll(() => rows.first().textContent()).toContain('Закон КНР о кибербезопасности');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(text('ru', 'agreement.language.zh'));
    await rows.first().getByRole('link').click();
    await page.getByTestId('law-detail').waitFor();
    expect(await page.getByTestId('law-languages').locator('section').count()).toBe(2);

    // No forms for a reader: not on the lists, not by address, and the node refuses the call itself.
    await page.goto(`${cn.url}/legislation/new`);
    await page.getByTestId('denied').waitFor();
    expect(await page.getByTestId('law-form').count()).toBe(0);
    await page.goto(`${cn.url}/authorities`);
    await heading(page, text('ru', 'governance.authorities.title'));
    await page.getByTestId('exchange-status').waitFor();
    expect(await page.getByTestId('authority-add').count()).toBe(0);
    await page.goto(`${cn.url}/authorities/new`);
    await page.getByTestId('denied').waitFor();
    await page.goto(`${cn.url}/agreement/lifecycle`);
    await heading(page, text('ru', 'governance.lifecycle.title'));
    await page.getByTestId('entry-into-force').waitFor();
    expect(await page.getByTestId('lifecycle-form').count()).toBe(0);
    await page.goto(`${cn.url}/activities`);
    await heading(page, text('ru', 'governance.activities.title'));
    expect(await page.getByTestId('activity-add').count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/v1/legislation', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-accord-csrf': '1' },
        body: JSON.stringify({ titles: { ru: 'Проект' }, status: 'draft' }),
      });
      return response.status;
    });
    expect(refused).toBe(403);
  }, 180_000);

  it('the liaison records a joint activity with another financing arrangement, and finds it by kind and direction', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${cn.url}/activities`);
    await signIn(page, cn.url, LIAISON.name, LIAISON.password);
    await heading(page, text('zh', 'governance.activities.title'));
    await page.getByTestId('activity-add').click();
    await heading(page, text('zh', 'governance.activities.add'));
    await page.getByLabel(`${text('zh', 'governance.activities.field.title')} *`).fill('中俄信息安全专家工作会晤');
    await page.getByLabel(`${text('zh', 'governance.activities.field.kind')} *`).selectOption('working-meeting');
    await page.getByLabel(text('zh', 'governance.col.status')).selectOption('agreed');
    await page.getByLabel(`${text('zh', 'governance.activities.field.startDate')} *`).fill('2027-03-10');
    await page.getByLabel(text('zh', 'governance.activities.field.endDate')).fill('2027-03-12');
    const directions = page.getByTestId('activity-directions').getByRole('checkbox');
    await directions.first().check();
    const direction = await directions.first().getAttribute('value');
    await page.getByRole('button', { name: text('zh', 'governance.activities.addParticipant') }).click();
    await page.getByTestId('participant-row').nth(1).locator('select').selectOption('RU');
    // The agreement's rule is preselected; another arrangement needs its description.
    expect(await page.getByRole('radio', { name: text('zh', 'governance.activities.cost.own-party') }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: text('zh', 'governance.activities.cost.host-party') }).check();
    await page.getByTestId('activity-submit').click();
    await page.getByText(text('zh', 'governance.activities.arrangementRequired')).waitFor();
    await page.getByLabel(`${text('zh', 'governance.activities.field.costArrangement')} *`).fill('东道方承担两国代表团的住宿费用');
    await page.getByTestId('activity-submit').click();
    await page.getByTestId('activity-detail').waitFor();
    const cost = await page.getByTestId('activity-cost').textContent();
    expect(cost).toContain(text('zh', 'governance.activities.cost.host-party'));
    expect(cost).toContain('东道方承担');
    await page.screenshot({ path: join(shots, 'zh-activity-detail.png'), fullPage: true });
    await page.getByTestId('activity-edit').click();
    await heading(page, text('zh', 'governance.activities.edit'));
    await page.getByLabel(text('zh', 'governance.col.status')).selectOption('in-progress');
    await page.getByTestId('activity-submit').click();
    await page
      .getByTestId('activity-detail')
      .getByText(text('zh', 'governance.activities.status.in-progress'), { exact: true })
      .waitFor();
    expect(await page.getByTestId('activity-cost').textContent()).toContain('东道方承担');

    await page.goto(`${cn.url}/activities`);
    const rows = page.getByTestId('activity-row');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel(text('zh', 'governance.activities.field.kind')).selectOption('conference');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByLabel(text('zh', 'governance.activities.field.kind')).selectOption('working-meeting');
    await expect.poll(() => rows.count()).toBe(1);
    const filter = page.getByLabel(text('zh', 'governance.activities.field.directions'));
    await filter.selectOption(direction ?? '');
    await expect.poll(() => rows.count()).toBe(1);
    await filter.selectOption({ index: 2 });
    await expect.poll(() => rows.count()).toBe(0);
    // An agreed activity is unfinished joint work that would survive termination.
    await page.goto(`${cn.url}/agreement/lifecycle`);
    await page.getByTestId('survivors').getByText('中俄信息安全专家工作会晤').waitFor();
    // And the Russia node has it.
    await eventually(async () => {
      const list = await ru.api<{ items: Array<{ title: string }> }>('/api/v1/activities', { token: ruToken });
      return list.body.items.some((a) => a.title === '中俄信息安全专家工作会晤');
    }, 30_000, 'the activity on the Russia node');
  }, 120_000);

  it('every governance page passes axe in zh, ru and en', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai', true);
    await page.goto(`${cn.url}/`);
    await signIn(page, cn.url, LIAISON.name, LIAISON.password);
    const ids = async (path: string) =>
      (await cn.api<{ items: Array<{ id: string }> }>(path, { token: await cn.token() })).body.items.map((i) => i.id);
    const [activity] = await ids('/api/v1/activities');
    const [law] = await ids('/api/v1/legislation');
    const paths = [
      '/agreement/lifecycle',
      '/authorities',
      '/authorities/new',
      '/activities',
      '/activities/new',
      `/activities/${activity ?? ''}`,
      '/legislation',
      '/legislation/new',
      `/legislation/${law ?? ''}`,
    ];
    const problems: string[] = [];
    for (const lng of ['zh', 'ru', 'en'] as const) {
      await page.getByTestId(`lang-${lng}`).click();
      for (const path of paths) {
        await page.goto(`${cn.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await expect.poll(() => page.locator('.loading, .skeleton').count(), { timeout: 20_000 }).toBe(0);
        problems.push(...(await violations(page)).map((v) => `${lng} ${path}: ${v}`));
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
