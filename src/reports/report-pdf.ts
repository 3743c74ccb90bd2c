import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AccordError } from '../errors/errors.js';
import { reportsMessage } from './reports.messages.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to print with: the configured one, else Debian's. */
export function chromiumFor(configured: string | undefined): string {
  const path = configured ?? CANDIDATES.find((p) => existsSync(p));
  // Not a fault in Accord: the node (or --chromium) names no browser, and the message says how to fix it.
  if (!path || !existsSync(path)) throw new AccordError('invalid-configuration', reportsMessage('noBrowser'));
  return path;
}

/**
 * Prints the HTML report to PDF with headless Chromium, so the PDF is the same page with the same
 * SVG charts, and fontconfig finds CJK and Cyrillic fonts (Debian fonts-noto-cjk, DejaVu) as it
 * does for the browser. playwright-core is loaded only when a PDF is asked for, and by `require`:
 * the installed command runs its code through V8's code cache (cli/bundle-loader.ts), where Node 20
 * has no `import()` without an experimental flag.
 */
export async function renderPdf(html: string, executablePath: string): Promise<Buffer> {
  const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    // The report is self-contained: no request may leave the page.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
