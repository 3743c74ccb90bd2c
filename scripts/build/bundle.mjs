// Part of `npm run build`, after tsc: the CLI and the node as one CommonJS file, dist/accord.cjs,
// and the package's bin, dist/accord.js, which runs it with V8's code cache (src/cli/bundle-loader.ts).
// Node 20 resolved, read and compiled ~1,060 module files at every start, which took about half of
// `accord --help` and of a node's start; one file does the same work in a fraction of it, and the
// code cache saves compiling that file again at every start. dist/src/main.js stays runnable
// without the bundle.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${root}dist${sep}accord.cjs`;
const launcher = `${root}dist${sep}accord.js`;

/**
 * Packages loaded from node_modules as they are: native bindings (better-sqlite3, pg's optional
 * pg-native), pino (its transports start threads from its own files), and Playwright, which only
 * report printing loads.
 */
const external = [/^node:/, 'better-sqlite3', 'pg', 'pg-native', /^pino(\/|$)/, /^playwright-core(\/|$)/];

/** A module's own location, as a URL relative to the bundle, so that it resolves wherever the package is. */
function locationOf(file) {
  const path = relative(dirname(bundle), file).split(sep).join('/');
  return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
}

/**
 * Each bundled module keeps its own import.meta.url, __dirname and __filename: the write thread's
 * entry, the compiled profile validator and the package root are found next to the module that
 * names them, and some CommonJS packages read files beside themselves.
 */
const ownLocation = {
  name: 'accord-own-location',
  transform(code, id) {
    if (!id.startsWith(root) || !/import\.meta\.url|__dirname|__filename/.test(code)) return null;
    const url = `new URL(${locationOf(id)}, __accordUrl).href`;
    return code
      .replaceAll('import.meta.url', url)
      .replace(/\b__filename\b/g, `__accordPath(${locationOf(id)})`)
      .replace(/\b__dirname\b/g, `__accordPath(${locationOf(dirname(id))})`);
  },
};

/** The CLI and node: every module but the externals, in one CommonJS file that ends with its id. */
async function writeBundle() {
  const { output } = await build({
    input: `${root}dist/src/cli/run-cli.js`,
    platform: 'node',
    external,
    plugins: [ownLocation],
    logLevel: 'warn',
    output: {
      file: bundle,
      format: 'cjs',
      codeSplitting: false,
      // Escaped to ASCII, the bundle reads as Latin-1 (src/cli/bundle-loader.ts) and compiles as one-byte text.
      charset: 'ascii',
      comments: { legal: true, annotation: false, jsdoc: false },
      banner: [
        'const __accordUrl = require("node:url").pathToFileURL(__filename).href;',
        'const __accordPath = (location) => require("node:url").fileURLToPath(new URL(location, __accordUrl));',
      ].join('\n'),
    },
  });
  // Node 20 runs no import() in a vm.Script without an experimental flag; no module may need one.
  // (The bundle's own lazily loaded modules are listed as imports of itself.)
  const dynamic = output.flatMap((chunk) => (chunk.dynamicImports ?? []).filter((name) => name !== chunk.fileName));
  if (dynamic.length > 0) throw new Error(`the bundle imports ${dynamic.join(', ')} with import(), which its code cache cannot run: load it with require`);
  const code = asciiOnly(readFileSync(bundle, 'utf8'));
  writeFileSync(bundle, `${code}\n//# accord-bundle ${createHash('sha256').update(code).digest('hex')}\n`);
}

/**
 * Rolldown escapes code to ASCII but leaves the comments it keeps (licences) as they are; those
 * are escaped here. Anything else (a tagged template's raw text) stops the build, since the loader
 * reads the bundle as Latin-1.
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (char, at) => {
    const inBlockComment = code.lastIndexOf('/*', at) > code.lastIndexOf('*/', at);
    const inLineComment = code.slice(code.lastIndexOf('\n', at) + 1, at).includes('//');
    if (!inBlockComment && !inLineComment) throw new Error(`the bundle holds non-ASCII text outside a comment: ${JSON.stringify(code.slice(at - 40, at + 40))}`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The bin: the launcher with the loader, as one ES module beside the bundle. */
async function writeLauncher() {
  await build({ input: `${root}dist/src/cli/launcher.js`, platform: 'node', external: [/^node:/], logLevel: 'warn', output: { file: launcher, format: 'esm', codeSplitting: false } });
}

/** V8's code cache for the bundle, written by a process started as the command is (no V8 flags). */
function writeCodeCache() {
  const loader = pathToFileURL(`${root}dist/src/cli/bundle-loader.js`).href;
  const script = `import { writeCodeCache } from ${JSON.stringify(loader)};\nawait writeCodeCache(new URL(${JSON.stringify(pathToFileURL(bundle).href)}));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.status !== 0) throw new Error(`writing the code cache failed (exit ${result.status ?? result.signal})`);
}

try {
  rmSync(`${bundle}.v8cache`, { force: true });
  await writeBundle();
  await writeLauncher();
  writeCodeCache();
} catch (error) {
  process.stderr.write(`accord build: bundling failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
