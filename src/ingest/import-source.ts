import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { readBundleRuns, type BundleElement, type ElementSource } from './bundle-reader.js';
import { ingestMessage } from './ingest.messages.js';

/** A foreign format Accord imports by converting to STIX (MISP events today). */
export interface ImportConverter {
  readonly format: string;
  /** Looks at the start of the input (up to 64 KiB) and says whether this converter reads it. */
  sniff(head: string): boolean;
  convert(value: unknown): { objects: unknown[]; unmapped: Array<{ path: string; reason: string }> };
}

export interface ImportSource {
  /** 'stix', or the name of the converter that recognised the input (e.g. 'misp'). */
  readonly format: string;
  readonly elements: ElementSource;
  /** What a conversion could not carry over, reported rather than silently dropped. */
  readonly unmapped: ReadonlyArray<{ path: string; reason: string }>;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Recognises the input by content: a STIX bundle (or array of objects) streams straight into
 * ingest; a format a converter claims is read whole (those files are event-sized) and converted.
 */
export async function openImport(chunks: AsyncIterable<Buffer>, converters: readonly ImportConverter[], maxConvertBytes = 256 * 1024 * 1024): Promise<ImportSource> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const headText = Buffer.concat(head).toString('utf8', 0, Math.min(headBytes, SNIFF_BYTES));
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  const converter = converters.find((c) => c.sniff(headText));
  if (!converter) return { format: 'stix', elements: readBundleRuns(rest()), unmapped: [] };

  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of rest()) {
    size += chunk.length;
    if (size > maxConvertBytes) throw new AccordError('payload-too-large', ingestMessage('convertTooLarge', { format: converter.format, limit: maxConvertBytes }));
    parts.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (error) {
    throw new AccordError('malformed-json', ingestMessage('notJson', { index: 0, reason: jsonSyntaxProblem(error) }));
  }
  const { objects, unmapped } = converter.convert(value);
  return {
    format: converter.format,
    elements: [objects.map((object, index): BundleElement => ({ index, value: object }))],
    unmapped,
  };
}
