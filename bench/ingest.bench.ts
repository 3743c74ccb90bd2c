import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { openImport } from '../src/ingest/import-source.js';
import { initNode } from '../src/node/node-init.js';
import { openNode } from '../src/node/node-runtime.js';
import { searchObjects } from '../src/objects/objects.repository.js';
import { textIndexMerger } from '../src/objects/text-index-merge.js';
import { compileStixSchemas } from '../src/stix/stix-validator.js';
import type { NodeServices } from '../src/node/node-services.js';
import { processCpuMs, rssMb, threadCpuMs, type Benchmark, type Figure } from './harness.js';

const COUNT = Number(process.env.BENCH_INGEST ?? 200_000);
const SHARED = process.env.ACCORD_SHARED ?? join(process.cwd(), '..', 'shared');

/** A synthetic bundle of indicators written to disk (the import streams it back). */
export function writeIndicatorBundle(file: string, count: number): void {
  const parts: string[] = [`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`];
  for (let i = 0; i < count; i++) {
    const id = `indicator--${randomUUID()}`;
    parts.push(`${i ? ',' : ''}{"type":"indicator","spec_version":"2.1","id":"${id}","created":"2026-11-01T08:00:00.000Z","modified":"2026-11-01T08:00:00.000Z","name":"C2 server ${i}","indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']","pattern_type":"stix","valid_from":"2026-11-01T08:00:00Z"}`);
    if (parts.length > 10_000) {
      writeFileSync(file, parts.join(''), { flag: i < 10_001 ? 'w' : 'a' });
      parts.length = 0;
    }
  }
  parts.push(']}');
  writeFileSync(file, parts.join(''), { flag: 'a' });
}

export async function benchNode(databaseUrl?: string): Promise<{ services: NodeServices; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  await initNode({ dataDir: dir, party: 'CN', url: 'http://127.0.0.1:8401', profile: 'cn-ru-2015', adminPassword: 'bench-password-123', databaseUrl });
  const services = await openNode(loadConfig({ dataDir: dir, env: { DATABASE_URL: databaseUrl ?? '' }, jobs: false }), { logger: pino({ level: 'silent' }) });
  // As `accord serve` does once it listens: the figures are a running node's, not its first minute's.
  await compileStixSchemas();
  return { services, dir };
}

/** Where an import's CPU time went: the main thread, and every other thread of the process. */
export interface CpuSplit {
  readonly mainMs: number | undefined;
  readonly otherMs: number | undefined;
}

/** Imports a file through the one ingest pipeline (as `accord import` does); returns seconds, objects stored and CPU spent. */
export async function importFile(services: NodeServices, file: string): Promise<{ seconds: number; stored: number; peakRss: number; cpu: CpuSplit }> {
  let peakRss = rssMb();
  const mainBefore = threadCpuMs();
  const processBefore = processCpuMs();
  const started = performance.now();
  const source = await openImport(createReadStream(file) as AsyncIterable<Buffer>, services.converters);
  let stored = 0;
  for await (const batch of services.objects.import('system', source.elements)) {
    stored += batch.filter((o) => o.status === 'new' || o.status === 'updated').length;
    peakRss = Math.max(peakRss, rssMb());
  }
  const seconds = (performance.now() - started) / 1000;
  const mainAfter = threadCpuMs();
  const mainMs = mainBefore === undefined || mainAfter === undefined ? undefined : mainAfter - mainBefore;
  return { seconds, stored, peakRss, cpu: { mainMs, otherMs: mainMs === undefined ? undefined : processCpuMs() - processBefore - mainMs } };
}

/**
 * The CPU an import used, beside its rate: on two cores a file imported in t seconds has 2t of CPU
 * at most, and the other threads' share (the write thread, V8's compiler and garbage collector) is
 * what the main thread's profile does not show.
 */
function cpuNote({ mainMs, otherMs }: CpuSplit): string | undefined {
  if (mainMs === undefined || otherMs === undefined) return undefined;
  return `CPU: main thread ${mainMs.toFixed(0)} ms, other threads ${otherMs.toFixed(0)} ms`;
}

/** Searches the node's index answers, timed: the median of a few rounds of a few terms (ms a search). */
async function searchMs(services: NodeServices): Promise<number> {
  const terms = ['C2 server 1234', 'phishing', 'Credential', 'adversar', '10.1.2.'];
  const times: number[] = [];
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    for (const text of terms) await searchObjects(services.database.db, 'sqlite', { text, includeRevoked: false, limit: 50 });
    times.push((performance.now() - started) / terms.length);
  }
  return times.sort((a, b) => a - b)[3] ?? NaN;
}

/**
 * The search index's upkeep, which ingest leaves to quiet periods (objects/text-index-upkeep.ts):
 * how long merging what the imports left takes, and searches before and after it. No targets.
 */
async function indexUpkeep(services: NodeServices): Promise<Figure[]> {
  const sqlite = services.database.sqlite;
  if (!sqlite) return [];
  const before = await searchMs(services);
  const merge = textIndexMerger(sqlite);
  const started = performance.now();
  let steps = 1;
  while (merge()) steps++;
  const mergedIn = performance.now() - started;
  const after = await searchMs(services);
  return [
    { name: 'search index merged once ingest stops: 200,000 indicators and both ATT&CK files (off the ingest path)', value: mergedIn, unit: 'ms', note: `${steps} steps` },
    { name: 'search over that store, 50 results, before the merge', value: before, unit: 'ms a search' },
    { name: 'search over that store, 50 results, after the merge', value: after, unit: 'ms a search' },
  ];
}

/** One node: the indicator bundle, then each ATT&CK file (and, if asked, the index's upkeep after them). */
async function ingestRound(file: string, databaseUrl: string | undefined, upkeep = false): Promise<{ indicators: Figure; attack: Figure[]; upkeep: Figure[] }> {
  const dialect = databaseUrl ? 'PostgreSQL' : 'SQLite';
  const { services, dir } = await benchNode(databaseUrl);
  try {
    const run = await importFile(services, file);
    const indicators: Figure = {
      name: `ingest ${COUNT.toLocaleString('en-US')} synthetic indicators, validated, stored, indexed (${dialect})`,
      value: run.stored / run.seconds, unit: 'objects/s', target: { atLeast: databaseUrl ? 15_000 : 40_000 },
    };
    const attack: Figure[] = [];
    for (const name of ATTACK_FILES) {
      const path = join(SHARED, 'corpora', 'attack', name);
      const bytes = statSync(path).size;
      const imported = await importFile(services, path);
      const note = cpuNote(imported.cpu);
      attack.push({ name: `ingest ATT&CK ${name} (${(bytes / 1e6).toFixed(1)} MB, ${dialect})`, value: bytes / 1e6 / imported.seconds, unit: 'MB/s', target: { atLeast: 40 }, ...(note ? { note } : {}) });
    }
    return { indicators, attack, upkeep: upkeep ? await indexUpkeep(services) : [] };
  } finally {
    await services.database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * ATT&CK ICS imported by a process that has ingested nothing before, as `accord import` of one file
 * is: every function on the way is compiled as it meets its first objects. No target of its own.
 */
function coldImport(path: string): Figure {
  const script = `
    const { rmSync } = await import('node:fs');
    const { benchNode, importFile } = await import(${JSON.stringify(import.meta.url)});
    const { services, dir } = await benchNode();
    const imported = await importFile(services, ${JSON.stringify(path)});
    await services.database.close();
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(JSON.stringify(imported));`;
  // A file, not --eval: worker threads inherit the process's flags, and --input-type stops them.
  const file = join(tmpdir(), `accord-cold-import-${process.pid}.mjs`);
  writeFileSync(file, script);
  let imported: { seconds: number; cpu: CpuSplit };
  try {
    imported = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' })) as { seconds: number; cpu: CpuSplit };
  } finally {
    rmSync(file, { force: true });
  }
  const note = cpuNote(imported.cpu);
  const mb = statSync(path).size / 1e6;
  return { name: `ingest ATT&CK ${basename(path)} (${mb.toFixed(1)} MB, SQLite), the first import of a fresh process`, value: mb / imported.seconds, unit: 'MB/s', ...(note ? { note } : {}) };
}

const ATTACK_FILES = ['ics-attack-18.1.json', 'mobile-attack-17.1.json'];
const ATTACK_COPIES = Number(process.env.BENCH_ATTACK_COPIES ?? 6);
const STIX_ID = /([a-z0-9-]+)--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)([0-9a-f]{12})/g;

/**
 * ATT&CK's objects at scale: both files' objects written `copies` times into one bundle, each copy
 * with new ids (its references rewritten alike; marking definitions, which are shared, kept) and in
 * the files' own layout (four spaces an indent), so its MB compare with theirs. Returns its objects.
 */
export function writeAttackAtScale(file: string, copies: number): number {
  const objects = ATTACK_FILES.flatMap((name) => (JSON.parse(readFileSync(join(SHARED, 'corpora', 'attack', name), 'utf8')) as { objects: unknown[] }).objects);
  const compact = JSON.stringify(objects);
  const open = '\n    "objects": [\n';
  writeFileSync(file, `{\n    "type": "bundle",\n    "id": "bundle--${randomUUID()}",${open.slice(0, -1)}`);
  for (let copy = 0; copy < copies; copy++) {
    const renamed = compact.replace(STIX_ID, (id: string, type: string, head: string, tail: string) =>
      type === 'marking-definition' ? id : `${type}--${head}${createHash('sha1').update(`${copy}:${tail}`).digest('hex').slice(0, 12)}`);
    const text = JSON.stringify({ objects: JSON.parse(renamed) as unknown[] }, null, 4);
    appendFileSync(file, `${copy ? ',' : ''}\n${text.slice(text.indexOf('[') + 2, text.lastIndexOf(']') - 5)}`);
  }
  appendFileSync(file, '\n    ]\n}\n');
  return objects.length * copies;
}

/**
 * The rate for ATT&CK-sized objects once a process's warm-up is no longer most of an import (the two
 * files take ~0.1-0.3 s each): the bundle above, into a new node of a process that has ingested
 * before. No target of its own.
 */
async function attackAtScale(): Promise<Figure> {
  const file = join(tmpdir(), `accord-attack-x${ATTACK_COPIES}.json`);
  const count = writeAttackAtScale(file, ATTACK_COPIES);
  const { services, dir } = await benchNode();
  try {
    const mb = statSync(file).size / 1e6;
    const imported = await importFile(services, file);
    const note = [`${count.toLocaleString('en-US')} objects, ${imported.stored.toLocaleString('en-US')} stored`, cpuNote(imported.cpu)].filter(Boolean).join('; ');
    return { name: `ingest ATT&CK ICS and Mobile ${ATTACK_COPIES} times with new ids, one ${mb.toFixed(1)} MB bundle (SQLite)`, value: mb / imported.seconds, unit: 'MB/s', note };
  } finally {
    await services.database.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
}

const benchmark: Benchmark = {
  topic: 'ingest',
  command: 'npm run bench ingest   (BENCH_INGEST=200000, BENCH_ATTACK_COPIES=6; DATABASE_URL for PostgreSQL)',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const file = join(tmpdir(), `accord-indicators-${COUNT}.json`);
    writeIndicatorBundle(file, COUNT);
    const databaseUrl = process.env.BENCH_DATABASE_URL;
    try {
      const first = await ingestRound(file, databaseUrl, true);
      figures.push(first.indicators, ...first.attack, ...first.upkeep);
      // The figures above are a fresh process's first ATT&CK import, right after 200,000 indicators:
      // about half of its time is the JIT meeting new object shapes. A second round in the same
      // process (a new node, the same indicators first) shows the rate a running node ingests ATT&CK
      // at; it has no target of its own. SQLite only: PostgreSQL would need a second empty database.
      // Then ATT&CK's objects at scale, in the same process; last, ICS alone in a process of its
      // own: what `accord import` of one file meets.
      if (!databaseUrl) {
        const second = await ingestRound(file, undefined);
        figures.push(...second.attack.map(({ target: _, ...f }) => ({ ...f, name: `${f.name}, a second round in the same process` })));
        figures.push(await attackAtScale());
        figures.push(coldImport(join(SHARED, 'corpora', 'attack', 'ics-attack-18.1.json')));
      }
    } finally {
      rmSync(file, { force: true });
    }
    return figures;
  },
};

export default benchmark;
