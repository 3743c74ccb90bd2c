import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { indicator, malware } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../stix/tlp.js';
import type { ConsentLookup } from './consent-lookup.js';
import { applyGranularMarkings } from './granular.js';
import { restrictionMarking, restrictionMarkingId, restrictionLevels } from './national-restriction.js';
import { decideRelease, type Audience, type ReleaseFacts } from './release-policy.js';
import { ReleaseService } from './release.service.js';
import type { AuditService } from '../audit/audit.service.js';

const NEIBU = restrictionMarkingId('CN', 'cn-neibu');
const MIMI = restrictionMarkingId('CN', 'cn-mimi');
const tlp = (level: TlpLevel) => TLP2_MARKING_IDS[level];

const audienceArb: fc.Arbitrary<Audience> = fc.oneof(
  fc.constantFrom<Audience>({ kind: 'peer', party: 'RU' }, { kind: 'peer', party: 'CN' }, { kind: 'public' }),
  // A blank name is no audience: the export refuses it as bad input (found by this property in CI).
  fc.string({ minLength: 1, maxLength: 12 }).filter((name) => name.trim().length > 0).map((name): Audience => ({ kind: 'third-party', name })),
);

describe('the release policy as a function', () => {
  const factsArb: fc.Arbitrary<ReleaseFacts> = fc.record({
    id: fc.uuid().map((u) => `indicator--${u}`),
    type: fc.constant('indicator'),
    tlp: fc.constantFrom<TlpLevel | null>('clear', 'green', 'amber', 'amber+strict', 'red', null),
    originParty: fc.constantFrom<string | null>(null, 'RU', 'CN'),
    markingRefs: fc.subarray([NEIBU, tlp('green')]),
    hasGranular: fc.constant(false),
  });
  const context = { restrictionMarkings: new Set([NEIBU, MIMI]) };

  it('never lets what a Party provided leave the agreement without a consent, whatever its TLP', () => {
    fc.assert(fc.property(factsArb, audienceArb, (facts, audience) => {
      const decision = decideRelease(facts, audience, context);
      if (facts.originParty !== null && (audience.kind === 'third-party' || audience.kind === 'public')) expect(decision.allow).toBe(false);
      if (facts.tlp === 'red' && audience.kind !== 'user') expect(decision.allow).toBe(false);
      if (audience.kind === 'public' && facts.tlp !== 'clear') expect(decision.allow).toBe(false);
      if (facts.markingRefs.includes(NEIBU) && (audience.kind === 'public' || audience.kind === 'third-party')) expect(decision.allow).toBe(false);
      if (audience.kind === 'peer' && facts.originParty === audience.party) expect(decision.allow).toBe(false);
    }));
  });

  it('sends TLP:RED to the Parties an object names as recipients and to no one else', () => {
    fc.assert(fc.property(factsArb, fc.subarray(['CN', 'RU']), audienceArb, (facts, recipients, audience) => {
      const decision = decideRelease({ ...facts, tlp: 'red', recipients }, audience, context);
      if (audience.kind !== 'peer' || !recipients.includes(audience.party)) expect(decision.allow).toBe(false);
      if (audience.kind === 'peer' && recipients.includes(audience.party) && facts.originParty === null) expect(decision.allow).toBe(true);
    }));
  });

  it('releases under a consent only what the rules deny for want of one, and cites it', () => {
    fc.assert(fc.property(factsArb, audienceArb, (facts, audience) => {
      const without = decideRelease(facts, audience, context);
      const withConsent = decideRelease(facts, audience, { ...context, consentId: 'consent--1' });
      if (without.allow) expect(withConsent.allow).toBe(true);
      if (!without.allow && without.rule !== 'originator-consent-required') expect(withConsent.allow).toBe(false);
      if (withConsent.allow && !without.allow) expect(withConsent.consentId).toBe('consent--1');
    }));
  });

  it('withholds a property under a granular marking the audience may not have, and the whole object when it is essential', () => {
    const facts: ReleaseFacts = { id: 'indicator--x', type: 'indicator', tlp: 'green', originParty: null, markingRefs: [tlp('green')], hasGranular: true };
    const object: Record<string, unknown> = { ...indicator(), object_marking_refs: [tlp('green')], external_references: [{ source_name: 'a', url: 'https://a.example' }, { source_name: 'b', url: 'https://b.example' }],
      granular_markings: [{ marking_ref: tlp('red'), selectors: ['description', 'external_references.[0]'] }, { marking_ref: tlp('green'), selectors: ['name'] }] };
    const out = applyGranularMarkings(object, facts, { kind: 'peer', party: 'RU' }, (f, a) => decideRelease(f, a));
    expect(out.kind).toBe('whole');
    if (out.kind !== 'whole') return;
    expect(out.object.description).toBeUndefined();
    expect(out.object.name).toBe(object.name);
    expect(out.object.external_references).toEqual([{ source_name: 'b', url: 'https://b.example' }]);
    expect(out.object.granular_markings).toEqual([{ marking_ref: tlp('green'), selectors: ['name'] }]);
    expect(object.description).toBeDefined();
    const user = applyGranularMarkings(object, facts, { kind: 'user', name: 'u', role: 'reader', authorityRef: null }, (f, a) => decideRelease(f, a));
    expect(user.kind === 'whole' && user.object).toBe(object);
    const essential = applyGranularMarkings({ ...object, granular_markings: [{ marking_ref: tlp('red'), selectors: ['pattern'] }] }, facts, { kind: 'peer', party: 'RU' }, (f, a) => decideRelease(f, a));
    expect(essential).toEqual({ kind: 'withheld', rule: 'granular-marking-on-pattern' });
  });
});

describe('the release service', () => {
  it('decides for callers outside it only once the consent index has caught up, so a withdrawal a moment ago holds', async () => {
    const facts: ReleaseFacts = { id: 'indicator--6f1a7c8e-0d57-4b0e-9f7e-2a7f0b1c3d4e', type: 'indicator', tlp: 'green', originParty: 'RU', markingRefs: [tlp('green')], hasGranular: false };
    const audience: Audience = { kind: 'third-party', name: 'KZ-CERT' };
    // An index that, like the consent domain's, takes in a stored decision a moment after it is stored.
    let live = true;
    let stored = true;
    const lagging: ConsentLookup = {
      find: (id) => (live && id === facts.id ? { consentId: 'consent--granted-by-ru', expires: null } : null),
      settled: () => new Promise((resolve) => setTimeout(() => { live = stored; resolve(); }, 5)),
    };
    // Nothing here writes to the audit log: deciding does not audit.
    const release = new ReleaseService(undefined as unknown as AuditService);
    release.useConsents(lagging);
    expect((await release.decider())(facts, audience)).toMatchObject({ allow: true, consentId: 'consent--granted-by-ru' });
    stored = false; // RU withdraws its consent
    expect(release.decide(facts, audience).allow).toBe(true); // what a caller reading the index at once would have released
    expect((await release.decider())(facts, audience)).toMatchObject({ allow: false, rule: 'originator-consent-required' });
  });
});

describe.each(dialects)('information protection at the exits of a node on %s', (dialect) => {
  let node: TestNode;
  const consents = new Map<string, string>();
  const lookup: ConsentLookup = { find: (id, audience) => {
    const key = `${id}|${audience.kind === 'third-party' ? audience.name : audience.kind}`;
    const consentId = consents.get(key);
    return consentId ? { consentId, expires: null } : null;
  }, settled: () => Promise.resolve() };
  const post = async (objects: unknown[], collection = 'intel') =>
    node.app.inject({ method: 'POST', url: `/api/v1/objects?collection=${collection}`, headers: { authorization: `Bearer ${await node.token('analyst')}`, 'accept-language': 'en' }, payload: objects as unknown as Record<string, unknown> });
  const exportFor = async (audience: string) => {
    const response = await node.app.inject({ method: 'GET', url: `/api/v1/export?for=${encodeURIComponent(audience)}`, headers: { authorization: `Bearer ${await node.token('admin')}` } });
    expect(response.statusCode).toBe(200);
    return response.json<{ objects: Array<Record<string, unknown>> }>().objects;
  };
  const fromRu = async (objects: unknown[]) => {
    const inbox = await node.services.collections.byAlias('inbox-RU');
    return node.services.ingest.ingestObjects(objects, { collectionId: inbox.id, originParty: 'RU', actor: 'system' });
  };

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    node.services.release.useConsents(lookup);
  });
  afterAll(async () => node?.close());

  it('refuses objects above the accreditation ceiling at ingest, through the API and TAXII, storing nothing', async () => {
    const levels = restrictionLevels(node.services.profile);
    const secret: Record<string, unknown> = { ...malware({ name: 'State-secret probe' }), object_marking_refs: [MIMI] };
    const refused = await post([secret]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ detail: string }>().detail).toMatch(/accreditation ceiling/);
    const secretDefinition = restrictionMarking([...levels.values()].find((l) => l.level === 'ru-osoboy-vazhnosti') ?? [...levels.values()][0]!);
    const taxii = await node.app.inject({
      method: 'POST', url: '/taxii2/cn-ru-2015/collections/intel/objects/',
      headers: { authorization: `Bearer ${await node.token('analyst')}`, accept: 'application/taxii+json;version=2.1', 'content-type': 'application/taxii+json;version=2.1' },
      payload: JSON.stringify({ objects: [secretDefinition, { ...indicator(), object_marking_refs: [secretDefinition.id] }] }),
    });
    expect(taxii.json<{ failure_count: number }>().failure_count).toBe(2);
    const found = await node.app.inject({ method: 'GET', url: '/api/v1/objects?q=State-secret%20probe', headers: { authorization: `Bearer ${await node.token('reader')}` } });
    expect(found.json<{ total: number }>().total).toBe(0);
    const neibu = await post([restrictionMarking(levels.get(NEIBU)!), { ...malware({ name: 'Internal-use probe' }), object_marking_refs: [NEIBU] }]);
    expect(neibu.statusCode).toBe(200);
  });

  it('sends RED, AMBER+STRICT, restricted-by-law and consented objects exactly where they may go', async () => {
    const red: Record<string, unknown> = { ...malware(), object_marking_refs: [tlp('red')] };
    const strict: Record<string, unknown> = { ...malware(), object_marking_refs: [tlp('amber+strict')] };
    const green: Record<string, unknown> = { ...malware(), object_marking_refs: [tlp('green')] };
    const clear: Record<string, unknown> = { ...malware(), object_marking_refs: [tlp('clear')] };
    const restricted: Record<string, unknown> = { ...malware(), object_marking_refs: [tlp('clear'), NEIBU] };
    await post([red, strict, green, clear, restricted]);
    const ruClear: Record<string, unknown> = { ...indicator(), object_marking_refs: [tlp('clear')] };
    const ruGreen: Record<string, unknown> = { ...indicator(), object_marking_refs: [tlp('green')] };
    await fromRu([ruClear, ruGreen]);
    consents.set(`${String(ruGreen.id)}|KZ-CERT`, 'consent--granted-by-ru');

    const ids = (objects: Array<Record<string, unknown>>) => new Set(objects.map((o) => o.id));
    const toRu = ids(await exportFor('RU'));
    const toKz = ids(await exportFor('third-party:KZ-CERT'));
    const toOther = ids(await exportFor('third-party:Other CERT'));
    const toPublic = ids(await exportFor('public'));
    const where = (id: unknown) => [toRu.has(id) && 'RU', toKz.has(id) && 'KZ', toOther.has(id) && 'other', toPublic.has(id) && 'public'].filter(Boolean);
    expect(where(red.id)).toEqual([]);
    expect(where(strict.id)).toEqual(['RU']);
    expect(where(green.id)).toEqual(['RU', 'KZ', 'other']);
    expect(where(clear.id)).toEqual(['RU', 'KZ', 'other', 'public']);
    expect(where(restricted.id)).toEqual(['RU']);
    expect(where(ruClear.id)).toEqual([]);
    expect(where(ruGreen.id)).toEqual(['KZ']);

    const audit = await node.app.inject({ method: 'GET', url: '/api/v1/audit?action=release.&limit=500', headers: { authorization: `Bearer ${await node.token('admin')}` } });
    const events = audit.json<{ events: Array<{ action: string; targetId: string; detail: { rule?: string; consent?: string; audience?: string } }> }>().events;
    expect(events.find((e) => e.action === 'release.consented' && e.targetId === ruGreen.id)?.detail.consent).toBe('consent--granted-by-ru');
    expect(events.find((e) => e.action === 'release.denied' && e.targetId === restricted.id && e.detail.audience === 'public')?.detail.rule).toBe('national-restriction');
    expect(events.find((e) => e.action === 'release.denied' && e.targetId === ruClear.id && e.detail.audience === 'public')?.detail.rule).toBe('originator-consent-required');

    consents.clear();
    expect(ids(await exportFor('third-party:KZ-CERT')).has(ruGreen.id)).toBe(false);
  });

  it('sends a TLP:RED warning to its addressee, and refuses to share a TLP:RED object with anyone', async () => {
    const headers = { authorization: `Bearer ${await node.token('analyst')}`, 'accept-language': 'en' };
    const warning = await node.app.inject({ method: 'POST', url: '/api/v1/warnings', headers, payload: { title: 'Named recipients only', severity: 'high', threatCategory: 'crime', addressees: ['RU'], tlp: 'red', send: true } });
    expect(warning.statusCode).toBe(201);
    expect(warning.json<{ state: string }>().state).toBe('sent');
    const red = await post([{ ...indicator(), object_marking_refs: [tlp('red')] }], 'outbox-RU');
    expect(red.statusCode).toBe(422);
    expect(red.json<{ detail: string }>().detail).toMatch(/tlp-red/);
  });

  it('withholds granular-marked properties from peers reading over TAXII and from exports, not from users here', async () => {
    const object: Record<string, unknown> = { ...malware({ description: 'Attribution detail for named recipients only' }), object_marking_refs: [tlp('green')],
      granular_markings: [{ marking_ref: tlp('red'), selectors: ['description'] }] };
    await post([object]);
    const exported = (await exportFor('RU')).find((o) => o.id === object.id);
    expect(exported?.name).toBe(object.name);
    expect(exported?.description).toBeUndefined();
    const mine = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${String(object.id)}`, headers: { authorization: `Bearer ${await node.token('reader')}` } });
    expect(mine.json<{ object: { description: string } }>().object.description).toBe(object.description);
    const audit = await node.app.inject({ method: 'GET', url: '/api/v1/audit?action=release.redacted&limit=50', headers: { authorization: `Bearer ${await node.token('admin')}` } });
    expect(JSON.stringify(audit.json())).toContain(String(object.id));
  });

  it('holds every exit to the policy for generated objects and audiences (exports as the property)', async () => {
    const markings = fc.constantFrom<TlpLevel>('clear', 'green', 'amber', 'amber+strict', 'red');
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ level: markings, foreign: fc.boolean(), restricted: fc.boolean() }), { minLength: 1, maxLength: 8 }), audienceArb, async (specs, audience) => {
      const local: Array<Record<string, unknown>> = [];
      const foreign: Array<Record<string, unknown>> = [];
      for (const spec of specs) (spec.foreign ? foreign : local).push({ ...indicator(), object_marking_refs: [tlp(spec.level), ...(spec.restricted && !spec.foreign ? [NEIBU] : [])] });
      if (local.length) await post(local);
      if (foreign.length) await fromRu(foreign);
      const name = audience.kind === 'peer' ? audience.party : audience.kind === 'public' ? 'public' : `third-party:${audience.name}`;
      const response = await node.app.inject({ method: 'GET', url: `/api/v1/export?for=${encodeURIComponent(name)}`, headers: { authorization: `Bearer ${await node.token('admin')}` } });
      expect(response.statusCode, response.body).toBe(200);
      const out = new Set(response.json<{ objects: Array<{ id: string }> }>().objects.map((o) => o.id));
      const restrictionMarkings = new Set(restrictionLevels(node.services.profile).keys());
      for (const object of [...local, ...foreign]) {
        const refs = object.object_marking_refs as string[];
        const facts: ReleaseFacts = { id: object.id as string, type: 'indicator', tlp: (Object.entries(TLP2_MARKING_IDS).find(([, v]) => refs.includes(v))?.[0] ?? null), originParty: foreign.includes(object) ? 'RU' : null, markingRefs: refs, hasGranular: false };
        expect(out.has(object.id as string), `${name} ${JSON.stringify(facts)}`).toBe(decideRelease(facts, audience, { restrictionMarkings }).allow);
      }
    }), { numRuns: 15 });
  });
});
