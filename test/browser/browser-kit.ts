import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/corpora.js';
import { openBrowser, type BrowserSession } from '../support/browser.js';
import { PageGuard } from './page-guard.js';

export type Lng = 'zh' | 'ru' | 'en';
type Catalog = { readonly [key: string]: string | Catalog };

const catalogs = Object.fromEntries(
  (['zh', 'ru', 'en'] as const).map((l) => [
    l,
    JSON.parse(readFileSync(join(repoRoot, 'web/src/i18n/locales', `${l}.json`), 'utf8')) as Catalog,
  ]),
) as Record<Lng, Catalog>;

/** A UI text as the catalogs hold it, with the {{placeholders}} given filled, so the tests follow the translators. */
export function text(lng: Lng, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Catalog | undefined = catalogs[lng];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lng} text for ${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/**
 * The browsers one test opens. Every page is watched: console errors, failed requests and missing
 * translations are collected, and `closeAll` (after each test) returns them so the test fails.
 */
export class Browsers {
  private readonly sessions: BrowserSession[] = [];
  private readonly guards: PageGuard[] = [];

  async open(options: Parameters<typeof openBrowser>[0] = {}): Promise<{ page: Page; guard: PageGuard }> {
    const session = await openBrowser(options);
    this.sessions.push(session);
    // Before sign-in the app asks who the user is and is told 401: that is expected.
    const guard = new PageGuard(session.page).allow(/\/api\/v1\/me$/, 401);
    this.guards.push(guard);
    return { page: session.page, guard };
  }

  /** Closes every browser opened since the last call; returns the problems their pages had. */
  async closeAll(): Promise<string[]> {
    const problems = (await Promise.all(this.guards.map((g) => g.problemsNow()))).flat();
    this.guards.length = 0;
    await Promise.all(this.sessions.splice(0).map((s) => s.close()));
    return problems;
  }
}
