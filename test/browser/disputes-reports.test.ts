import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reportsMessage } from '../../src/reports/reports.messages.js';
import { quickPeriod } from '../../web/src/pages/reports/report-period.js';
import { repoRoot } from '../support/corpora.js';
import { NodeProcess } from '../support/node-process.js';
import { addPasswordUser, signIn } from '../support/browser.js';
import { Browsers, text } from './browser-kit.js';
import type { PageGuard } from './page-guard.js';

const LIAISON = {
  name: 'wang.fang',
  role: 'liaison',
  password: 'Wang-liaison-2026',
  locale: 'zh',
  displayName: '王芳',
} as const;
const READER = {
  name: 'petrova.reader',
  role: 'reader',
  password: 'Petrova-reader-2026',
  locale: 'ru',
} as const;
const TITLE = '关于第五条第四款磋商轮流举办的解释';
const SUBJECT = '双方对例行磋商的轮流举办顺序理解不一致。';
const POSITION_ZH = '中方认为，轮流顺序应从最近一次例行磋商的东道方继续。';
const EVIDENCE_ZH = '争议提出时的记录，已写入交换账本。';
const POSITION_RU =
  'Китайская сторона считает, что очерёдность продолжается от принимающей стороны последних консультаций.';

interface ProfileText {
  readonly provisions: ReadonlyArray<{
    readonly id: string;
    readonly text: Readonly<Record<string, string>>;
  }>;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations axe finds on the page. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.targets)}`);
}

let node: NodeProcess;
let disputeId = '';
const browsers = new Browsers();

async function browse(
  locale: string,
  timezoneId = 'Asia/Shanghai',
): Promise<{ page: Page; guard: PageGuard }> {
  return browsers.open({ locale, timezoneId });
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Normalised text of an element, for comparing with the profile's texts. */
async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the browser tests');
  node = await NodeProcess.create({ party: 'CN' });
  await addPasswordUser(node, LIAISON);
  await addPasswordUser(node, READER);
  await node.start();
});

afterEach(async () => {
  const problems = await browsers.closeAll();
  expect(problems, 'console errors, failed requests or missing translations').toEqual([]);
});

afterAll(async () => {
  await node?.close();
});

describe('disputes and reports in the browser', () => {
  it('a liaison raises a dispute citing Art. 5(4) in Chinese, reads it in Chinese and Russian side by side, and records a position', async () => {
    const { page } = await browse('zh-CN');
    await page.goto(`${node.url}/disputes`);
    await signIn(page, node.url, LIAISON.name, LIAISON.password);
    await page.getByRole('link', { name: text('zh', 'nav.disputes'), exact: true }).click();
    await heading(page, text('zh', 'disputes.title'));
    await page.getByText(text('zh', 'disputes.none')).waitFor();

    await page.getByRole('link', { name: text('zh', 'disputes.raise') }).click();
    await heading(page, text('zh', 'disputes.raise'));
    // Nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: text('zh', 'disputes.form.submit') }).click();
    await page.getByText(text('zh', 'disputes.form.needProvision')).waitFor();
    await page.getByLabel(text('zh', 'disputes.field.title')).fill(TITLE);
    await page.getByLabel(text('zh', 'disputes.form.filter')).fill('磋商');
    const article54 = page.getByRole('checkbox', {
      name: new RegExp(`^${text('zh', 'disputes.provisionRef', { article: 5, paragraph: 4 })}`),
    });
    await article54.check();
    await expect
      .poll(() => textOf(page, '[data-testid=chosen-provisions]'))
      .toBe(
        text('zh', 'disputes.form.chosen', {
          list: text('zh', 'disputes.provisionRef', { article: 5, paragraph: 4 }),
        }),
      );
    await page.getByLabel(text('zh', 'agreement.language.zh'), { exact: true }).fill(SUBJECT);
    await page.getByRole('button', { name: text('zh', 'disputes.form.submit') }).click();

    await heading(page, TITLE);
    disputeId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(disputeId).toMatch(/^accord-dispute--/);
    expect(await page.getByTestId('dispute-state').getAttribute('data-state')).toBe('open');
    expect(await textOf(page, '[data-testid=dispute-subject]')).toContain(SUBJECT);

    // The provision's authentic texts, side by side, exactly as the profile holds them.
    const profile = (await (await page.request.get(`${node.url}/api/v1/profile`)).json()) as ProfileText;
    const art54 = profile.provisions.find((p) => p.id === 'art-5.4');
    expect(art54?.text.zh && art54.text.ru).toBeTruthy();
    const row = '[data-testid=dispute-provisions] tr[data-provision="art-5.4"]';
    expect(await textOf(page, `${row} th`)).toContain(
      text('zh', 'disputes.provisionRef', { article: 5, paragraph: 4 }),
    );
    expect(await textOf(page, `${row} td[data-lang=zh]`)).toBe(squash(art54?.text.zh ?? ''));
    expect(await textOf(page, `${row} td[data-lang=ru]`)).toBe(squash(art54?.text.ru ?? ''));
    expect(await page.locator(`${row} td[data-lang=zh]`).getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator(`${row} td[data-lang=ru]`).getAttribute('lang')).toBe('ru-RU');
    const head = await textOf(page, '[data-testid=dispute-provisions] thead');
    expect(head).toContain(text('zh', 'agreement.language.zh'));
    expect(head).toContain(text('zh', 'agreement.language.ru'));
    // Both Parties' columns, neither with a position yet.
    expect(await textOf(page, '[data-testid=dispute-positions] [data-party=RU]')).toContain(
      text('zh', 'disputes.noPosition'),
    );

    // Our position, in Chinese and Russian.
    await page.getByRole('button', { name: text('zh', 'disputes.action.position') }).click();
    const form = page.getByTestId('dispute-step-form-position');
    await form
      .getByLabel(text('zh', 'disputes.form.textIn', { language: text('zh', 'agreement.language.zh') }))
      .fill(POSITION_ZH);
    await form
      .getByLabel(text('zh', 'disputes.form.textIn', { language: text('zh', 'agreement.language.ru') }))
      .fill(POSITION_RU);
    await form.getByRole('button', { name: text('zh', 'disputes.action.position') }).click();
    await form.waitFor({ state: 'detached' });
    const ours = '[data-testid=dispute-positions] [data-party=CN]';
    await expect.poll(() => textOf(page, ours)).toContain(POSITION_ZH);
    expect(await textOf(page, `${ours} [data-lang=ru]`)).toContain(POSITION_RU);
    expect(await textOf(page, '[data-testid=dispute-positions] [data-party=RU]')).toContain(
      text('zh', 'disputes.noPosition'),
    );
    expect(await page.locator('[data-testid=dispute-steps] > li[data-kind=position]').count()).toBe(1);

    // Evidence: the dispute object as exchanged, cited by its ledger evidence package.
    await page.getByRole('button', { name: text('zh', 'disputes.action.evidence') }).click();
    const evidenceForm = page.getByTestId('dispute-step-form-evidence');
    await evidenceForm
      .getByLabel(text('zh', 'disputes.form.textIn', { language: text('zh', 'agreement.language.zh') }))
      .fill(EVIDENCE_ZH);
    await evidenceForm.getByLabel(text('zh', 'disputes.form.objectId')).fill(disputeId);
    await evidenceForm.getByRole('button', { name: text('zh', 'disputes.action.evidence') }).click();
    await evidenceForm.waitFor({ state: 'detached' });
    const evidenceLink = page.locator('[data-testid=dispute-steps] > li[data-kind=evidence] a[download]');
    await evidenceLink.waitFor();
    const evidenceHref = (await evidenceLink.getAttribute('href')) ?? '';
    expect(evidenceHref).toBe(`/api/v1/ledger/evidence/${disputeId}`);
    const pack = await page.request.get(new URL(evidenceHref, node.url).toString());
    expect(pack.status()).toBe(200);
    expect(((await pack.json()) as { objectId: string }).objectId).toBe(disputeId);

    // The node holds what the page showed.
    const stored = (await (await page.request.get(`${node.url}/api/v1/disputes/${disputeId}`)).json()) as {
      provisions: string[];
      parties: string[];
      steps: Array<{
        kind: string;
        party: string;
        content: Record<string, string>;
        evidence: Array<{ objectRef: string; packageHash: string }>;
      }>;
    };
    expect(stored.provisions).toEqual(['art-5.4']);
    expect(stored.parties).toEqual(['CN', 'RU']);
    expect(stored.steps).toMatchObject([
      { kind: 'position', party: 'CN', content: { zh: POSITION_ZH, ru: POSITION_RU } },
      { kind: 'evidence', party: 'CN', content: { zh: EVIDENCE_ZH }, evidence: [{ objectRef: disputeId }] },
    ]);
    const hash = stored.steps[1]?.evidence[0]?.packageHash ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await textOf(page, '[data-testid=dispute-evidence]')).toContain(hash);

    // The list: state, provision by article, Parties, last step.
    await page.getByRole('link', { name: text('zh', 'nav.disputes'), exact: true }).click();
    const listed = page.getByTestId('dispute-row');
    await expect.poll(() => listed.count()).toBe(1);
    const rowText = squash((await listed.textContent()) ?? '');
    expect(rowText).toContain(TITLE);
    expect(rowText).toContain(text('zh', 'disputes.state.open'));
    expect(rowText).toContain(text('zh', 'disputes.provisionRef', { article: 5, paragraph: 4 }));
    expect(rowText).toContain(text('zh', 'disputes.step.evidence'));
  });

  it('the reports page downloads the PDF of the last half-year and opens the HTML report in Russian', async () => {
    const { page } = await browse('zh-CN', 'Asia/Shanghai');
    await page.goto(`${node.url}/reports`);
    await signIn(page, node.url, LIAISON.name, LIAISON.password);
    await page.getByRole('link', { name: text('zh', 'nav.reports'), exact: true }).click();
    await heading(page, text('zh', 'reports.title'));
    await page.getByRole('button', { name: text('zh', 'reports.quick.lastHalfYear') }).click();
    // Today as the browser in Beijing sees it, which is also the day the China node counts in.
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .split('-')
      .map(Number);
    const half = quickPeriod('lastHalfYear', new Date(y ?? 0, (m ?? 1) - 1, d ?? 1));
    expect(await page.getByLabel(text('zh', 'reports.from')).inputValue()).toBe(half.from);
    expect(await page.getByLabel(text('zh', 'reports.to')).inputValue()).toBe(half.to);
    await page.getByLabel(text('zh', 'reports.language')).selectOption('ru');

    // The PDF link: a real PDF for that period, in Russian.
    const pdfLink = page.getByRole('link', { name: text('zh', 'reports.downloadPdf') });
    const href = (await pdfLink.getAttribute('href')) ?? '';
    expect(href).toContain(`from=${half.from}`);
    expect(href).toContain('lang=ru');
    const pdf = await page.request.get(new URL(href, node.url).toString(), { timeout: 120_000 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      pdfLink.click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^accord-report-CN-.*-ru\.pdf$/);

    // The HTML report opens in a new tab, in Russian.
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: text('zh', 'reports.openHtml') }).click(),
    ]);
    await report.waitForLoadState();
    expect(await report.getAttribute('html', 'lang')).toBe('ru');
    expect(await report.locator('h2').first().textContent()).toBe(reportsMessage('exchanges').text('ru'));
    expect(await report.title()).toBe(
      reportsMessage('title', { profile: 'cn-ru-2015', party: 'CN' }).text('ru'),
    );
    await report.close();

    // The preview frames the same report inside the app, under the app's CSP.
    await page.getByRole('button', { name: text('zh', 'reports.preview') }).click();
    const frame = page.frameLocator('[data-testid=report-frame]');
    await expect
      .poll(() => frame.locator('h2').first().textContent())
      .toBe(reportsMessage('exchanges').text('ru'));
    // The last half-year ended before the dispute was raised; this year so far counts it.
    expect(await frame.locator('#disputes').textContent()).toBe(
      reportsMessage('disputes', { open: 0, settled: 0 }).text('ru'),
    );
    await page.getByRole('button', { name: text('zh', 'reports.quick.yearToDate') }).click();
    await page.getByRole('button', { name: text('zh', 'reports.preview') }).click();
    await expect
      .poll(() => frame.locator('#disputes').textContent())
      .toBe(reportsMessage('disputes', { open: 1, settled: 0 }).text('ru'));
  });

  it('a reader sees disputes but cannot raise one or take a step', async () => {
    expect(disputeId, 'the first test raised a dispute').not.toBe('');
    const { page } = await browse('ru-RU', 'Europe/Moscow');
    await page.goto(`${node.url}/disputes`);
    await signIn(page, node.url, READER.name, READER.password);
    await heading(page, text('ru', 'disputes.title'));
    await expect.poll(() => page.getByTestId('dispute-row').count()).toBe(1);
    expect(await page.getByRole('link', { name: text('ru', 'disputes.raise') }).count()).toBe(0);

    await page.getByRole('link', { name: TITLE }).click();
    await heading(page, TITLE);
    await page.getByTestId('dispute-positions').getByText(POSITION_RU).waitFor();
    expect(await page.getByTestId('dispute-actions').count()).toBe(0);
    expect(await page.getByRole('button', { name: text('ru', 'disputes.action.position') }).count()).toBe(0);

    await page.goto(`${node.url}/disputes/new`);
    await heading(page, text('ru', 'denied.title'));
    expect(await page.getByTestId('dispute-form').count()).toBe(0);

    // The node refuses too, whatever the page shows.
    const refused = await page.request.post(`${node.url}/api/v1/disputes`, {
      headers: { 'x-accord-csrf': '1', 'accept-language': 'ru' },
      data: { title: 'x', provisions: ['art-5.4'], subject: { ru: 'x' } },
    });
    expect(refused.status()).toBe(403);
    const step = await page.request.post(`${node.url}/api/v1/disputes/${disputeId}/steps`, {
      headers: { 'x-accord-csrf': '1' },
      data: { kind: 'position', content: { ru: 'x' } },
    });
    expect(step.status()).toBe(403);
    const after = (await (await page.request.get(`${node.url}/api/v1/disputes`)).json()) as {
      items: Array<{ steps: unknown[] }>;
    };
    expect(after.items).toHaveLength(1);
    expect(after.items[0]?.steps).toHaveLength(2);
  });

  it('disputes and reports pages pass axe in zh, ru and en, with the step form and the preview open', async () => {
    expect(disputeId, 'the first test raised a dispute').not.toBe('');
    // bypassCSP only so that axe can be injected; the other tests run under the app's CSP.
    const { page } = await browsers.open({ locale: 'zh-CN', bypassCSP: true });
    await page.goto(`${node.url}/disputes`);
    await signIn(page, node.url, LIAISON.name, LIAISON.password);
    const problems: string[] = [];
    const check = async (label: string) => {
      await page.locator('main h1').first().waitFor();
      await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      problems.push(...(await violations(page)).map((v) => `${label}: ${v}`));
    };
    for (const lng of ['zh', 'ru', 'en'] as const) {
      await page.getByTestId(`lang-${lng}`).click();
      for (const path of ['/disputes', '/disputes/new', '/reports']) {
        await page.goto(`${node.url}${path}`);
        await check(`${lng} ${path}`);
      }
      await page.getByRole('button', { name: text(lng, 'reports.preview') }).click();
      await page.getByTestId('report-frame').waitFor();
      await check(`${lng} /reports with preview`);
      await page.goto(`${node.url}/disputes/${disputeId}`);
      await page.getByRole('button', { name: text(lng, 'disputes.action.evidence') }).click();
      await check(`${lng} dispute with the evidence form`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
