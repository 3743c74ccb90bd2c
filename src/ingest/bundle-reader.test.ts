import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/support/corpora.js';
import { AccordError } from '../errors/errors.js';
import { readBundleRuns, type BundleElement, type BundleEnvelope } from './bundle-reader.js';

async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(text: string | Buffer, size = 7): Promise<{ elements: BundleElement[]; envelope: BundleEnvelope | undefined }> {
  const holder: { value?: BundleEnvelope } = {};
  const elements: BundleElement[] = [];
  for await (const run of readBundleRuns(chunked(text, size), holder)) elements.push(...run);
  return { elements, envelope: holder.value };
}

describe('readBundleRuns', () => {
  it('yields each object of the official example bundles exactly as JSON.parse sees them, at any chunk size', async () => {
    const text = readFileSync(corpusPath('stix2-json-schemas', 'examples', 'threat-reports', 'apt1.json'), 'utf8');
    const expected = (JSON.parse(text) as { objects: unknown[] }).objects;
    for (const size of [1, 3, 64, 4096, 1 << 20]) {
      const { elements, envelope } = await collect(text, size);
      expect(elements.map((e) => e.value)).toEqual(expected);
      expect(envelope?.shape).toBe('bundle');
      expect(envelope?.fields.type).toBe('bundle');
    }
  });

  it('reads the objects array wherever it appears among the bundle properties', async () => {
    const { elements, envelope } = await collect('{"objects":[{"a":"}]\\"{"},{"b":[1,{"c":2}]}],"type":"bundle","id":"bundle--x"}', 2);
    expect(elements.map((e) => e.value)).toEqual([{ a: '}]"{' }, { b: [1, { c: 2 }] }]);
    expect(envelope?.fields).toEqual({ type: 'bundle', id: 'bundle--x' });
  });

  it('accepts a bare array of objects and a single object', async () => {
    expect((await collect('[{"x":1},{"y":2}]')).elements.map((e) => e.value)).toEqual([{ x: 1 }, { y: 2 }]);
    const single = await collect('{"type":"indicator","id":"indicator--1","n":null,"t":true,"f":1.5e3}');
    expect(single.elements.map((e) => e.value)).toEqual([{ type: 'indicator', id: 'indicator--1', n: null, t: true, f: 1500 }]);
    expect(single.envelope?.shape).toBe('object');
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const text = JSON.stringify({ type: 'bundle', objects: [{ name: '中华人民共和国与俄罗斯联邦 — Соглашение 🛡️' }] });
    for (const size of [1, 2, 3, 5]) expect((await collect(text, size)).elements[0]?.value).toEqual({ name: '中华人民共和国与俄罗斯联邦 — Соглашение 🛡️' });
  });

  it('skips a byte order mark at the start, whatever the chunk size', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"type":"bundle","objects":[{"名":"值"}]}', 'utf8')]);
    for (const size of [1, 2, 4, 64]) expect((await collect(bytes, size)).elements.map((e) => e.value)).toEqual([{ 名: '值' }]);
  });

  it('counts positions in bytes, and refuses bytes that are not UTF-8 where they are', async () => {
    // "名" is three bytes: the stray "x" after the first object is at byte 22, character 20. A
    // value that is not UTF-8 is refused at the start of the element holding it.
    await expect(collect('{"objects":[{"名":1} x]}', 4)).rejects.toMatchObject({ code: 'malformed-json', message: expect.stringMatching(/byte 22/) as unknown });
    const broken = Buffer.concat([Buffer.from('{"objects":[{"a":1},{"b":"', 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}', 'utf8')]);
    for (const size of [1, 5, 1024]) await expect(collect(broken, size)).rejects.toMatchObject({ code: 'malformed-json', message: 'The input is not valid UTF-8 (near byte 20)' });
  });

  it('reads an element many chunks long, with escapes and multi-byte characters across the chunk boundaries', async () => {
    const content = Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? 'a\\"}]' : i % 3 === 1 ? '中"文' : 'Соглашение\\')).join('');
    const bundle = { type: 'bundle', objects: [{ type: 'note', content }, { type: 'note', content: 'after' }] };
    for (const size of [1000, 65_536]) expect((await collect(JSON.stringify(bundle), size)).elements.map((e) => e.value)).toEqual(bundle.objects);
  });

  it('reports a broken element without losing the ones around it', async () => {
    const { elements } = await collect('{"type":"bundle","objects":[{"ok":1},{"bad":tru},{"ok":2}]}');
    expect(elements.map((e) => e.value ?? 'error')).toEqual([{ ok: 1 }, 'error', { ok: 2 }]);
    // In the reader's language: V8's English wording of the mistake does not reach the user.
    expect(elements[1]?.error?.text('ru')).toBe("неожиданный символ '}'");
  });

  it('fails with the position when the structure itself is broken', async () => {
    const attempt = collect('{"type":"bundle","objects":[{"ok":1} {"ok":2}]}');
    await expect(attempt).rejects.toBeInstanceOf(AccordError);
    await expect(attempt).rejects.toMatchObject({ code: 'malformed-json', message: expect.stringMatching(/byte 37/) as unknown });
    await expect(collect('{"type":"bundle","objects":[{"ok":1}')).rejects.toMatchObject({ code: 'malformed-json' });
    await expect(collect('"just a string"')).rejects.toMatchObject({ code: 'malformed-json' });
    await expect(collect(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).rejects.toMatchObject({ code: 'malformed-json' });
  });

  it('hands over in one run every element complete in what has arrived, and the ones before a broken structure first', async () => {
    const objects = Array.from({ length: 50 }, (_, i) => ({ type: 'x-thing', n: i }));
    const text = JSON.stringify({ type: 'bundle', objects });
    const runs: number[][] = [];
    for await (const run of readBundleRuns(chunked(text, text.length))) runs.push(run.map((e) => e.index));
    expect(runs).toEqual([objects.map((_, i) => i)]);
    const cut: unknown[] = [];
    const broken = (async () => {
      for await (const run of readBundleRuns(chunked('{"objects":[{"a":1},{"a":2} {"a":3}]}', 64))) cut.push(...run.map((e) => e.value));
    })();
    await expect(broken).rejects.toMatchObject({ code: 'malformed-json' });
    expect(cut).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('passes on a failure of the input that comes while the consumer is busy with the run before it', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"objects":[{"a":1},{"a":2},{"long":"');
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('the connection was reset');
    }
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const run of readBundleRuns(failing())) {
        seen.push(...run.map((e) => e.value));
        // Busy with the run (a batch being written) while the rest of the input fails.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();
    await expect(reading).rejects.toThrow('the connection was reset');
    expect(seen).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('agrees with JSON.parse on arbitrary JSON arrays of objects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 8 }), fc.integer({ min: 1, max: 50 }), async (objects, size) => {
        const { elements } = await collect(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }, null, size % 3), size);
        expect(elements.map((e) => e.value)).toEqual(JSON.parse(JSON.stringify(objects)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an observed-data object whose own "objects" is a dictionary, while a bundle\'s must be an array', async () => {
    const observed = { type: 'observed-data', id: 'observed-data--1', objects: { 0: { type: 'ipv4-addr', value: '198.51.100.3' } } };
    expect((await collect(JSON.stringify(observed))).elements.map((e) => e.value)).toEqual([observed]);
    await expect(collect('{"type":"bundle","objects":{"0":{}}}')).rejects.toMatchObject({ code: 'bad-request', message: '"objects" must be an array, not an object' });
  });
});
