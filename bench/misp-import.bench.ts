import { createHash } from 'node:crypto';
import { mispToStix, stixToMisp } from '../src/misp/misp.js';
import type { Benchmark, Figure } from './harness.js';
import { timed } from './harness.js';

const ATTRIBUTES = 10_000;
const RUNS = 5;

function uuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const hash = (n: number, length: number): string =>
  createHash('sha256').update(String(n)).digest('hex').slice(0, length);

/** One attribute of a realistic mix: addresses, domains, URLs, hashes, composites, e-mail, mutexes. */
function attribute(n: number): Record<string, unknown> {
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const kinds: Array<[string, string, string]> = [
    ['ip-dst', ip, 'Network activity'],
    ['domain', `host${n}.example.net`, 'Network activity'],
    ['url', `https://host${n}.example.net/dl/${n}.zip`, 'Network activity'],
    ['md5', hash(n, 32), 'Payload delivery'],
    ['sha256', hash(n, 64), 'Payload delivery'],
    ['filename|sha1', `payload${n}.exe|${hash(n, 40)}`, 'Payload delivery'],
    ['ip-dst|port', `${ip}|${1024 + (n % 60000)}`, 'Network activity'],
    ['domain|ip', `cdn${n}.example.org|${ip}`, 'Network activity'],
    ['email-src', `sender${n}@mail.example.com`, 'Payload delivery'],
    ['mutex', `Global\\Mtx_${n}`, 'Artifacts dropped'],
  ];
  const [type, value, category] = kinds[n % kinds.length] ?? kinds[0] ?? ['ip-dst', ip, 'Network activity'];
  return {
    id: String(n + 1),
    uuid: uuid(`attribute-${n}`),
    type,
    category,
    value,
    to_ids: n % 4 !== 0,
    timestamp: String(1714557600 + n),
    distribution: '5',
    comment: n % 10 === 0 ? `note ${n}` : '',
    Tag: n % 50 === 0 ? [{ name: 'tlp:red' }] : [],
  };
}

/** A MISP event with `count` attributes, as a large feed event looks. */
export function generatedEvent(count: number): unknown {
  return {
    Event: {
      uuid: uuid('generated-event'),
      info: `Generated event with ${count} attributes`,
      date: '2024-05-01',
      timestamp: '1714600000',
      published: true,
      publish_timestamp: '1714600000',
      threat_level_id: '2',
      analysis: '2',
      distribution: '1',
      Orgc: { name: 'Bench CERT', uuid: uuid('org') },
      Tag: [{ name: 'tlp:amber' }, { name: 'type:OSINT' }],
      Attribute: Array.from({ length: count }, (_, n) => attribute(n)),
    },
  };
}

const benchmark: Benchmark = {
  topic: 'misp-import',
  command: 'npx tsc -p tsconfig.build.json && node dist/bench/run-one.js dist/bench/misp-import.bench.js',
  async run(): Promise<Figure[]> {
    const event = generatedEvent(ATTRIBUTES);
    mispToStix(event, { now: new Date() }); // warm-up: JIT and pattern parser caches
    const imports: number[] = [];
    let objects: Record<string, unknown>[] = [];
    for (let i = 0; i < RUNS; i++) {
      imports.push(await timed(() => (objects = mispToStix(event, { now: new Date() }).objects)));
    }
    const exports: number[] = [];
    for (let i = 0; i < RUNS; i++) exports.push(await timed(() => stixToMisp(objects)));
    const median = (xs: number[]): number =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    return [
      {
        name: `MISP → STIX, ${ATTRIBUTES.toLocaleString('en-US')}-attribute event`,
        value: median(imports),
        unit: 's',
        target: { atMost: 2 },
        note: `median of ${RUNS}; ${objects.length.toLocaleString('en-US')} STIX objects`,
      },
      { name: `STIX → MISP, same objects`, value: median(exports), unit: 's', note: `median of ${RUNS}` },
    ];
  },
};

export default benchmark;
