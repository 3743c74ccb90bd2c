import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { checkIndicatorPattern } from '../src/patterning/patterning.js';
import { createStixValidator, type StixValidator } from '../src/stix/index.js';
import { TLP2_MARKING_IDS } from '../src/stix/tlp.js';
import type { Benchmark, Figure } from './harness.js';

const TOTAL = 200_000;
const CHUNK = 20_000;
const AUTHOR = `identity--${randomUUID()}`;
const markings = Object.values(TLP2_MARKING_IDS);

/** The shared corpora beside the repository (ACCORD_SHARED overrides), as the tests find them. */
function corpus(...parts: string[]): string {
  return resolve(process.env.ACCORD_SHARED ?? resolve(process.cwd(), '../shared'), 'corpora', ...parts);
}

/** A small indicator like those peers exchange: an address, a domain or a file hash. */
function indicator(n: number): Record<string, unknown> {
  const created = new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();
  const kind = n % 3;
  const pattern =
    kind === 0
      ? `[ipv4-addr:value = '198.51.${(n >> 8) & 255}.${n & 255}']`
      : kind === 1
        ? `[domain-name:value = 'host${n}.example.com']`
        : `[file:hashes.'SHA-256' = '${n.toString(16).padStart(64, 'a')}']`;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created,
    modified: created,
    created_by_ref: AUTHOR,
    name: `Indicator ${n}`,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    valid_from: created,
    object_marking_refs: [markings[n % markings.length]],
  };
}

/** Seconds spent validating TOTAL distinct indicators, generated in chunks to bound memory. */
function timeIndicators(validator: StixValidator): number {
  let seconds = 0;
  let invalid = 0;
  for (let start = 0; start < TOTAL; start += CHUNK) {
    const batch = Array.from({ length: CHUNK }, (_, i) => indicator(start + i));
    const t0 = process.hrtime.bigint();
    for (const obj of batch) if (!validator.validateObject(obj).valid) invalid++;
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  }
  if (invalid > 0) throw new Error(`${invalid} synthetic indicators were invalid`);
  return seconds;
}

function warmUp(validator: StixValidator): void {
  for (let i = 0; i < 20_000; i++) validator.validateObject(indicator(i));
}

function attackFigures(validator: StixValidator): Figure[] {
  const files = ['ics-attack-18.1.json', 'mobile-attack-17.1.json'].map((f) => corpus('attack', f));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bundles = texts.map((t) => JSON.parse(t) as { objects: unknown[] });
  const objects = bundles.reduce((sum, b) => sum + b.objects.length, 0);
  const rounds = 5;
  for (const b of bundles) validator.validateBundle(b);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++)
    for (const b of bundles) if (!validator.validateBundle(b).valid) throw new Error('ATT&CK bundle invalid');
  const validate = Number(process.hrtime.bigint() - t0) / 1e9 / rounds;
  const t1 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of texts) validator.validateBundle(JSON.parse(t));
  const withParse = Number(process.hrtime.bigint() - t1) / 1e9 / rounds;
  const mb = bytes / 2 ** 20;
  return [
    {
      name: 'ATT&CK bundles, validation only',
      value: mb / validate,
      unit: 'MB/s',
      note: `${objects} objects, ${mb.toFixed(1)} MB`,
    },
    { name: 'ATT&CK bundles, validation only', value: objects / validate, unit: 'objects/s' },
    { name: 'ATT&CK bundles, JSON.parse + validation', value: mb / withParse, unit: 'MB/s' },
  ];
}

const benchmark: Benchmark = {
  topic: 'stix-validate',
  command: 'npx tsc -p tsconfig.build.json && node dist/bench/run-one.js dist/bench/stix-validate.bench.js',
  run() {
    const plain = createStixValidator();
    const withGrammar = createStixValidator({ checkPattern: checkIndicatorPattern });
    warmUp(plain);
    const seconds = timeIndicators(plain);
    warmUp(withGrammar);
    const grammarSeconds = timeIndicators(withGrammar);
    return Promise.resolve([
      {
        name: 'indicators validated',
        value: TOTAL / seconds,
        unit: 'objects/s',
        target: { atLeast: 40_000 },
        note: `${TOTAL.toLocaleString('en-US')} distinct synthetic indicators`,
      },
      {
        name: 'time per small indicator',
        value: (seconds / TOTAL) * 1e6,
        unit: 'µs',
        target: { atMost: 10 },
      },
      {
        name: 'indicators validated, with pattern grammar',
        value: TOTAL / grammarSeconds,
        unit: 'objects/s',
        target: { atLeast: 40_000 },
        note: 'src/patterning checkPattern plugged in',
      },
      ...attackFigures(plain),
    ]);
  },
};

export default benchmark;
