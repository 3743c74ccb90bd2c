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

  it('loads neither the PostgreSQL driver nor the logger for a command that needs neither', async () => {
    // A preload that names every package the process requires.
    const dir = mkdtempSync(join(tmpdir(), 'accord-bundle-'));
    writeFileSync(join(dir, 'trace.cjs'), "const Module = require('node:module'); const load = Module._load; Module._load = function (request, ...rest) { process.stderr.write(`required ${request}\\n`); return load.call(this, request, ...rest); };\n");
    const required = async (args: string[]): Promise<string[]> => {
      const { stderr } = await run(process.execPath, ['--require', join(dir, 'trace.cjs'), MAIN, ...args], { env: { ...process.env, ACCORD_LOCALE: 'en', DATABASE_URL: '' } });
      return stderr.split('\n').filter((line) => line.startsWith('required ')).map((line) => line.slice('required '.length));
    };
    const forHelp = await required(['profile', 'list']);
    expect(forHelp).toContain('better-sqlite3');
    expect(forHelp).not.toContain('pg');
    expect(forHelp).not.toContain('pino');
    // A command that opens a node logs: pino comes when asked for.
    const data = join(dir, 'node');
    await run(process.execPath, [MAIN, 'init', '--data', data, '--party', 'CN', '--url', 'http://127.0.0.1:8499'], { env: { ...process.env, ACCORD_ADMIN_PASSWORD: 'correct horse battery staple', DATABASE_URL: '' } });
    const forUsers = await required(['user', 'list', '--data', data]);
    expect(forUsers).toContain('pino');
    expect(forUsers).not.toContain('pg');
  });

  it("runs the bundle with the code cache the build wrote for it, and without it when the cache is another build's", async () => {
    const bundle = join(repoRoot, 'dist', 'accord.cjs');
    const loader = pathToFileURL(join(repoRoot, 'dist', 'src', 'cli', 'bundle-loader.js')).href;
    // Started as the command is, with no V8 flags: V8 takes a cache only under the flags it was made with.
    const accepted = async (bundleFile: string): Promise<string> =>
      (await run(process.execPath, ['--input-type=module', '--eval', `import { codeCacheAccepted } from ${JSON.stringify(loader)}; process.stdout.write(String(codeCacheAccepted(new URL(${JSON.stringify(pathToFileURL(bundleFile).href)}))));`], { env: { ...process.env, NODE_OPTIONS: '' } })).stdout;
    expect(await accepted(bundle)).toBe('true');

    // The same bundle under another id (same length, so V8's own check would pass): its cache is not used.
    const dir = mkdtempSync(join(tmpdir(), 'accord-bundle-'));
    const source = readFileSync(bundle, 'latin1');
    const id = /\/\/# accord-bundle ([0-9a-f]{64})\n$/.exec(source)?.[1] ?? '';
    expect(id).toHaveLength(64);
    const other = join(dir, 'accord.cjs');
    writeFileSync(other, source.replace(id, id.replace(/^./, (c) => (c === '0' ? '1' : '0'))), 'latin1');
    writeFileSync(`${other}.v8cache`, readFileSync(`${bundle}.v8cache`));
    expect(await accepted(other)).toBe('false');
  });
});
