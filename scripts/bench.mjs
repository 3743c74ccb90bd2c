// `npm run bench [topic...]`: runs the compiled benchmarks in dist/bench, one process each so
// memory figures are not shared, and prints a Markdown table for docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'dist', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
let failed = false;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--expose-gc', join('dist', 'bench', 'run-one.js'), join(dir, file)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
