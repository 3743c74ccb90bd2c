#!/usr/bin/env node
// Writes the Chinese texts of profiles/cn-ru-2015/profile.yaml from the seed, so that they are
// reproducible: every provision's `sourceText` is the seed's text (Traditional characters) and
// its `text.zh` is that text converted to Simplified characters by opencc-js (Hong Kong variant →
// mainland China: the seed writes 着 and 「」 as Hong Kong texts do; for this text tw/hk/t give
// the same result). Only the seed's stray spaces between two Han characters (a typesetting
// remnant, e.g. "進 程") are removed before conversion. Russian and English texts are hand-written
// working translations and are left alone, as is every comment in the file.
//
//   node scripts/profile/build-cn-ru.mjs           rewrite the zh texts in place
//   node scripts/profile/build-cn-ru.mjs --check   exit 1 if the file is not what the seed gives
//
// The seed is read from $ACCORD_SHARED/seeds (default: ../shared beside the repository).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { isMap, isSeq, parseDocument, Scalar } from 'yaml';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.ACCORD_SHARED ?? resolve(repo, '../shared');
const SEED = '000_f75644f39f975787.txt';
const seedFile = join(shared, 'seeds', SEED);
const profileFile = join(repo, 'profiles', 'cn-ru-2015', 'profile.yaml');

/** The provisions in seed order, with the number of seed pieces each one takes. */
const PLAN = [
  ...Array.from({ length: 15 }, (_, i) => [`preamble.${i + 1}`, 1]),
  ['art-1', 1],
  ['art-2', 1],
  ...Array.from({ length: 6 }, (_, i) => [`art-2.${i + 1}`, 1]),
  ['art-3', 1],
  ...Array.from({ length: 15 }, (_, i) => [`art-3.${i + 1}`, i + 1 === 7 ? 2 : 1]),
  ['art-3.closing', 1],
  ['art-4.1', 1],
  ['art-4.2', 1],
  ['art-4.3', 2],
  ['art-5.1', 1],
  ['art-5.2', 1],
  ['art-5.3', 1],
  ['art-5.4', 3],
  ['art-6.1', 1],
  ['art-6.2', 1],
  ['art-6.3', 1],
  ['art-7.1', 1],
  ['art-7.2', 1],
  ['art-8', 1],
  ['art-9.1', 1],
  ['art-9.2', 1],
  ['art-9.3', 1],
  ['art-9.4', 1],
  ['testimonium', 1],
];

/** The seed's body, in pieces: one per line, lines holding two enumerated items split apart. */
export function seedPieces(seed) {
  const lines = seed.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('中華人民共和國政府與俄羅斯聯邦政府'));
  const end = lines.findIndex((line) => line.startsWith('本協定於'));
  if (start < 0 || end < start) throw new Error('seed: body not found');
  return lines
    .slice(start, end + 1)
    .filter(Boolean)
    // "商定如下:" closes the preamble; the first article follows on the same line.
    .flatMap((line) => line.split(/(?<=^商定如下:)/))
    // Two enumerated items, e.g. "…;(四)…", share a line in places.
    .flatMap((line) => line.split(/(?<=.)(?=\([一二三四五六七八九十]+\))/));
}

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Simplified text of a seed passage: stray spaces between Han characters dropped, then converted. */
export function simplified(traditional) {
  return toSimplified(traditional.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ''));
}

/** The seed's provisions as [id, traditional source text]. */
export function seedProvisions(seed) {
  const pieces = seedPieces(seed);
  const needed = PLAN.reduce((sum, [, n]) => sum + n, 0);
  if (pieces.length !== needed) throw new Error(`seed: ${pieces.length} pieces, the plan expects ${needed}`);
  let at = 0;
  return PLAN.map(([id, n]) => {
    const source = pieces.slice(at, at + n).join('\n');
    at += n;
    return [id, source];
  });
}

/** A scalar node; multi-line texts as literal blocks so that each seed line stays a line. */
function scalar(text) {
  const node = new Scalar(text);
  if (text.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function build(seed, yamlText) {
  const doc = parseDocument(yamlText);
  const title = seed.split('\n')[0].trim();
  doc.setIn(['title', 'zh'], simplified(title));
  const provisions = doc.get('provisions');
  if (!isSeq(provisions)) throw new Error('profile: provisions is not a list');
  const expected = seedProvisions(seed);
  const ids = provisions.items.map((item) => (isMap(item) ? item.get('id') : undefined));
  const wanted = expected.map(([id]) => id);
  if (JSON.stringify(ids) !== JSON.stringify(wanted))
    throw new Error(`profile: provision ids differ from the seed plan\n  profile: ${ids.join(' ')}\n  seed:    ${wanted.join(' ')}`);
  expected.forEach(([, source], i) => {
    const item = provisions.items[i];
    item.setIn(['text', 'zh'], scalar(simplified(source)));
    item.set('sourceText', scalar(source));
  });
  return doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true });
}

function main() {
  const seed = readFileSync(seedFile, 'utf8');
  const before = readFileSync(profileFile, 'utf8');
  const after = build(seed, before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error(`${profileFile} is not what ${SEED} gives: run node scripts/profile/build-cn-ru.mjs`);
      process.exit(1);
    }
    console.log(`${profileFile}: zh texts match the seed`);
    return;
  }
  writeFileSync(profileFile, after);
  console.log(`${profileFile}: ${seedProvisions(seed).length} provisions written from ${SEED}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
