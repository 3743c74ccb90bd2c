import {
  detectObservable,
  normaliseObservable,
  type Observable,
  type ObservableKind,
} from '../src/correlation/observables/observable.js';
import { planPattern } from '../src/matching/indicator-plan.js';
import { MatchIndex } from '../src/matching/match-index.js';
import { extractObservables } from '../src/matching/log-extract.js';
import { parseSubmission } from '../src/matching/observable-input.js';
import { cpus, loadavg } from 'node:os';
import { rssMb, type Benchmark, type Figure } from './harness.js';

const INDICATORS = Number(process.env.ACCORD_BENCH_INDICATORS ?? 1_000_000);
const OBSERVABLES = Number(process.env.ACCORD_BENCH_OBSERVABLES ?? 1_000_000);

/** A deterministic pseudo-random stream (xorshift32), so runs are comparable. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const hex = (n: number, length: number) => {
  let out = '';
  let x = n >>> 0 || 1;
  while (out.length < length) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
};

/** The n-th indicator value: a realistic mix of addresses, domains, URLs, hashes and e-mail. */
function value(n: number): { kind: ObservableKind; text: string; path: string; type: string } {
  switch (n % 20) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
      return {
        kind: 'ipv4-addr',
        type: 'ipv4-addr',
        path: 'value',
        text: `${(n * 2654435761) >>> 24 || 1}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`,
      };
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
      return {
        kind: 'domain-name',
        type: 'domain-name',
        path: 'value',
        text: `h${n.toString(36)}.c2-${n % 997}.example-${n % 13}.cn`,
      };
    case 13:
    case 14:
      return {
        kind: 'url',
        type: 'url',
        path: 'value',
        text: `http://d${n.toString(36)}.example.ru/gate/${n}.php?id=${n % 1000}`,
      };
    case 15:
    case 16:
    case 17:
      return { kind: 'sha256', type: 'file', path: "hashes.'SHA-256'", text: hex(n, 64) };
    case 18:
      return { kind: 'md5', type: 'file', path: 'hashes.MD5', text: hex(n, 32) };
    default:
      return {
        kind: 'email-addr',
        type: 'email-addr',
        path: 'value',
        text: `u${n.toString(36)}@mail${n % 31}.example.com`,
      };
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function buildIndex(): { index: MatchIndex; seconds: number; rss: number } {
  gc();
  const before = rssMb();
  const start = process.hrtime.bigint();
  const index = new MatchIndex(INDICATORS);
  for (let n = 0; n < INDICATORS; n++) {
    const v = value(n);
    const plan = planPattern(`[${v.type}:${v.path} = '${v.text}']`);
    if (index.add(n + 1, plan) < 0) throw new Error(`indicator ${n} was not indexed`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  gc();
  return { index, seconds, rss: rssMb() - before };
}

/** Observables to match: one in ten is an indicator's value, written as logs write it. */
function observables(): Array<{ kind: ObservableKind; text: string }> {
  const rnd = random(42);
  // Through JSON, as a request body arrives: flat strings, not the ropes string building makes.
  return JSON.parse(
    JSON.stringify(
      Array.from({ length: OBSERVABLES }, () => {
        const hit = rnd() < 0.1;
        const n = Math.floor(rnd() * INDICATORS) + (hit ? 0 : INDICATORS);
        const v = value(n);
        return { kind: v.kind, text: v.kind === 'domain-name' && n % 2 ? v.text.toUpperCase() : v.text };
      }),
    ),
  ) as Array<{ kind: ObservableKind; text: string }>;
}

/** Seconds of this process's CPU (user + system) since `start`: on a shared machine, the cost of the work itself. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function timeTyped(
  index: MatchIndex,
  input: ReadonlyArray<{ kind: ObservableKind; text: string }>,
): { perSecond: number; perCpuSecond: number; hits: number } {
  let hits = 0;
  const one: Observable[] = [];
  const onHit = () => {
    hits++;
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const item of input) {
    const o = normaliseObservable(item.kind, item.text);
    if (!o) continue;
    one[0] = o;
    index.matchObservation(one, onHit);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: input.length / seconds, perCpuSecond: input.length / cpuSeconds(cpu), hits };
}

function timeText(index: MatchIndex, lines: readonly string[]): number {
  const one: Observable[] = [];
  const start = process.hrtime.bigint();
  for (const line of lines) {
    const o = detectObservable(line);
    if (!o) continue;
    one[0] = o;
    index.matchObservation(one, () => undefined);
  }
  return lines.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

function timeLog(index: MatchIndex, input: ReadonlyArray<{ kind: ObservableKind; text: string }>): number {
  const lines = input
    .slice(0, 200_000)
    .map(
      (o, i) =>
        `2026-11-28T10:${String(i % 60).padStart(2, '0')}:00Z proxy[311]: client 10.0.${i & 255}.7 GET ${o.kind === 'url' ? o.text : `http://site.example/${o.text}`} 200 "Mozilla/5.0"`,
    );
  const start = process.hrtime.bigint();
  for (const line of lines) index.matchObservation(extractObservables(line), () => undefined);
  return lines.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** A whole plain-text submission as the service reads it: split, detect, normalise, match. */
function timeSubmission(index: MatchIndex, lines: readonly string[]): number {
  const text = lines.join('\n');
  const start = process.hrtime.bigint();
  const parsed = parseSubmission(text, 'text', { maxBytes: 2 ** 30, maxObservations: 10_000_000 });
  for (const observation of parsed.observations)
    index.matchObservation(observation.observables, () => undefined);
  return lines.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

const benchmark: Benchmark = {
  topic: 'matching',
  command:
    'npx tsc -p tsconfig.build.json && node --expose-gc dist/bench/run-one.js dist/bench/matching.bench.js',
  run(): Promise<Figure[]> {
    const { index, seconds, rss } = buildIndex();
    const input = observables();
    timeTyped(index, input.slice(0, 100_000)); // warm-up
    const typed = timeTyped(index, input);
    const text = timeText(
      index,
      input.map((o) => o.text),
    );
    const submission = timeSubmission(
      index,
      input.map((o) => o.text),
    );
    const log = timeLog(index, input);
    if (typed.hits < OBSERVABLES * 0.08) throw new Error(`only ${typed.hits} hits: the index lost values`);
    return Promise.resolve([
      { name: 'indicators indexed (equality patterns)', value: INDICATORS, unit: 'indicators' },
      { name: 'index build', value: INDICATORS / seconds, unit: 'indicators/s' },
      { name: 'index memory (RSS growth)', value: rss, unit: 'MB', target: { atMost: 1024 } },
      { name: 'index arrays', value: index.bytes / 2 ** 20, unit: 'MB' },
      {
        name: 'matching typed observables (normalise + lookup), per CPU second',
        value: typed.perCpuSecond,
        unit: 'obs/s',
        target: { atLeast: 1_000_000 },
        note: `${OBSERVABLES.toLocaleString('en-US')} observables, ${typed.hits.toLocaleString('en-US')} hits; one thread`,
      },
      {
        name: 'matching typed observables, wall clock',
        value: typed.perSecond,
        unit: 'obs/s',
        note: `load average ${loadavg()[0]?.toFixed(1) ?? '?'} on ${cpus().length} cores`,
      },
      { name: 'matching plain-text lines (detect kind + normalise + lookup)', value: text, unit: 'obs/s' },
      {
        name: 'plain-text submission of 1M lines (parse + detect + match)',
        value: submission,
        unit: 'lines/s',
      },
      { name: 'matching log lines (regex extraction + lookup)', value: log, unit: 'lines/s' },
    ]);
  },
};

export default benchmark;
