import { TextDecoder } from 'node:util';
import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { wrongType } from '../errors/wrong-type.js';
import type { Message } from '../i18n/messages.js';
import { ingestMessage } from './ingest.messages.js';

/** One element of a bundle's `objects` array, parsed, or the reason it could not be. */
export type BundleElement =
  | {
      readonly index: number;
      readonly value: unknown;
      readonly error?: undefined;
      /** The value's RFC 8785 text, when the caller has it already (a peer's bundle, canonicalised to check its signature). */
      readonly canonical?: string;
    }
  | { readonly index: number; readonly value?: undefined; readonly error: Message; readonly canonical?: undefined };

/** Elements as ingest takes them: in runs, as `readBundleRuns` yields them (an array is one run). */
export type ElementSource = AsyncIterable<readonly BundleElement[]> | Iterable<readonly BundleElement[]>;

/** The bundle's own properties (everything but `objects`), known once the stream ends. */
export interface BundleEnvelope {
  readonly fields: Record<string, unknown>;
  readonly shape: 'bundle' | 'array' | 'object';
}

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT_CHARACTER = '\uFFFD';
const QUOTE = 34, BACKSLASH = 92, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, COMMA = 44, COLON = 58;

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Where a scan of one JSON value stopped for want of input, to resume once more has arrived. */
interface ScanState {
  i: number;
  depth: number;
  inString: boolean;
}

/**
 * Scans the object, array or string starting at `state.i`: returns the index just past its end,
 * or -1 when the bytes end first, with `state` ready to resume over a longer buffer. The scan
 * reads UTF-8 bytes, not decoded text: every character JSON's structure uses is ASCII, and no byte
 * of a multi-byte character is one of them.
 */
function scanContainer(bytes: Buffer, state: ScanState): number {
  let { i, depth, inString } = state;
  const length = bytes.length;
  for (; i < length; i++) {
    if (inString) {
      // Most of a STIX object is string content: jump to the next quote instead of reading
      // every byte. It closes the string unless an odd run of backslashes escapes it.
      const quote = bytes.indexOf(QUOTE, i);
      if (quote === -1) {
        i = length;
        break;
      }
      let backslashes = 0;
      while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      i = quote;
      if (backslashes % 2 === 1) continue;
      inString = false;
      if (depth === 0) return i + 1;
      continue;
    }
    const c = bytes[i];
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  state.i = i;
  state.depth = depth;
  state.inString = inString;
  return -1;
}

/** Scans a number, literal or stray character: it ends before a comma, blank or closing bracket. */
function scanScalar(bytes: Buffer, state: ScanState): number {
  for (let i = state.i; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || isSpace(c)) return i;
  }
  state.i = bytes.length;
  return -1;
}

/** How to scan the value that starts with character `first`. */
function scannerFor(first: number | undefined): (bytes: Buffer, state: ScanState) => number {
  return first === OPEN_BRACE || first === OPEN_BRACKET || first === QUOTE ? scanContainer : scanScalar;
}

/**
 * Reads a STIX bundle from a byte stream one object at a time, so a bundle of a million objects
 * never sits in memory whole. It finds each element of `objects` by bracket depth (strings and
 * escapes respected) in the UTF-8 bytes, decodes just that element and hands it to JSON.parse,
 * which is far faster than a token-level streaming parser. A bare array of objects, or a single
 * object, is read the same way. Positions in its errors count bytes from the start of the input.
 *
 * It scans bytes rather than decoded text because text made by joining what is left of one chunk
 * to the next is a V8 cons string, and reading it a character at a time cost ~5 times as much as
 * reading flat text. Reading ATT&CK ICS from its file: 15.6-15.9 ms against 21.7-24.0 (best of
 * twenty, alternating); 50,000 indicators, whose objects are mostly strings, the same.
 *
 * It yields runs: every element complete in the input read so far, at once. Yielded one at a time,
 * each element cost two async generators' promise turns and one of the consumer's `for await`.
 */
export async function* readBundleRuns(chunks: AsyncIterable<string | Buffer>, envelope: { value?: BundleEnvelope } = {}): AsyncGenerator<BundleElement[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffer: Buffer = Buffer.alloc(0);
  let pos = 0;
  let offset = 0; // bytes consumed before `buffer`
  let ended = false;
  const iterator = chunks[Symbol.asyncIterator]();

  /** Appends the next chunk to what is left of the buffer; false once the input has ended. */
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    const chunk = asBytes(next.value);
    buffer = pos < buffer.length ? Buffer.concat([buffer.subarray(pos), chunk]) : chunk;
    offset += pos;
    pos = 0;
    return true;
  };
  /** The text of bytes [start, end) of the buffer; the input is refused if they are not UTF-8. */
  const decode = (start: number, end: number): string => {
    // The lenient decoder costs less per call; what it cannot decode it shows as U+FFFD, and only
    // text holding that character (rare, and possibly a genuine one) is decoded again strictly.
    const text = buffer.toString('utf8', start, end);
    if (!text.includes(REPLACEMENT_CHARACTER)) return text;
    try {
      return decoder.decode(buffer.subarray(start, end));
    } catch (cause) {
      throw new AccordError('malformed-json', ingestMessage('badEncoding', { at: offset + start }), { cause });
    }
  };
  // What was expected is a message too: the reader's language all through, not English inside it.
  const fail = (expected: Message): never => {
    const at = offset + pos;
    const found = pos < buffer.length ? JSON.stringify(buffer.toString('utf8', pos, pos + 12)) : ingestMessage('endOfInput');
    throw new AccordError('malformed-json', ingestMessage('malformedAt', { at, expected, found }));
  };
  /** Skips whitespace in what has arrived: the next byte, or undefined when it is spent. */
  const skipSpace = (): number | undefined => {
    while (pos < buffer.length && isSpace(buffer[pos])) pos++;
    return buffer[pos];
  };
  /** Skips whitespace; returns the next byte, reading more input when needed. */
  const peek = async (): Promise<number | undefined> => {
    for (;;) {
      const c = skipSpace();
      if (c !== undefined) return c;
      if (!(await fill())) return undefined;
    }
  };
  /** Skips a byte order mark at the start of the input, as a decoder of the whole text would. */
  const skipByteOrderMark = async (): Promise<void> => {
    while (buffer.length < BYTE_ORDER_MARK.length && (await fill()));
    if (buffer.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK)) pos = BYTE_ORDER_MARK.length;
  };
  // Nearly every value ends in the input that has arrived: it is returned at once then, without the
  // promise turns of an await, which cost more than scanning a small object (three an element).
  /** The text of the complete JSON value starting at pos, and moves past it; a promise only when more input must be read. */
  const takeValue = (): string | Promise<string> => {
    const scan = scannerFor(buffer[pos]);
    const state: ScanState = { i: pos, depth: 0, inString: false };
    const end = scan(buffer, state);
    if (end === -1) return takeRest(scan, state);
    const start = pos;
    pos = end;
    return decode(start, end);
  };
  /** Reads more input until the value whose scan stopped at `state` ends. */
  const takeRest = async (scan: (bytes: Buffer, state: ScanState) => number, state: ScanState): Promise<string> => {
    state.i -= pos;
    if (!(await fill())) return endedInside(scan, pos);
    // `fill` dropped everything before the value: it starts at 0. Most values cut by a chunk end in
    // the next one.
    const end = scan(buffer, state);
    if (end === -1) return gather(scan, state);
    pos = end;
    return decode(0, end);
  };
  /**
   * Reads the rest of a value longer than a chunk, which starts at 0. Its bytes gather in a buffer
   * that doubles as it fills: joining each chunk to all before it made a value of n bytes cost
   * O(n²) (a 20 MB object took 8.3 s to read in 64 kB chunks).
   */
  const gather = async (scan: (bytes: Buffer, state: ScanState) => number, state: ScanState): Promise<string> => {
    let held = Buffer.allocUnsafe(2 * buffer.length);
    let used = buffer.copy(held, 0);
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        return endedInside(scan, 0);
      }
      const chunk = asBytes(next.value);
      if (used + chunk.length > held.length) {
        const grown = Buffer.allocUnsafe(Math.max(2 * held.length, used + chunk.length));
        held.copy(grown, 0, 0, used);
        held = grown;
      }
      used += chunk.copy(held, used);
      buffer = held.subarray(0, used);
      const end = scan(buffer, state);
      if (end !== -1) {
        pos = end;
        return decode(0, end);
      }
    }
  };
  /** The input ended inside the value starting at `start`: a number or literal ends there, anything else is cut off. */
  const endedInside = (scan: (bytes: Buffer, state: ScanState) => number, start: number): string => {
    if (scan !== scanScalar) return fail(ingestMessage('expectRest'));
    pos = buffer.length;
    return decode(start, pos);
  };
  const expect = async (code: number, what: Message): Promise<void> => {
    if ((await peek()) !== code) fail(what);
    pos++;
  };

  await skipByteOrderMark();
  const fields: Record<string, unknown> = {};
  let index = 0;
  /** The next element, from its text. */
  const element = (text: string): BundleElement => {
    const at = index++;
    try {
      return { index: at, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { index: at, error: jsonSyntaxProblem(error) };
    }
  };
  const elements = async function* (): AsyncGenerator<BundleElement[]> {
    if ((await peek()) === CLOSE_BRACKET) {
      pos++;
      return;
    }
    let run: BundleElement[] = [];
    /** Hands over the elements read so far: before waiting for more input, at the end, or before an error. */
    const handOver = function* (): Generator<BundleElement[]> {
      if (run.length) yield run;
      run = [];
    };
    try {
      for (;;) {
        if (skipSpace() === undefined) {
          yield* handOver();
          if ((await peek()) === undefined) fail(ingestMessage('expectElement'));
        }
        const taken = takeValue();
        if (typeof taken !== 'string') {
          // The rest is read while the consumer works on the run: a failure of the input meanwhile
          // is handled by the await below, not left to crash the process as unhandled.
          taken.catch(() => undefined);
          yield* handOver();
        }
        run.push(element(typeof taken === 'string' ? taken : await taken));
        let next = skipSpace();
        if (next === undefined) {
          yield* handOver();
          next = await peek();
        }
        if (next === COMMA) {
          pos++;
          continue;
        }
        if (next === CLOSE_BRACKET) {
          pos++;
          yield* handOver();
          return;
        }
        fail(ingestMessage('expectCommaOrBracket'));
      }
    } catch (error) {
      yield* handOver();
      throw error;
    }
  };

  const first = await peek();
  let shape: BundleEnvelope['shape'];
  if (first === OPEN_BRACKET) {
    shape = 'array';
    pos++;
    yield* elements();
  } else if (first === OPEN_BRACE) {
    pos++;
    shape = 'object';
    let more = (await peek()) !== CLOSE_BRACE;
    if (!more) pos++;
    while (more) {
      if ((await peek()) !== QUOTE) fail(ingestMessage('expectName'));
      const key = JSON.parse(await takeValue()) as string;
      await expect(COLON, ingestMessage('expectColon'));
      const valueStart = await peek();
      if (valueStart === undefined) fail(ingestMessage('expectValueFor', { key }));
      if (key === 'objects' && valueStart === OPEN_BRACKET) {
        pos++;
        shape = 'bundle';
        yield* elements();
      } else {
        const text = await takeValue();
        try {
          fields[key] = JSON.parse(text) as unknown;
        } catch {
          fail(ingestMessage('expectValueFor', { key }));
        }
      }
      const next = await peek();
      if (next === COMMA) pos++;
      else if (next === CLOSE_BRACE) {
        pos++;
        more = false;
      } else fail(ingestMessage('expectCommaOrBrace'));
    }
    if (shape === 'object') {
      // Meant as a bundle, not one object to refuse for its missing type. Observed-data's own
      // (deprecated) "objects" is a dictionary and leaves the object as it is.
      if ('objects' in fields && (fields.type === undefined || fields.type === 'bundle')) throw wrongType('objects', 'anArray', fields.objects);
      yield [{ index: 0, value: fields }];
    }
  } else {
    return fail(ingestMessage('expectBundle'));
  }
  if ((await peek()) !== undefined) fail(ingestMessage('endOfInput'));
  envelope.value = { fields: shape === 'object' ? {} : fields, shape };
}

function asBytes(chunk: string | Buffer): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
