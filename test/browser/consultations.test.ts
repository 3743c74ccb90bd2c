import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/corpora.js';
import { ADMIN_PASSWORD, NodeProcess, peer } from '../support/node-process.js';
import { addPasswordUser, signIn } from '../support/browser.js';
import { Browsers, text } from './browser-kit.js';
import type { PageGuard } from './page-guard.js';

const CN_LIAISON = {
  name: 'wang.fang',
  role: 'liaison',
  password: 'Wang-liaison-2026',
  locale: 'zh',
  displayName: '王芳',
} as const;
const CN_READER = { name: 'reader.li', role: 'reader', password: 'Reader-li-2026-x', locale: 'zh' } as const;
const RU_LIAISON = {
  name: 'ivanov.a',
  role: 'liaison',
  password: 'Ivanov-liaison-2026',
  locale: 'ru',
  displayName: 'Иванов А. С.',
} as const;
const TITLE = '关于勒索软件攻击关键信息基础设施的特别磋商';
const AGENDA = '交换勒索软件攻击情况并协调应对措施';
const WARNING_REF = 'accord-early-warning--0b5b6a1e-5f6c-4a43-9c1e-2f4d8e6b7a10';

let cn: NodeProcess;
let ru: NodeProcess;
let shots: string;
const browsers = new Browsers();

async function browse(
  locale: string,
  timezoneId: string,
  bypassCSP = false,
): Promise<{ page: Page; guard: PageGuard }> {
  return browsers.open({ locale, timezoneId, bypassCSP });
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe (WCAG 2.1 A/AA) violations on the page. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

/** A calendar day `days` from now in Beijing, as a `datetime-local` date. */
function beijingDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the browser tests');
  [cn, ru] = await Promise.all([NodeProcess.create({ party: 'CN' }), NodeProcess.create({ party: 'RU' })]);
  await peer(cn, ru);
  await addPasswordUser(cn, CN_LIAISON);
  await addPasswordUser(cn, CN_READER);
  await addPasswordUser(ru, RU_LIAISON);
  await Promise.all([cn.start(), ru.start()]);
  shots = mkdtempSync(join(tmpdir(), 'accord-ui-consultations-'));
  console.log(`[browser] consultation screenshots: ${shots}`);
}, 120_000);

afterEach(async () => {
  const problems = await browsers.closeAll();
  expect(problems, 'console errors, failed requests or missing translations').toEqual([]);
});

afterAll(async () => {
  await Promise.all([cn?.close(), ru?.close()]);
});

describe('consultations (Art. 5(4)) in real browsers on two real nodes', () => {
  it('a Chinese liaison proposes extraordinary consultations with an agenda; they are listed and in the .ics; Russia counter-proposes another venue, China accepts it', async () => {
    const { page: zh, guard } = await browse('zh-CN', 'Asia/Shanghai');
    // The first attempt ends before it starts: the node refuses it with a 400 the page shows.
    guard.allow(/\/api\/v1\/consultations$/, 400);
    await zh.goto(`${cn.url}/consultations/new`);
    await signIn(zh, cn.url, CN_LIAISON.name, CN_LIAISON.password);
    await zh.getByRole('heading', { level: 1, name: text('zh', 'consultations.propose') }).waitFor();
    const day = beijingDay(40);
    const nextDay = beijingDay(41);
    await zh.locator('#consultation-title').fill(TITLE);
    await zh.locator('#consultation-starts').fill(`${day}T10:00`);
    await zh.locator('#consultation-ends').fill(`${day}T09:00`);
    await zh.locator('#consultation-place').fill('北京');
    await zh.locator('#propose-agenda-0').fill(AGENDA);
    await zh.getByLabel(text('zh', 'consultations.form.agendaRefs').replace('{{n}}', '1')).fill(WARNING_REF);
    await zh.getByTestId('propose-submit').click();
    const problem = zh.getByTestId('propose-problem').getByRole('alert');
    await problem.waitFor();
    // The node's own reason, in Chinese, not an HTTP status.
    expect(await problem.textContent()).toContain('结束时间必须晚于开始时间');
    expect(await problem.textContent()).not.toMatch(/HTTP \d{3}/);

    await zh.locator('#consultation-ends').fill(`${nextDay}T17:00`);
    await zh.getByTestId('propose-submit').click();
    await zh.getByTestId('consultation-detail').waitFor();
    await zh.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const id = /\/consultations\/(accord-consultation--[0-9a-f-]{36})$/.exec(zh.url())?.[1] ?? '';
    expect(id).not.toBe('');
    await zh.locator('[data-testid=consultation-state][data-state=proposed]').waitFor();
    expect(await zh.getByTestId('consultation-state').textContent()).toBe(
      text('zh', 'consultations.state.proposed'),
    );
    const agenda = zh.getByTestId('consultation-agenda');
    expect(await agenda.textContent()).toContain(AGENDA);
    expect(await agenda.getByRole('link').getAttribute('href')).toBe(`/warnings/${WARNING_REF}`);
    expect(await zh.getByTestId('consultation-place').textContent()).toBe('北京');
    // The proposer waits for the other Party: it may cancel, not accept its own terms.
    expect(await zh.getByTestId('act-acceptance').count()).toBe(0);
    await zh.getByTestId('act-cancellation').waitFor();

    // The calendar file of this consultation, fetched with the page's own session.
    const href = (await zh.getByTestId('ics-one').getAttribute('href')) ?? '';
    const one = await zh.request.get(`${cn.url}${href}`);
    expect(one.status()).toBe(200);
    expect(one.headers()['content-type']).toContain('text/calendar');
    const ics = await one.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`UID:${id}@accord`);
    expect(ics).toContain(`SUMMARY:${TITLE}`);
    expect(ics).toContain('LOCATION:北京');
    expect(ics).toContain('STATUS:TENTATIVE');
    await zh.screenshot({ path: join(shots, 'zh-detail-proposed.png'), fullPage: true });

    // Listed among the upcoming consultations, in the calendar of all, next to the schedule ahead.
    await zh.getByRole('link', { name: text('zh', 'nav.consultations'), exact: true }).click();
    await zh.getByRole('heading', { level: 1, name: text('zh', 'consultations.title') }).waitFor();
    const row = zh
      .getByTestId('consultations-upcoming')
      .getByTestId('consultation-row')
      .filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain(text('zh', 'consultations.kind.extraordinary'));
    expect(await zh.getByTestId('schedule-window').count()).toBe(4);
    // The calendar opens on the month of the next consultation (40 days ahead), not on this month;
    // the month moved to is kept in the address, so a reload or a shared link shows the same one.
    const calendar = zh.getByTestId('consultation-calendar');
    expect(await calendar.locator(`td[data-day="${day}"] .month-event`).textContent()).toBe(TITLE);
    await calendar.getByRole('button', { name: text('zh', 'consultations.calendar.next') }).click();
    const following = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1));
    const followingMonth = `${following.getUTCFullYear()}-${String(following.getUTCMonth() + 1).padStart(2, '0')}`;
    await zh.waitForURL((url) => url.searchParams.get('month') === followingMonth);
    await zh.reload();
    await calendar.locator(`td[data-day="${followingMonth}-01"]`).waitFor();
    expect(await calendar.locator(`td[data-day="${day}"]`).count()).toBe(0);
    expect(await zh.getByTestId('consultation-schedule').textContent()).toMatch(/中华人民共和国|俄罗斯联邦/);
    const all = await zh.request.get(
      `${cn.url}${(await zh.getByTestId('ics-all').getAttribute('href')) ?? ''}`,
    );
    expect(await all.text()).toContain(`UID:${id}@accord`);
    await zh.screenshot({ path: join(shots, 'zh-list.png'), fullPage: true });

    // The Russian liaison sees the proposal arrive on the Russia node and accepts the terms.
    const { page: rus } = await browse('ru-RU', 'Europe/Moscow');
    await rus.goto(`${ru.url}/consultations`);
    await signIn(rus, ru.url, RU_LIAISON.name, RU_LIAISON.password);
    await rus.getByRole('heading', { level: 1, name: text('ru', 'consultations.title') }).waitFor();
    const arrived = rus.getByTestId('consultation-row').filter({ hasText: TITLE });
    await arrived.waitFor({ timeout: 45_000 });
    await arrived.getByRole('link', { name: TITLE }).click();
    await rus.getByTestId('consultation-detail').waitFor();
    expect(await rus.getByTestId('consultation-agenda').textContent()).toContain(AGENDA);
    // Russia counter-proposes another venue: the terms are now Russia's, for China to accept.
    await rus.getByTestId('act-counter-proposal').click();
    await rus
      .getByTestId('counter-proposal-form')
      .getByLabel(text('ru', 'consultations.field.place'))
      .fill('Москва');
    await rus.getByTestId('counter-proposal-submit').click();
    await rus.getByTestId('consultation-place').filter({ hasText: 'Москва' }).waitFor();
    expect(await rus.getByTestId('consultation-state').getAttribute('data-state')).toBe('proposed');
    expect(await rus.getByTestId('act-acceptance').count()).toBe(0);
    expect(await rus.getByTestId('consultation-steps').textContent()).toContain(
      text('ru', 'consultations.step.counter-proposal'),
    );

    // On the China node the new venue arrives without a reload, and the Chinese liaison accepts it.
    await zh.evaluate(() => Object.assign(globalThis, { __noReload: true }));
    await row.getByRole('link', { name: TITLE }).click();
    await zh.getByTestId('consultation-place').filter({ hasText: 'Москва' }).waitFor({ timeout: 45_000 });
    await zh.getByTestId('act-acceptance').click();
    await zh.getByTestId('acceptance-submit').click();
    await zh.locator('[data-testid=consultation-state][data-state=agreed]').waitFor();
    expect(await zh.getByTestId('consultation-state').textContent()).toBe(
      text('zh', 'consultations.state.agreed'),
    );
    expect(await zh.evaluate(() => (globalThis as { __noReload?: boolean }).__noReload)).toBe(true);

    // Back on the Russia node the consultations show agreed, without a reload.
    await rus.locator('[data-testid=consultation-state][data-state=agreed]').waitFor({ timeout: 45_000 });
    expect(await rus.getByTestId('consultation-steps').textContent()).toContain(
      text('ru', 'consultations.step.acceptance'),
    );
    await rus.screenshot({ path: join(shots, 'ru-detail-agreed.png'), fullPage: true });
  }, 240_000);

  it('a reader sees the consultations but not the propose action, and the propose page refuses them', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${cn.url}/consultations`);
    await signIn(page, cn.url, CN_READER.name, CN_READER.password);
    await page.getByRole('heading', { level: 1, name: text('zh', 'consultations.title') }).waitFor();
    await page.getByTestId('consultation-row').filter({ hasText: TITLE }).waitFor();
    expect(await page.getByTestId('propose-link').count()).toBe(0);
    expect(await page.getByRole('link', { name: text('zh', 'consultations.schedule.propose') }).count()).toBe(
      0,
    );
    const nav = await page.getByRole('navigation').textContent();
    expect(nav).toContain(text('zh', 'nav.consultations'));
    expect(nav).not.toContain(text('zh', 'nav.newConsultation'));
    await page.getByRole('link', { name: TITLE }).first().click();
    await page.getByTestId('consultation-detail').waitFor();
    await page.getByTestId('ics-one').waitFor();
    expect(await page.getByTestId('consultation-actions').count()).toBe(0);
    await page.goto(`${cn.url}/consultations/new`);
    await page.getByTestId('denied').waitFor();
    expect(await page.getByTestId('consultation-form').count()).toBe(0);
  }, 120_000);

  it('the consultation pages and their forms have no serious accessibility violations in Chinese and Russian', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai', true);
    await page.goto(`${cn.url}/consultations`);
    await signIn(page, cn.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('consultation-row').first().waitFor();
    const detail =
      (await page.getByTestId('consultation-row').first().getByRole('link').first().getAttribute('href')) ??
      '';
    const problems: string[] = [];
    for (const lng of ['zh', 'ru'] as const) {
      await page.getByTestId(`lang-${lng}`).click();
      await page.goto(`${cn.url}/consultations`);
      await page.getByTestId('consultation-schedule').waitFor();
      problems.push(...(await axeViolations(page)).map((v) => `${lng} list: ${v}`));
      await page.goto(`${cn.url}${detail}`);
      await page.getByTestId('consultation-detail').waitFor();
      await page.getByTestId('act-cancellation').click();
      problems.push(...(await axeViolations(page)).map((v) => `${lng} detail: ${v}`));
      await page.goto(`${cn.url}/consultations/new?kind=regular`);
      await page.locator('#consultation-window').waitFor();
      await page.getByTestId('propose-submit').click();
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).toBe(
        text(lng, 'consultations.form.needWindow'),
      );
      problems.push(...(await axeViolations(page)).map((v) => `${lng} form: ${v}`));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('once begun, the Chinese liaison records bilingual minutes with an action item; the Russian liaison approves them and completes the item', async () => {
    const { page: zh } = await browse('zh-CN', 'Asia/Shanghai');
    const { page: rus } = await browse('ru-RU', 'Europe/Moscow');
    await zh.goto(`${cn.url}/consultations`);
    await signIn(zh, cn.url, CN_LIAISON.name, CN_LIAISON.password);
    await rus.goto(`${ru.url}/consultations`);
    await signIn(rus, ru.url, RU_LIAISON.name, RU_LIAISON.password);
    // Consultations starting in a minute, proposed and accepted through the API with each page's session.
    const startsAt = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    const endsAt = new Date(Date.parse(startsAt) + 3 * 3_600_000).toISOString().replace('.000Z', 'Z');
    const proposed = await zh.request.post(`${cn.url}/api/v1/consultations`, {
      headers: { 'x-accord-csrf': '1' },
      data: {
        kind: 'extraordinary',
        title: '视频会议：年度合作总结',
        startsAt,
        endsAt,
        place: '视频会议',
        agenda: [{ title: '年度合作总结' }],
      },
    });
    expect(proposed.status()).toBe(201);
    const { id } = (await proposed.json()) as { id: string };
    await expect
      .poll(async () => (await rus.request.get(`${ru.url}/api/v1/consultations/${id}`)).status(), {
        timeout: 45_000,
      })
      .toBe(200);
    const accepted = await rus.request.post(`${ru.url}/api/v1/consultations/${id}/steps`, {
      headers: { 'x-accord-csrf': '1' },
      data: { kind: 'acceptance' },
    });
    expect(accepted.status()).toBe(200);

    // Before the start there is nothing to record; once it has begun, the minutes form opens.
    await zh.goto(`${cn.url}/consultations/${id}`);
    await zh.locator('[data-testid=consultation-state][data-state=agreed]').waitFor({ timeout: 45_000 });
    expect(await zh.getByTestId('act-minutes').count()).toBe(0);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(startsAt) - Date.now() + 1500)),
    );
    await zh.reload();
    await zh.getByTestId('act-minutes').click();
    await zh.locator('textarea[name=minutes-zh]').fill('双方总结了年度合作情况，同意加强信息交换。');
    await zh
      .locator('textarea[name=minutes-ru]')
      .fill('Стороны подвели итоги годового сотрудничества и договорились расширить обмен информацией.');
    await zh.getByRole('button', { name: text('zh', 'consultations.form.addAttendee') }).click();
    await zh.getByLabel(text('zh', 'consultations.field.name'), { exact: true }).fill('王芳');
    await zh.getByRole('button', { name: text('zh', 'consultations.form.addAction') }).click();
    await zh
      .getByLabel(text('zh', 'consultations.field.action'), { exact: true })
      .fill('提供勒索软件样本哈希清单');
    await zh.getByLabel(text('zh', 'consultations.field.ownerParty'), { exact: false }).selectOption('RU');
    await zh.getByLabel(text('zh', 'consultations.field.dueOn'), { exact: true }).fill(beijingDay(10));
    await zh.getByTestId('minutes-submit').click();
    await zh.locator('[data-testid=consultation-state][data-state=held]').waitFor();
    const minutes = zh.getByTestId('consultation-minutes');
    expect(await minutes.locator('section[lang=zh-CN]').textContent()).toContain('加强信息交换');
    expect(await minutes.locator('section[lang=ru-RU]').textContent()).toContain('обмен информацией');
    const item = zh.getByTestId('action-item').filter({ hasText: '提供勒索软件样本哈希清单' });
    await item.getByTestId('countdown').waitFor();
    expect(await item.textContent()).toContain('俄罗斯联邦');
    // The item is the Russian Party's to complete, not the Chinese liaison's.
    expect(await item.getByTestId('complete-action').count()).toBe(0);
    await zh.screenshot({ path: join(shots, 'zh-minutes-held.png'), fullPage: true });

    // The Russian liaison sees the minutes arrive, approves them and completes the item.
    await rus.goto(`${ru.url}/consultations/${id}`);
    await rus.getByTestId('consultation-minutes').waitFor({ timeout: 45_000 });
    expect(await rus.getByTestId('consultation-attendance').textContent()).toContain('王芳');
    await rus.getByTestId('act-minutes-approval').click();
    await rus.getByTestId('minutes-approval-submit').click();
    await rus.locator('[data-testid=consultation-state][data-state=concluded]').waitFor();
    const ruItem = rus.getByTestId('action-item').filter({ hasText: '提供勒索软件样本哈希清单' });
    await ruItem.getByTestId('complete-action').click();
    await ruItem.getByText(text('ru', 'consultations.action.done'), { exact: true }).waitFor();
    await rus.screenshot({ path: join(shots, 'ru-concluded.png'), fullPage: true });

    // Both steps reach the China node by themselves.
    await zh.locator('[data-testid=consultation-state][data-state=concluded]').waitFor({ timeout: 45_000 });
    await item
      .getByText(text('zh', 'consultations.action.done'), { exact: true })
      .waitFor({ timeout: 45_000 });
  }, 240_000);
});
