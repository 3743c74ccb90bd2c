// Part of `npm run build`, after tsc: the CLI and the node as one ES module, dist/accord.js (the
// package's bin). Node 20 resolved, read and compiled ~1,060 module files at every start, which
// took about half of `accord --help` and of a node's start; one file does the same work in a
// fraction of it. dist/src/main.js stays runnable without the bundle.
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../../', import.meta.url));
const output = `${root}dist${sep}accord.js`;

/**
 * Packages loaded from node_modules as they are: native bindings (better-sqlite3, pg's optional
 * pg-native), pino (its transports start threads from its own files), and Playwright, which only
 * report printing loads.
 */
const external = [/^node:/, 'better-sqlite3', 'pg', 'pg-native', /^pino(\/|$)/, /^playwright-core(\/|$)/];

/** A module's own location, as a URL relative to the bundle, so that it resolves wherever the package is. */
function locationOf(file) {
  const path = relative(dirname(output), file).split(sep).join('/');
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
    const url = `new URL(${locationOf(id)}, import.meta.url).href`;
    return code
      .replaceAll('import.meta.url', url)
      .replace(/\b__filename\b/g, `__accordPath(${locationOf(id)})`)
      .replace(/\b__dirname\b/g, `__accordPath(${locationOf(dirname(id))})`);
  },
};

try {
  await build({
    input: `${root}dist/src/main.js`,
    platform: 'node',
    external,
    plugins: [ownLocation],
    logLevel: 'warn',
    output: {
      file: output,
      format: 'esm',
      codeSplitting: false,
      banner: [
        "import { fileURLToPath as __accordFileUrl } from 'node:url';",
        'const __accordPath = (location) => __accordFileUrl(new URL(location, import.meta.url));',
      ].join('\n'),
    },
  });
} catch (error) {
  process.stderr.write(`accord build: bundling failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
