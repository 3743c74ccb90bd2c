import type { Page } from 'playwright-core';

interface Allowance {
  readonly url: RegExp;
  readonly status: number;
}

/**
 * Watches a page for what a user would call broken: console errors, uncaught exceptions, failed
 * requests, HTTP errors the test did not expect, and translation keys missing from the catalogs.
 */
export class PageGuard {
  private readonly problems: string[] = [];
  private readonly allowed: Allowance[] = [];

  constructor(private readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      const status = /status of (\d{3})/.exec(message.text())?.[1];
      if (status && this.isAllowed(url, Number(status))) return;
      this.problems.push(`console error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      // Queries are cancelled when their view goes away; that is not a failure.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.problems.push(
        `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`,
      );
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !this.isAllowed(response.url(), response.status()))
        this.problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    });
  }

  /** Declares an error response the test expects (e.g. 401 from /me before signing in). */
  allow(url: RegExp, status: number): this {
    this.allowed.push({ url, status });
    return this;
  }

  private isAllowed(url: string, status: number): boolean {
    return this.allowed.some((a) => a.status === status && a.url.test(url));
  }

  /** Problems so far, including translation keys the page looked up and did not find. */
  async problemsNow(): Promise<string[]> {
    const missing = await this.page
      .evaluate(() => (globalThis as { __accordMissingKeys?: string[] }).__accordMissingKeys ?? [])
      .catch(() => [] as string[]);
    return [...this.problems, ...missing.map((k) => `missing translation: ${k}`)];
  }
}
