import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../../src/stix/tlp.js';
import { eventually, NodeProcess, peer } from '../support/node-process.js';
import { malware } from '../support/stix-factory.js';
import { addPasswordUser, signIn } from '../support/browser.js';
import { Browsers, text } from './browser-kit.js';

const RU_ANALYST = {
  name: 'petrova.e',
  role: 'analyst',
  password: 'Petrova-analyst-2026',
  locale: 'ru',
  displayName: 'Петрова Е. В.',
} as const;
const CN_LIAISON = {
  name: 'li.na',
  role: 'liaison',
  password: 'Li-liaison-2026-cn',
  locale: 'zh',
  displayName: '李娜',
} as const;
const CN_READER = {
  name: 'wang.fang',
  role: 'reader',
  password: 'Wang-reader-2026-cn',
  locale: 'zh',
  displayName: '王芳',
} as const;
const CHINA_RU = 'Китайская Народная Республика';
const RUSSIA_ZH = '俄罗斯联邦';

const first: Record<string, unknown> = {
  ...malware({ name: 'ShadowPad 变种样本（供第三方）' }),
  object_marking_refs: [TLP2_MARKING_IDS.green],
};
const second: Record<string, unknown> = { ...malware({ name: 'PlugX 加载器样本' }), object_marking_refs: [TLP2_MARKING_IDS.green] };
const firstId = String(first.id);
const secondId = String(second.id);

interface ConsentView {
  readonly id: string;
  readonly state: string;
  readonly objects: readonly string[];
  readonly decision: { readonly objects: readonly string[]; readonly reasons: readonly string[] } | null;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.1 A/AA violations axe finds on the page. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: Array<{ target: unknown[] }> };
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
      targets: v.nodes.slice(0, 3).map((n) => n.target),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.targets)}`);
}

let cn: NodeProcess;
let ru: NodeProcess;
let shots: string;
const browsers = new Browsers();

async function browse(locale: string, timezoneId: string): Promise<Page> {
  return (await browsers.open({ locale, timezoneId })).page;
}

beforeAll(async () => {
  [cn, ru] = await Promise.all([NodeProcess.create({ party: 'CN' }), NodeProcess.create({ party: 'RU' })]);
  await peer(cn, ru);
  await Promise.all([
    addPasswordUser(ru, RU_ANALYST),
    addPasswordUser(cn, CN_LIAISON),
    addPasswordUser(cn, CN_READER),
  ]);
  await Promise.all([cn.start(), ru.start()]);
  // China shares two samples with Russia through the real federation.
  const shared = await cn.api('/api/v1/objects?collection=outbox-RU', {
    method: 'POST',
    body: [first, second],
  });
  expect(shared.status).toBe(200);
  await eventually(
    async () =>
      (await ru.api(`/api/v1/objects/${firstId}`)).status === 200 &&
      (await ru.api(`/api/v1/objects/${secondId}`)).status === 200,
    60_000,
    'the shared objects on the Russia node',
  );
  shots = mkdtempSync(join(tmpdir(), 'accord-ui-consents-'));
  console.log(`[browser] consent screenshots: ${shots}`);
}, 120_000);

afterEach(async () => {
  const problems = await browsers.closeAll();
  expect(problems, 'console errors, failed requests or missing translations').toEqual([]);
});

afterAll(async () => {
  await Promise.all([cn?.close(), ru?.close()]);
});

describe('originator consent between two real nodes in real browsers', () => {
  it('a Russian analyst asks China to let a third party have two samples; the Chinese liaison grants one; Russia sees the grant', async () => {
    const rus = await browse('ru-RU', 'Europe/Moscow');
    const zh = await browse('zh-CN', 'Asia/Shanghai');

    // On the received object, the Russian analyst sees no consent yet and asks for one.
    await rus.goto(`${ru.url}/objects/${firstId}`);
    await signIn(rus, ru.url, RU_ANALYST.name, RU_ANALYST.password);
    const section = rus.getByTestId('object-consents');
    await section.getByRole('heading', { name: text('ru', 'consents.object.title') }).waitFor();
    await section.getByText(text('ru', 'consents.object.none')).waitFor();
    await section.getByRole('link', { name: text('ru', 'consents.object.request') }).click();
    await rus.getByRole('heading', { level: 1, name: text('ru', 'consents.new') }).waitFor();
    await rus.getByTestId('consent-form-objects').getByText(String(first.name)).waitFor();
    expect(await rus.getByTestId('consent-originator').textContent()).toBe(
      text('ru', 'consents.form.askedOf', { party: CHINA_RU }),
    );
    await rus.getByLabel(text('ru', 'consents.form.addObject')).fill(secondId);
    await rus.getByRole('button', { name: text('ru', 'consents.form.add'), exact: true }).click();
    await rus.getByTestId('consent-form-objects').getByText(String(second.name)).waitFor();
    // Sending without recipient and purpose is stopped on the page.
    await rus.getByTestId('consent-submit').click();
    await rus.getByText(text('ru', 'consents.form.needRecipient')).waitFor();
    await rus.getByLabel(text('ru', 'consents.form.recipientKind.third-party')).check();
    await rus.locator('#consent-third-party').fill('KZ-CERT');
    await rus
      .locator('#consent-purpose')
      .fill('Совместная обработка инцидента с KZ-CERT: передать образцы для анализа.');
    await rus.locator('#consent-until').fill('2027-06-30');
    await rus.getByTestId('consent-submit').click();
    await rus.getByTestId('consent-detail').waitFor();
    await rus.locator('[data-testid=consent-state][data-state=pending]').first().waitFor();
    expect(await rus.getByTestId('consent-recipient').textContent()).toBe(
      text('ru', 'consents.recipient.thirdParty', { name: 'KZ-CERT' }),
    );
    const consentId = rus.url().split('/consents/')[1] ?? '';
    expect(consentId).toMatch(/^accord-consent-request--/);
    const sent = (await ru.api<ConsentView>(`/api/v1/consents/${consentId}`)).body;
    expect(sent).toMatchObject({ state: 'pending', objects: [firstId, secondId] });

    // The Chinese liaison finds it among what needs their action, in Chinese.
    await zh.goto(`${cn.url}/`);
    await signIn(zh, cn.url, CN_LIAISON.name, CN_LIAISON.password);
    const item = zh.getByTestId('inbox-item').filter({ hasText: 'KZ-CERT' });
    await eventually(
      async () => {
        if (await item.count()) return true;
        await zh.reload();
        await zh.getByTestId('dashboard').waitFor();
        return false;
      },
      60_000,
      'the consent request in the Chinese inbox',
    );
    expect(await item.textContent()).toContain(text('zh', 'dashboard.actions.kind.consent'));
    expect(await item.textContent()).toContain(text('zh', 'consents.next.decide', { party: RUSSIA_ZH }));
    await item.getByRole('link').click();
    await zh.getByRole('heading', { level: 1, name: text('zh', 'consents.detail.title') }).waitFor();
    await zh.getByText(text('zh', 'consents.state.pending')).first().waitFor();
    expect(await zh.getByTestId('consent-recipient').textContent()).toBe(
      text('zh', 'consents.recipient.thirdParty', { name: 'KZ-CERT' }),
    );
    await zh.getByTestId('consent-objects').getByText(String(second.name)).waitFor();

    // Grant, narrowed to the first sample and an earlier end date.
    await zh.getByTestId('consent-act-grant').click();
    const form = zh.getByTestId('consent-form-grant');
    await form.getByRole('checkbox', { name: String(second.name) }).uncheck();
    await form.getByLabel(text('zh', 'consents.grant.expires')).fill('2027-03-31');
    await form.getByTestId('consent-submit-grant').click();
    await zh.locator('[data-testid=consent-state][data-state=granted]').first().waitFor();
    expect(await zh.getByTestId('consent-decision').textContent()).toContain(
      text('zh', 'consents.decision.someObjects_other', { count: 1, total: 2 }),
    );
    expect(await zh.getByTestId('consent-act-grant').count()).toBe(0);
    await zh.getByTestId('consent-act-revoke').waitFor();
    await zh.screenshot({ path: join(shots, 'zh-consent-granted.png'), fullPage: true });

    // The Russian page shows the grant by itself: one sample covered, the other not.
    await rus.locator('[data-testid=consent-state][data-state=granted]').first().waitFor({ timeout: 60_000 });
    expect(await rus.getByTestId('consent-decision').textContent()).toContain(
      text('ru', 'consents.decision.someObjects_one', { count: 1, total: 2 }),
    );
    const notCovered = rus
      .getByTestId('consent-objects')
      .locator('li')
      .filter({ hasText: String(second.name) });
    expect(await notCovered.textContent()).toContain(text('ru', 'consents.decision.notCovered'));
    expect(await rus.getByTestId('consent-act-revoke').count()).toBe(0);
    await rus.screenshot({ path: join(shots, 'ru-consent-granted.png'), fullPage: true });
    const onRu = (await ru.api<{ items: ConsentView[] }>(`/api/v1/consents?object=${firstId}`)).body.items;
    expect(onRu.map((c) => [c.id, c.state, c.decision?.objects])).toEqual([
      [consentId, 'granted', [firstId]],
    ]);

    // The object page and the list show it too.
    await rus.goto(`${ru.url}/objects/${firstId}`);
    await rus.locator('[data-testid=object-consent-row][data-state=granted]').waitFor();
    await rus.goto(`${ru.url}/consents?direction=sent`);
    await rus.getByRole('heading', { level: 1, name: text('ru', 'consents.title') }).waitFor();
    await rus.locator('[data-testid=consent-row][data-state=granted]').waitFor();
  }, 240_000);

  it('a Chinese reader sees a request but no decision buttons and is refused by the node; the liaison refuses with a reason that reaches Russia', async () => {
    const asked = await ru.api<ConsentView>('/api/v1/consents', {
      method: 'POST',
      body: {
        objects: [secondId],
        recipient: 'public',
        purpose: 'Публикация бюллетеня для операторов связи',
      },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    await eventually(
      async () => (await cn.api(`/api/v1/consents/${id}`)).status === 200,
      60_000,
      'the request on CN',
    );

    const reader = await browse('zh-CN', 'Asia/Shanghai');
    await reader.goto(`${cn.url}/consents`);
    await signIn(reader, cn.url, CN_READER.name, CN_READER.password);
    await reader.getByRole('heading', { level: 1, name: text('zh', 'consents.title') }).waitFor();
    // Pending first.
    await reader.getByTestId('consent-row').first().waitFor();
    expect(await reader.getByTestId('consent-row').first().getAttribute('data-state')).toBe('pending');
    expect(await reader.getByRole('link', { name: text('zh', 'consents.new') }).count()).toBe(0);
    await reader.getByRole('link', { name: 'Публикация бюллетеня для операторов связи' }).click();
    await reader.getByTestId('consent-detail').waitFor();
    await reader.getByText(text('zh', 'consents.recipient.public')).first().waitFor();
    expect(await reader.getByTestId('consent-act-grant').count()).toBe(0);
    expect(await reader.getByTestId('consent-act-refuse').count()).toBe(0);
    // The node refuses the reader's grant whatever the page shows.
    const token = await cn.token(CN_READER.name);
    expect((await cn.api(`/api/v1/consents/${id}/grant`, { method: 'POST', body: {}, token })).status).toBe(
      403,
    );
    await reader.goto(`${cn.url}/consents/new`);
    await reader.getByTestId('denied').waitFor();

    // The liaison refuses, with a reason; Russia reads it.
    const liaison = await browse('zh-CN', 'Asia/Shanghai');
    await liaison.goto(`${cn.url}/consents/${id}`);
    await signIn(liaison, cn.url, CN_LIAISON.name, CN_LIAISON.password);
    await liaison.getByTestId('consent-act-refuse').click();
    await liaison.getByLabel(text('zh', 'consents.refuse.reasons')).fill('样本可识别受害单位');
    await liaison.getByTestId('consent-submit-refuse').click();
    await liaison.locator('[data-testid=consent-state][data-state=refused]').first().waitFor();
    const refused = await eventually(
      async () => {
        const view = (await ru.api<ConsentView>(`/api/v1/consents/${id}`)).body;
        return view.state === 'refused' ? view : undefined;
      },
      60_000,
      'the refusal on RU',
    );
    expect(refused.decision?.reasons).toEqual(['样本可识别受害单位']);
  }, 180_000);

  it('the consent pages pass axe in zh, ru and en, with the decision forms open', async () => {
    const asked = await ru.api<ConsentView>('/api/v1/consents', {
      method: 'POST',
      body: { objects: [firstId], recipient: 'third-party:UZ-CERT', purpose: 'Обмен с UZ-CERT' },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    await eventually(
      async () => (await cn.api(`/api/v1/consents/${id}`)).status === 200,
      60_000,
      'the request on CN',
    );
    const problems: string[] = [];
    const check = async (page: Page, label: string) => {
      await page.locator('main h1').first().waitFor();
      await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      problems.push(...(await violations(page)).map((v) => `${label}: ${v}`));
    };
    // bypassCSP only so that axe can be injected; the other tests run under the app's CSP.
    const liaison = await browsers.open({ locale: 'zh-CN', bypassCSP: true });
    const analyst = await browsers.open({ locale: 'ru-RU', bypassCSP: true });
    await liaison.page.goto(`${cn.url}/consents`);
    await signIn(liaison.page, cn.url, CN_LIAISON.name, CN_LIAISON.password);
    await analyst.page.goto(`${ru.url}/consents`);
    await signIn(analyst.page, ru.url, RU_ANALYST.name, RU_ANALYST.password);
    for (const lng of ['zh', 'ru', 'en'] as const) {
      for (const { page } of [liaison, analyst]) await page.getByTestId(`lang-${lng}`).click();
      const cnPage = liaison.page;
      await cnPage.goto(`${cn.url}/consents`);
      await check(cnPage, `${lng} /consents`);
      for (const act of ['grant', 'refuse'] as const) {
        await cnPage.goto(`${cn.url}/consents/${id}`);
        await cnPage.getByTestId(`consent-act-${act}`).click();
        await cnPage.getByTestId(`consent-form-${act}`).waitFor();
        await check(cnPage, `${lng} consent with the ${act} form`);
      }
      const ruPage = analyst.page;
      await ruPage.goto(`${ru.url}/consents/new?object=${firstId}`);
      await ruPage.getByTestId('consent-originator').waitFor();
      await check(ruPage, `${lng} /consents/new`);
      await ruPage.goto(`${ru.url}/objects/${firstId}`);
      await ruPage.getByTestId('object-consent-row').first().waitFor();
      await check(ruPage, `${lng} object with its consents`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
