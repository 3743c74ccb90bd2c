import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';
import { checkPattern } from '../patterning/patterning.js';
import type { Audience } from '../protection/release-policy.js';
import { createStixValidator } from '../stix/stix-validator.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { MatchingService, type MatchReport } from './matching.service.js';

const ANALYST: Audience = { kind: 'user', name: 'analyst', role: 'analyst', authorityRef: null };
const SHA256 = 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef';
const SHA512 = 'b'.repeat(64) + 'c'.repeat(64);

/** One indicator per observable kind, plus sets, conjunctions, blocks and a LIKE pattern. */
const PATTERNS = {
  ipv4: "[ipv4-addr:value = '185.141.63.120']",
  ipv6: "[ipv6-addr:value = '2a01:4f8:c17:1f0::2']",
  domain: "[domain-name:value = 'update.apt-sample.cn']",
  url: "[url:value = 'http://dl.apt-sample.cn/load/stage2.bin']",
  email: "[email-addr:value = 'hr-dept@mail-sample.ru']",
  md5: "[file:hashes.MD5 = '0cc175b9c0f1b6a831c399e269772661']",
  sha1: "[file:hashes.'SHA-1' = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8']",
  sha256: `[file:hashes.'SHA-256' = '${SHA256}']`,
  sha512: `[file:hashes.'SHA-512' = '${SHA512}']`,
  mutex: "[mutex:name = 'Global\\\\ShadowSync_0x1F']",
  registry:
    "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\\\\updater']",
  asn: '[autonomous-system:number = 48693]',
  mac: "[mac-addr:value = '00:1a:2b:3c:4d:5e']",
  block: "[ipv4-addr:value ISSUBSET '91.215.40.0/22']",
  set: "[domain-name:value IN ('a.set-sample.cn', 'b.set-sample.cn')]",
  both: "[ipv4-addr:value = '77.91.124.1' AND domain-name:value = 'pair-sample.cn']",
  like: "[domain-name:value LIKE '%.like-sample.ru']",
} as const;

type Name = keyof typeof PATTERNS;

describe.each(dialects)('matching on %s', (dialect) => {
  let node: TestNode;
  let matching: MatchingService;
  const ids = {} as Record<Name, string>;
  let ruIndicator: Record<string, unknown>;
  let xxIndicator: Record<string, unknown>;
  let revoked: Record<string, unknown>;

  const match = (
    input: unknown,
    format: 'auto' | 'text' | 'csv' | 'stix' | 'log' = 'auto',
    extra: { record?: boolean; share?: boolean; audience?: Audience } = {},
  ) =>
    matching.match('system', extra.audience ?? ANALYST, {
      input,
      format,
      record: extra.record ?? false,
      share: extra.share ?? false,
    });
  const hitNames = (report: MatchReport) =>
    report.matches.map((m) => Object.entries(ids).find(([, id]) => id === m.id)?.[0] ?? m.id).sort();

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    matching = node.services.analysis.matching;
    const objects = Object.entries(PATTERNS).map(([name, pattern]) => {
      const object = indicator({
        pattern,
        name: `IOC ${name}`,
        object_marking_refs: [TLP2_MARKING_IDS.green],
      });
      ids[name as Name] = object.id as string;
      return object;
    });
    const intel = await node.services.collections.byAlias('intel');
    const inbox = await node.services.collections.byAlias('inbox-RU');
    // Built before the indicators arrive: the ingest listener and catch-up must keep it current.
    await node.services.analysis.matchingIndex.current();
    revoked = indicator({ pattern: "[domain-name:value = 'revoked-sample.cn']", revoked: true });
    const stored = await node.services.ingest.ingestObjects([...objects, revoked], {
      collectionId: intel.id,
      originParty: null,
    });
    expect(stored.filter((o) => o.status === 'rejected')).toEqual([]);
    ruIndicator = indicator({
      pattern: "[domain-name:value = 'ru-shared-sample.ru']",
      name: 'Russian IOC',
      object_marking_refs: [TLP2_MARKING_IDS.amber],
    });
    await node.services.ingest.ingestObjects([ruIndicator], { collectionId: inbox.id, originParty: 'RU' });
    xxIndicator = indicator({ pattern: "[domain-name:value = 'xx-only-sample.org']" });
    await node.services.ingest.ingestObjects([xxIndicator], { collectionId: intel.id, originParty: 'XX' });
  });
  afterAll(async () => node?.close());

  it('matches each observable kind in a plain list, defanged values and case aside', async () => {
    const lines = [
      '185.141.63[.]120',
      '2A01:4F8:C17:1F0:0:0:0:2',
      'UPDATE.apt-sample.cn',
      'hxxp://dl.apt-sample[.]cn/load/stage2.bin',
      'HR-Dept@mail-sample.ru',
      '0CC175B9C0F1B6A831C399E269772661',
      '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8',
      SHA256.toUpperCase(),
      SHA512,
      'AS48693',
      '00-1A-2B-3C-4D-5E',
      '91.215.41.200',
      'b.set-sample.cn',
      '0cc175b9c0f1b6a8ffffffffffffffff',
      'host.like-sample.ru',
      'no-such-value.example-free.org',
      'words that are not a value',
      '# a comment',
    ].join('\n');
    const report = await match(lines, 'text');
    expect(hitNames(report)).toEqual(
      [
        'asn',
        'block',
        'domain',
        'email',
        'ipv4',
        'ipv6',
        'like',
        'mac',
        'md5',
        'set',
        'sha1',
        'sha256',
        'sha512',
        'url',
      ].sort(),
    );
    expect(report.skipped.count).toBe(1);
    expect(report.complexPatterns.evaluated).toBeGreaterThanOrEqual(1);
    const url = report.matches.find((m) => m.id === ids.url);
    expect(url).toMatchObject({
      tlp: 'green',
      origin: null,
      observations: 1,
      observables: [{ kind: 'url', value: 'http://dl.apt-sample.cn/load/stage2.bin', count: 1 }],
    });
    expect(url?.markings).toEqual([TLP2_MARKING_IDS.green]);
  });

  it('reads CSV (MISP-style type,value or any cells) and needs both values of a conjunction in one row', async () => {
    const misp =
      'uuid,type,value,comment\n1,ip-dst,185.141.63.120,c2\n2,regkey,HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater,persistence\n3,mutex,Global\\ShadowSync_0x1F,\n';
    expect(hitNames(await match(misp, 'auto'))).toEqual(['ipv4', 'mutex', 'registry']);
    const pair = await match('ip,domain\n77.91.124.1,pair-sample.cn\n77.91.124.1,other-sample.cn\n', 'csv');
    expect(hitNames(pair)).toEqual(['both']);
    const logCsv = await match(
      'time,host,message\n2026-11-28T09:00:00Z,fw01,"DENY tcp 10.0.0.5 -> 185.141.63.120:443, rule 7"\n2026-11-28T09:00:01Z,fw01,"ALLOW tcp 10.0.0.5 -> 1.2.3.4:80, rule 1"\n',
      'csv',
    );
    expect(hitNames(logCsv)).toEqual(['ipv4']);
    expect(pair.matches[0]?.observations).toBe(1);
    expect(pair.matches[0]?.observables.map((x) => x.value).sort()).toEqual([
      '77.91.124.1',
      'pair-sample.cn',
    ]);
    await expect(match('a,b\n"unterminated,1\n', 'csv')).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/CSV is malformed at line/) as unknown,
    });
  });

  it('extracts IPs, domains, URLs, hashes and e-mail addresses from a log', async () => {
    const log = [
      '2026-11-28T09:14:02Z fw01 DENY tcp 10.0.0.5:51522 -> 185.141.63.120:443',
      'Nov 28 09:14:05 proxy squid[811]: 10.0.0.7 TCP_MISS/200 GET http://dl.apt-sample.cn/load/stage2.bin - DIRECT/91.215.42.17',
      'Nov 28 09:15:11 mail postfix/smtpd[2211]: from=<hr-dept@mail-sample.ru> to=<staff@corp.internal>',
      `av: quarantined C:\\Users\\a\\AppData\\stage2.exe sha256=${SHA256} (trojan)`,
      'dns: query update.apt-sample.cn A from 10.0.0.9; resolver 8.8.8.8',
    ].join('\n');
    const report = await match(log, 'log');
    expect(report.format).toBe('log');
    expect(hitNames(report)).toEqual(['block', 'domain', 'email', 'ipv4', 'sha256', 'url']);
    expect(report.warninglisted.map((w) => [w.value, w.warninglists.map((h) => h.list)])).toEqual(
      expect.arrayContaining([
        ['8.8.8.8', ['public-resolvers']],
        ['10.0.0.5', ['private-and-special']],
      ]),
    );
  });

  it('matches STIX observed-data and lone SCOs, taking times from the observation', async () => {
    const sco = {
      type: 'domain-name',
      spec_version: '2.1',
      id: `domain-name--${randomUUID()}`,
      value: 'update.apt-sample.cn',
    };
    const file = {
      type: 'file',
      spec_version: '2.1',
      id: `file--${randomUUID()}`,
      hashes: { MD5: '0cc175b9c0f1b6a831c399e269772661' },
    };
    const od = {
      type: 'observed-data',
      spec_version: '2.1',
      id: `observed-data--${randomUUID()}`,
      created: '2026-11-27T00:00:00.000Z',
      modified: '2026-11-27T00:00:00.000Z',
      first_observed: '2026-11-27T01:00:00Z',
      last_observed: '2026-11-27T02:00:00Z',
      number_observed: 3,
      object_refs: [sco.id],
    };
    const report = await match(
      { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [od, sco, file] },
      'auto',
    );
    expect(report.format).toBe('stix');
    expect(hitNames(report)).toEqual(['domain', 'md5']);
    expect(report.matches.find((m) => m.id === ids.domain)).toMatchObject({
      firstSeen: '2026-11-27T01:00:00Z',
      lastSeen: '2026-11-27T02:00:00Z',
    });
    await expect(match('{"type": "bundle", "objects": [', 'stix')).rejects.toMatchObject({
      code: 'malformed-json',
    });
  });

  it('never reports an indicator the audience may not see, nor a revoked one', async () => {
    const text = 'xx-only-sample.org\nru-shared-sample.ru\nrevoked-sample.cn\nupdate.apt-sample.cn';
    const forAnalyst = await match(text, 'text');
    expect(forAnalyst.matches.map((m) => m.id).sort()).toEqual(
      [ids.domain, ruIndicator.id, xxIndicator.id].sort(),
    );
    const forPeer = await match(text, 'text', { audience: { kind: 'peer', party: 'RU' } });
    expect(forPeer.matches.map((m) => m.id)).toEqual([ids.domain]);
  });

  it('follows new versions of indicators', async () => {
    const v1 = indicator({
      pattern: "[domain-name:value = 'moving-sample.cn']",
      modified: '2026-11-01T08:00:00.000Z',
    });
    const intel = await node.services.collections.byAlias('intel');
    await node.services.ingest.ingestObjects([v1], { collectionId: intel.id, originParty: null });
    expect((await match('moving-sample.cn', 'text')).matches.map((m) => m.id)).toEqual([v1.id]);
    await node.services.ingest.ingestObjects(
      [{ ...v1, modified: '2026-11-05T08:00:00.000Z', pattern: "[domain-name:value = 'moved-sample.cn']" }],
      { collectionId: intel.id, originParty: null },
    );
    expect((await match('moving-sample.cn', 'text')).matches).toEqual([]);
    expect((await match('moved-sample.cn', 'text')).matches.map((m) => m.id)).toEqual([v1.id]);
  });

  it('records hits as valid STIX sightings in intel and shares them with the originator', async () => {
    const report = await match('update.apt-sample.cn\nupdate.apt-sample.cn\nru-shared-sample.ru', 'text', {
      record: true,
      share: true,
    });
    const validator = createStixValidator({ checkPattern: (p) => checkPattern(p) });
    const db = node.services.database.db;
    for (const m of report.matches) {
      expect(m.sighting?.status).toBe('new');
      const row = await db
        .selectFrom('stixObject')
        .select('body')
        .where('id', '=', m.sighting?.id ?? '')
        .executeTakeFirstOrThrow();
      const sighting = JSON.parse(row.body) as Record<string, unknown>;
      expect(validator.validateObject(sighting).issues.filter((i) => i.severity !== 'warning')).toEqual([]);
      expect(sighting).toMatchObject({ type: 'sighting', sighting_of_ref: m.id, count: m.observations });
      expect(sighting.object_marking_refs).toEqual(m.markings);
    }
    const local = report.matches.find((m) => m.id === ids.domain);
    expect(local?.observations).toBe(2);
    expect(local?.sighting?.sharedWith).toBeUndefined();
    const ru = report.matches.find((m) => m.id === ruIndicator.id);
    expect(ru?.sighting?.sharedWith).toBe('RU');
    const outbox = await node.services.collections.byAlias('outbox-RU');
    const inOutbox = await db
      .selectFrom('collectionObject')
      .select('objectId')
      .where('collectionId', '=', outbox.id)
      .execute();
    expect(inOutbox.map((r) => r.objectId)).toEqual([ru?.sighting?.id]);
  });

  it('refuses empty and oversized submissions with clear errors', async () => {
    await expect(match('   \n ', 'auto')).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/empty/) as unknown,
    });
    await expect(match({ type: 'bundle', objects: [] }, 'stix')).rejects.toMatchObject({
      code: 'bad-request',
    });
    const small = new MatchingService({
      database: node.services.database,
      index: node.services.analysis.matchingIndex,
      release: node.services.release,
      audit: node.services.audit,
      clock: node.services.clock,
      ingest: node.services.ingest,
      collections: node.services.collections,
      warninglists: node.services.analysis.warninglists,
      authorityRef: () => Promise.resolve(undefined),
      limits: { maxBytes: 1000, maxObservations: 10 },
    });
    const run = (input: string) =>
      small.match('system', ANALYST, { input, format: 'text', record: false, share: false });
    await expect(run('x'.repeat(1001))).rejects.toMatchObject({ code: 'payload-too-large' });
    await expect(run(Array.from({ length: 11 }, (_, i) => `10.1.1.${i}`).join('\n'))).rejects.toMatchObject({
      code: 'payload-too-large',
    });
  });
});
