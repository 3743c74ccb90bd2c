import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { networkFailure, oversizeFailure, timeoutFailure } from '../federation/network-failure.js';
import { literal } from '../i18n/messages.js';
import type { BundleElement, ElementSource } from './bundle-reader.js';
import { feedMessage } from './taxii-feed.messages.js';

const TAXII = 'application/taxii+json;version=2.1';
/**
 * Objects asked for a page (a server may send fewer). Round trips, not bytes, bound a pull from a
 * distant server: 20,000 indicators through 100 ms of round trip took 4.0-4.1 s in pages of 1,000
 * and 2.3-2.7 s in pages of 5,000 with the next page asked for early; a page of ATT&CK-sized objects
 * is then ~10 MB, two of them in memory at once.
 */
const PAGE_LIMIT = 5000;
/** A page past this is not one of the pages asked for: a hostile or broken server. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;
const PAGE_TIMEOUT_MS = 120_000;

export type FeedCredentials = { readonly user: string; readonly password: string } | { readonly token: string } | undefined;

export interface TaxiiFeedOptions {
  /** The collection's URL (…/collections/ID/), or its objects URL (…/objects/). */
  readonly url: string;
  readonly credentials?: FeedCredentials;
  /** Only what the server added after this time (RFC 3339), as TAXII's `added_after`. */
  readonly addedAfter?: string | undefined;
}

export interface TaxiiFeed {
  readonly elements: ElementSource;
  /** The last page's `X-TAXII-Date-Added-Last`: where the next pull of this collection starts. */
  lastAdded(): string | undefined;
}

/**
 * The objects URL of a TAXII 2.1 collection, from the URL a person copies: with or without the
 * trailing slash or "objects/". Credentials in the URL are refused: they would end up in shell
 * history and process lists, and in every message that names the URL.
 */
export function objectsUrlOf(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AccordError('bad-request', feedMessage('notUrl', { url: text }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AccordError('bad-request', feedMessage('notUrl', { url: text }));
  if (url.username || url.password) throw new AccordError('bad-request', feedMessage('credentialsInUrl'));
  url.search = '';
  url.hash = '';
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  url.pathname = path.endsWith('/objects/') ? path : `${path}objects/`;
  return url;
}

function authorization(credentials: FeedCredentials): Record<string, string> {
  if (!credentials) return {};
  if ('token' in credentials) return { authorization: `Bearer ${credentials.token}` };
  return { authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` };
}

/** The body, read as it comes and abandoned past the bound, so that a hostile server cannot fill memory. */
async function boundedText(response: Response): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (!response.body) return '';
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > MAX_PAGE_BYTES) throw oversizeFailure(MAX_PAGE_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What a TAXII error body says, when the server sent one, for the refusal's message. */
function taxiiErrorTitle(text: string): string {
  try {
    const body = JSON.parse(text) as { title?: unknown; description?: unknown };
    const said = [body.title, body.description].filter((v): v is string => typeof v === 'string' && v.length > 0).join(': ');
    return said ? ` (${said.slice(0, 300)})` : '';
  } catch {
    return '';
  }
}

interface Envelope {
  readonly objects: unknown[];
  readonly more: boolean;
  readonly next: string | undefined;
}

function envelopeOf(text: string, where: string): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AccordError('source-unreachable', feedMessage('badPage', { url: where, reason: jsonSyntaxProblem(error) }));
  }
  const envelope = body as { objects?: unknown; more?: unknown; next?: unknown } | null;
  const wrong = (reason: string) => new AccordError('source-unreachable', feedMessage('badPage', { url: where, reason: literal(reason) }));
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) throw wrong('not a JSON object');
  if (envelope.objects !== undefined && !Array.isArray(envelope.objects)) throw wrong('"objects" is not an array');
  if (envelope.more !== undefined && typeof envelope.more !== 'boolean') throw wrong('"more" is not a boolean');
  if (envelope.next !== undefined && typeof envelope.next !== 'string') throw wrong('"next" is not a string');
  return { objects: (envelope.objects as unknown[] | undefined) ?? [], more: envelope.more === true, next: envelope.next };
}

/**
 * Pulls a TAXII 2.1 collection page by page into ingest, as a TAXII client does: `limit`, then
 * `next` while the server says `more` (or, from a server that pages without `next`, `added_after`
 * from the page's `X-TAXII-Date-Added-Last`). At most two pages are held: the one being stored and the next.
 */
export function taxiiFeed(options: TaxiiFeedOptions): TaxiiFeed {
  const objectsUrl = objectsUrlOf(options.url);
  const shown = objectsUrl.toString();
  let lastAdded: string | undefined;
  const since: Record<string, string> = options.addedAfter ? { added_after: options.addedAfter } : {};

  async function page(params: Record<string, string>): Promise<Envelope> {
    const url = new URL(objectsUrl);
    url.searchParams.set('limit', String(PAGE_LIMIT));
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { accept: TAXII, ...authorization(options.credentials) }, signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
      text = await boundedText(response);
    } catch (cause) {
      const reason = cause instanceof Error && cause.name === 'TimeoutError' ? networkFailure(timeoutFailure(PAGE_TIMEOUT_MS)) : networkFailure(cause);
      throw new AccordError('source-unreachable', feedMessage('unreachable', { url: shown, reason }), { cause });
    }
    if (response.status === 401 || response.status === 403) throw new AccordError('source-unreachable', feedMessage('credentials', { url: shown, status: response.status }));
    if (!response.ok) throw new AccordError('source-unreachable', feedMessage('refused', { url: shown, status: response.status, said: taxiiErrorTitle(text) }));
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/taxii\+json\b/i.test(type.trim())) throw new AccordError('source-unreachable', feedMessage('notTaxii', { url: shown, type: type || '-' }));
    lastAdded = response.headers.get('x-taxii-date-added-last') ?? lastAdded;
    return envelopeOf(text, shown);
  }

  const asked = new Set<string>();
  /** The request after a page: by the server's cursor, else by what it last added; never the same one twice. */
  function paramsAfter(envelope: Envelope): Record<string, string> {
    let params: Record<string, string>;
    if (envelope.next) params = { ...since, next: envelope.next };
    else if (lastAdded) params = { added_after: lastAdded };
    else throw new AccordError('source-unreachable', feedMessage('noNext', { url: shown }));
    const key = JSON.stringify(params);
    if (asked.has(key)) throw new AccordError('source-unreachable', feedMessage('noNext', { url: shown }));
    asked.add(key);
    return params;
  }

  async function* pages(): AsyncGenerator<readonly BundleElement[]> {
    let index = 0;
    let pending: Promise<Envelope> | undefined = page(since);
    while (pending) {
      const envelope: Envelope = await pending;
      // The next page is asked for while this one is stored, so a distant server's round trip and
      // the store's work overlap; its failure is reported when it is awaited, a turn later.
      pending = envelope.more ? page(paramsAfter(envelope)) : undefined;
      pending?.catch(() => undefined);
      const run = envelope.objects.map((value): BundleElement => ({ index: index++, value }));
      if (run.length) yield run;
    }
  }

  return { elements: pages(), lastAdded: () => lastAdded };
}
