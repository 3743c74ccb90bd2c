import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { NodeProcess } from './node-process.js';

/** Debian's Chromium (test tools may not download browsers here); ACCORD_CHROMIUM overrides. */
export function chromiumPath(): string {
  const path =
    process.env.ACCORD_CHROMIUM ??
    ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!path || !existsSync(path))
    throw new Error('Chromium not found: install it (apt-get install -y chromium) or set ACCORD_CHROMIUM');
  return path;
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile folder, one page, at a laptop's size. */
export async function openBrowser(
  options: {
    locale?: string;
    timezoneId?: string;
    width?: number;
    height?: number;
    bypassCSP?: boolean;
  } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'accord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: FLAGS,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'UTC',
    viewport: { width: options.width ?? 1366, height: options.height ?? 820 },
    // Only for injecting test tools (axe); the app's own CSP is tested with it on.
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Creates a user who signs in with a password (the CLI takes it from ACCORD_USER_PASSWORD). */
export async function addPasswordUser(
  node: NodeProcess,
  user: { name: string; role: string; password: string; locale?: string; displayName?: string },
): Promise<void> {
  const args = ['user', 'add', '--data', node.dataDir, '--name', user.name, '--role', user.role];
  if (user.locale) args.push('--locale', user.locale);
  if (user.displayName) args.push('--display-name', user.displayName);
  await node.cli(args, { ACCORD_USER_PASSWORD: user.password });
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, baseUrl: string, name: string, password: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  await page.locator('input[name=username]').fill(name);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();
}
