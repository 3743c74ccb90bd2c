import { pathToFileURL } from 'node:url';
import { machine, meets, type Benchmark } from './harness.js';

// Runs one benchmark module and prints its figures as Markdown rows.
const file = process.argv[2];
if (!file) throw new Error('usage: run-one <bench file>');
const { default: benchmark } = (await import(pathToFileURL(file).href)) as { default: Benchmark };
const figures = await benchmark.run();
console.log(`\n### ${benchmark.topic}\n`);
console.log(`Machine: ${machine()}  \nCommand: \`${benchmark.command ?? `npm run bench ${benchmark.topic}`}\`  \nDate: ${new Date().toISOString()}\n`);
console.log('| figure | value | target | met |');
console.log('|---|---:|---|---|');
for (const f of figures) {
  const target = f.target ? [f.target.atLeast !== undefined ? `≥ ${f.target.atLeast}` : '', f.target.atMost !== undefined ? `≤ ${f.target.atMost}` : ''].filter(Boolean).join(' ') : '';
  const ok = meets(f);
  console.log(`| ${f.name}${f.note ? ` (${f.note})` : ''} | ${f.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${f.unit} | ${target ? `${target} ${f.unit}` : ''} | ${ok === undefined ? '' : ok ? 'yes' : '**no**'} |`);
}
