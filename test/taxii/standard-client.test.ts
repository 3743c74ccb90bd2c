import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import { readCorpusJson } from '../support/corpora.js';
import type { NodeProcess } from '../support/node-process.js';
import { nodeOn } from '../support/test-processes.js';

/*
 * A TAXII 2.1 session as the OASIS TC's client library (taxii2-client, v21) makes it, which Accord
 * cannot install here (PyPI is out of reach): its URLs (a trailing slash added to every endpoint,
 * API roots resolved against the discovery URL, the status URL derived as `../../status/ID` from
 * the collection's), its headers (Accept `application/taxii+json;version=2.1` on every request,
 * HTTP Basic), its filters (`match[type]=a,b`, `added_after`, `limit`, `next`), its paging loop
 * (`as_pages`: follow `next` while `more`) and the checks it makes of each answer. A server that
 * fails one of these checks makes that client raise, so each is asserted here as the client does it.
 */

const TAXII = 'application/taxii+json;version=2.1';

type Json = Record<string, unknown>;

/** What the client does to every endpoint URL it is given. */
const endpoint = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** The client's Content-Type check: every token of the Accept it sent, spaces removed, and the TAXII type first. */
function acceptsContentType(contentType: string | null, accept: string): boolean {
  const tokens = (value: string) => value.replace(/ /g, '').split(';');
  const got = tokens(contentType ?? '');
  return tokens(accept).every((token) => got.includes(token)) && got[0] === 'application/taxii+json';
}

class StandardClient {
  readonly requests: string[] = [];

  constructor(private readonly user: string, private readonly password: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const basic = Buffer.from(`${this.user}:${this.password}`).toString('base64');
    return { authorization: `Basic ${basic}`, 'user-agent': 'taxii2-client/2.3.0', accept: TAXII, ...extra };
  }

  private static query(url: string, params: Record<string, string | number | undefined>): string {
    const target = new URL(url);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) target.searchParams.append(key, String(value));
    return target.toString();
  }

  async get(url: string, params: Record<string, string | number | undefined> = {}): Promise<Json> {
    const target = StandardClient.query(url, params);
    this.requests.push(`GET ${target}`);
    const response = await fetch(target, { headers: this.headers() });
    if (!response.ok) throw new Error(`GET ${target}: ${response.status} ${await response.text()}`);
    if (!acceptsContentType(response.headers.get('content-type'), TAXII)) throw new Error(`GET ${target}: Content-Type ${String(response.headers.get('content-type'))}`);
    return (await response.json()) as Json;
  }

  async post(url: string, envelope: Json): Promise<Json> {
    const response = await fetch(url, { method: 'POST', headers: this.headers({ 'content-type': TAXII }), body: Buffer.from(JSON.stringify(envelope), 'utf8') });
    if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Json;
  }

  async delete(url: string, params: Record<string, string>): Promise<number> {
    const response = await fetch(StandardClient.query(url, params), { method: 'DELETE', headers: this.headers() });
    if (!response.ok) throw new Error(`DELETE ${url}: ${response.status} ${await response.text()}`);
    return response.status;
  }

  /** `as_pages`: the first page at the limit asked, then `next` while the server says `more`. */
  async *pages(url: string, limit: number, filters: Record<string, string> = {}): AsyncGenerator<Json> {
    let page = await this.get(url, { ...filters, limit });
    yield page;
    while (page.more === true) {
      page = await this.get(url, { ...filters, limit, next: typeof page.next === 'string' ? page.next : '' });
      yield page;
    }
  }
}

/** The client's `_validate_status`: required counts present, lists as long as their counts, counts adding up. */
function checkStatus(status: Json): void {
  for (const field of ['id', 'status', 'total_count', 'success_count', 'failure_count', 'pending_count']) expect(status[field], field).not.toBeUndefined();
  const count = (field: string) => status[field] as number;
  const list = (field: string) => (status[field] as unknown[] | undefined) ?? [];
  if (list('successes').length) expect(list('successes')).toHaveLength(count('success_count'));
  if (list('failures').length) expect(list('failures')).toHaveLength(count('failure_count'));
  if (list('pendings').length) expect(list('pendings')).toHaveLength(count('pending_count'));
  expect(count('success_count') + count('failure_count') + count('pending_count')).toBe(count('total_count'));
}

interface StixObject {
  id: string;
  type: string;
  modified?: string;
  created?: string;
}

describe.each(dialects)('a standard TAXII 2.1 client against a node on %s', (dialect) => {
  let node: NodeProcess;
  let client: StandardClient;
  let collectionUrl: string;
  let root: string;
  const ics = readCorpusJson<{ objects: StixObject[] }>('attack', 'ics-attack-18.1.json');

  beforeAll(async () => {
    node = await nodeOn(dialect, 'CN');
    await node.start();
    client = new StandardClient('admin', await node.token());
  });
  afterAll(async () => {
    await node?.close();
  });

  it('discovers the API root and the intel collection the way the client walks to them', async () => {
    const discoveryUrl = `${node.url}/taxii2/`;
    const discovery = await client.get(discoveryUrl);
    expect(discovery.title).toBeTruthy();
    const roots = (discovery.api_roots as string[]).map((url) => endpoint(new URL(url, discoveryUrl).toString()));
    expect(roots).toContain(endpoint(new URL(discovery.default as string, discoveryUrl).toString()));
    root = roots[0]!;

    const information = await client.get(root);
    expect(information.title).toBeTruthy();
    expect(information.versions).toContain(TAXII);
    expect(information.max_content_length).toBeGreaterThan(4_000_000);

    const { collections } = (await client.get(`${root}collections/`)) as { collections: Array<Json & { id: string }> };
    const intel = collections.find((c) => c.alias === 'intel');
    expect(intel, JSON.stringify(collections)).toMatchObject({ can_read: true, can_write: true });
    // The client refuses a collection without a title or either right.
    for (const c of collections) expect([typeof c.title, typeof c.can_read, typeof c.can_write]).toEqual(['string', 'boolean', 'boolean']);
    collectionUrl = `${root}collections/${intel!.id}/`;
    const collection = await client.get(collectionUrl);
    // The client refuses a collection whose id is not in the URL it used.
    expect(collectionUrl).toContain(collection.id as string);
  });

  it('adds ATT&CK for ICS in one envelope and finds the status where the client looks for it', async () => {
    const status = await client.post(`${collectionUrl}objects/`, { objects: [...ics.objects, { type: 'indicator', id: 'not-an-id' }] });
    checkStatus(status);
    expect(status).toMatchObject({ status: 'complete', total_count: ics.objects.length + 1, success_count: ics.objects.length, failure_count: 1 });

    const statusUrl = endpoint(new URL(`../../status/${String(status.id)}`, collectionUrl).toString());
    expect(statusUrl).toBe(`${root}status/${String(status.id)}/`);
    const again = await client.get(statusUrl);
    checkStatus(again);
    expect(again).toMatchObject({ id: status.id, status: 'complete', success_count: ics.objects.length, failure_count: 1 });
  });

  it('pages through everything with as_pages and gets each object once, at its latest version', async () => {
    const seen = new Map<string, number>();
    let pages = 0;
    for await (const page of client.pages(`${collectionUrl}objects/`, 500, { 'match[type]': 'attack-pattern,malware,x-mitre-tactic,relationship' })) {
      pages += 1;
      const objects = (page.objects as StixObject[] | undefined) ?? [];
      // The client lowers its limit to a page's size when the server sends fewer with more to come.
      if (page.more === true) expect(objects).toHaveLength(500);
      for (const object of objects) seen.set(object.id, (seen.get(object.id) ?? 0) + 1);
    }
    const wanted = new Set(ics.objects.filter((o) => ['attack-pattern', 'malware', 'x-mitre-tactic', 'relationship'].includes(o.type)).map((o) => o.id));
    expect(pages).toBe(Math.ceil(wanted.size / 500));
    expect([...seen.keys()].sort()).toEqual([...wanted].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    const later = await client.get(`${collectionUrl}objects/`, { added_after: new Date(Date.now() + 60_000).toISOString() });
    expect(later.objects ?? []).toEqual([]);
  });

  it('reads one object, its versions and the manifest, and deletes one version', async () => {
    const technique = ics.objects.find((o) => o.type === 'attack-pattern')!;
    const one = await client.get(`${collectionUrl}objects/${technique.id}/`);
    expect((one.objects as StixObject[]).map((o) => o.id)).toEqual([technique.id]);

    const versions = await client.get(`${collectionUrl}objects/${technique.id}/versions/`);
    expect(versions.versions).toHaveLength(1);
    // Accord answers in microseconds; the second is what both forms share.
    expect((versions.versions as string[])[0]!.slice(0, 19)).toBe(technique.modified!.slice(0, 19));

    let listed = 0;
    for await (const page of client.pages(`${collectionUrl}manifest/`, 1000)) {
      for (const entry of (page.objects as Json[] | undefined) ?? []) {
        expect([typeof entry.id, typeof entry.date_added, typeof entry.version]).toEqual(['string', 'string', 'string']);
        listed += 1;
      }
    }
    // The node's own identity is in intel beside what the client added.
    expect(listed).toBeGreaterThanOrEqual(ics.objects.length);

    expect(await client.delete(`${collectionUrl}objects/${technique.id}/`, { 'match[version]': technique.modified! })).toBe(200);
    await expect(client.get(`${collectionUrl}objects/${technique.id}/`)).rejects.toThrow(/404/);
  });
});
