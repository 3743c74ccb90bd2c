import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpora.js';
import { MAIN } from '../support/node-process.js';

const run = promisify(execFile);

describe('the installed accord command', () => {
  it('is the one-file bundle the build writes, and starts without loading the compiled modules one by one', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(join(repoRoot, pkg.bin.accord ?? '')).toBe(MAIN);

    // A module hook that names every ES module file the process loads.
    const dir = mkdtempSync(join(tmpdir(), 'accord-bundle-'));
    writeFileSync(join(dir, 'hooks.mjs'), "export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write(`loaded ${url}\\n`); return next(url, context); }\n");
    writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    const { stdout, stderr } = await run(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, MAIN, '--help'], { env: { ...process.env, ACCORD_LOCALE: 'en' } });
    expect(stdout).toMatch(/^Usage: accord /m);
    const loaded = stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length));
    expect(loaded).toContain(pathToFileURL(MAIN).href);
    // Before the bundle, ~1,060 files were resolved, read and compiled at every start.
    expect(loaded.filter((url) => url.includes('/dist/src/'))).toEqual([]);
    expect(loaded.length).toBeLessThan(20);
  });
});
