import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addPasswordUser, openBrowser, signIn } from '../test/support/browser.js';
import { NodeProcess } from '../test/support/node-process.js';
import { percentile, type Benchmark, type Figure } from './harness.js';

const OBJECTS = Number(process.env.BENCH_UI_OBJECTS ?? 100_000);
const LOADS = Number(process.env.BENCH_UI_LOADS ?? 15);

function indicator(i: number): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-11-01T08:00:00.000Z',
    modified: '2026-11-01T08:00:00.000Z',
    name: `Bench C2 ${i}`,
    pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    pattern_type: 'stix',
    valid_from: '2026-11-01T08:00:00Z',
  };
}

/** What "painted" means for a page: an element matching the selector, holding a digit when asked. */
interface Ready {
  readonly selector: string;
  readonly digit: boolean;
}

/** The page's own view of the DOM, typed here because the bench compiles without DOM types. */
interface PageGlobals {
  readonly document: { querySelector(selector: string): { textContent: string | null } | null };
  readonly performance: { now(): number; getEntriesByName(name: string): Array<{ startTime: number }> };
}

/**
 * Loads a page and returns, in ms since navigation start (the page's own clock), when the ready
 * condition first held on an animation frame, and the browser's first contentful paint. The
 * checks are functions: the app's CSP forbids evaluating strings.
 */
async function paintTime(
  page: Page,
  url: string,
  ready: Ready,
): Promise<{ meaningful: number; fcp: number }> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (r: Ready) => {
      const g = globalThis as unknown as PageGlobals;
      const element = g.document.querySelector(r.selector);
      const ok = element !== null && (!r.digit || /\d/.test(element.textContent ?? ''));
      return ok ? g.performance.now() : false;
    },
    ready,
    { polling: 'raf', timeout: 30_000 },
  );
  const meaningful = (await handle.jsonValue()) as number;
  const fcp = await page.evaluate(
    () =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName('first-contentful-paint')[0]
        ?.startTime ?? -1,
  );
  return { meaningful, fcp };
}

const DASHBOARD_READY: Ready = { selector: '[data-testid=dashboard-total]', digit: true };
const LIST_READY: Ready = { selector: '[data-testid=object-rows] [role=row]', digit: false };

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const p95 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    95,
  );

/**
 * First meaningful paint of the web app on loopback: the dashboard with its counts, and the
 * threat-information list with its first rows, on a node holding BENCH_UI_OBJECTS indicators.
 */
const benchmark: Benchmark = {
  topic: 'ui-paint',
  command: 'npm run bench ui-paint',
  async run(): Promise<Figure[]> {
    const node = await NodeProcess.create({ party: 'CN' });
    const bundle = join(tmpdir(), `accord-ui-bench-${randomUUID()}.json`);
    let closeBrowser: () => Promise<void> = () => Promise.resolve();
    try {
      writeFileSync(
        bundle,
        JSON.stringify({
          type: 'bundle',
          id: `bundle--${randomUUID()}`,
          objects: Array.from({ length: OBJECTS }, (_, i) => indicator(i)),
        }),
      );
      await node.cli(['import', '--data', node.dataDir, bundle]);
      await addPasswordUser(node, {
        name: 'bench.analyst',
        role: 'analyst',
        password: 'bench-analyst-password',
        locale: 'zh',
      });
      await node.start();
      const session = await openBrowser({ locale: 'zh-CN' });
      closeBrowser = () => session.close();
      const { page } = session;
      await signIn(page, node.url, 'bench.analyst', 'bench-analyst-password');

      const dashboard: Array<{ meaningful: number; fcp: number }> = [];
      for (let i = 0; i < LOADS; i++) dashboard.push(await paintTime(page, `${node.url}/`, DASHBOARD_READY));
      const list: number[] = [];
      for (let i = 0; i < Math.max(3, Math.floor(LOADS / 3)); i++)
        list.push((await paintTime(page, `${node.url}/objects`, LIST_READY)).meaningful);

      const meaningful = dashboard.map((d) => d.meaningful);
      const note = `${LOADS} loads, ${OBJECTS.toLocaleString('en-US')} objects, Chromium headless, loopback`;
      return [
        {
          name: 'dashboard first meaningful paint (counts shown), median',
          value: median(meaningful),
          unit: 'ms',
          target: { atMost: 1000 },
          note,
        },
        {
          name: 'dashboard first meaningful paint, p95',
          value: p95(meaningful),
          unit: 'ms',
          target: { atMost: 1000 },
        },
        {
          name: 'dashboard first contentful paint, median',
          value: median(dashboard.map((d) => d.fcp)),
          unit: 'ms',
        },
        {
          name: 'threat-information list first rows, median',
          value: median(list),
          unit: 'ms',
          note: `${OBJECTS.toLocaleString('en-US')} objects, server-side pages of 200`,
        },
      ];
    } finally {
      await closeBrowser();
      await node.close();
      rmSync(bundle, { force: true });
    }
  },
};

export default benchmark;
