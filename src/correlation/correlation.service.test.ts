import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';
import type { Audience } from '../protection/release-policy.js';
import { CorrelationService } from './correlation.service.js';
import { objectObservables } from './observables/extract.js';

const ANALYST: Audience = { kind: 'user', name: 'analyst', role: 'analyst', authorityRef: null };
const PEER_RU: Audience = { kind: 'peer', party: 'RU' };
const T = '2026-11-20T10:00:00.000Z';

const ip = (value: string) => ({
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: `ipv4-addr--${randomUUID()}`,
  value,
});
const observed = (refs: string[]) => ({
  type: 'observed-data',
  spec_version: '2.1',
  id: `observed-data--${randomUUID()}`,
  created: T,
  modified: T,
  first_observed: T,
  last_observed: T,
  number_observed: 1,
  object_refs: refs,
});
const report = (refs: string[], name: string) => ({
  type: 'report',
  spec_version: '2.1',
  id: `report--${randomUUID()}`,
  created: T,
  modified: T,
  name,
  published: T,
  report_types: ['threat-report'],
  object_refs: refs,
});
const ioc = (pattern: string, extra: Record<string, unknown> = {}) =>
  indicator({ pattern, name: `IOC ${pattern}`, ...extra });

describe.each(dialects)('correlation on %s', (dialect) => {
  let node: TestNode;
  let correlation: CorrelationService;
  let ingest: (objects: unknown[], origin: string | null) => Promise<void>;

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    const { services } = node;
    correlation = services.analysis.correlation;
    const intel = await services.collections.byAlias('intel');
    const inbox = await services.collections.byAlias('inbox-RU');
    ingest = async (objects, origin) => {
      const collectionId = origin === 'RU' ? inbox.id : intel.id;
      const outcomes = await services.ingest.ingestObjects(objects, { collectionId, originParty: origin });
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused.map((o) => o.reason?.text('en') ?? o.issues)).toEqual([]);
    };
  });
  afterAll(async () => node?.close());

  it('links a Russian report and a Chinese incident that share an address', async () => {
    const ruIndicator = ioc(
      "[ipv4-addr:value = '185.220.101.7'] OR [domain-name:value = 'update.apt-sample.cn']",
    );
    const ruReport = report([ruIndicator.id as string], 'Отчёт о кампании');
    await ingest([ruIndicator, ruReport], 'RU');
    const sco = ip('185.220.101.7');
    const cnObserved = observed([sco.id]);
    await ingest([sco, cnObserved], null);

    const result = await correlation.objectCorrelations('system', ANALYST, cnObserved.id);
    const related = result.related.map((r) => [r.id, r.origin]);
    expect(related).toEqual(
      expect.arrayContaining([
        [ruIndicator.id, 'RU'],
        [ruReport.id, 'RU'],
        [sco.id, null],
      ]),
    );
    expect(result.related.find((r) => r.id === ruIndicator.id)?.shared).toEqual([
      { kind: 'ipv4-addr', value: '185.220.101.7', relation: 'same' },
    ]);
    expect(result.values).toEqual([
      expect.objectContaining({
        kind: 'ipv4-addr',
        value: '185.220.101.7',
        tooCommon: false,
        warninglists: [],
      }),
    ]);

    // The other way round, from the report: its members' values find the Chinese objects.
    const fromReport = await correlation.objectCorrelations('system', ANALYST, ruReport.id);
    expect(fromReport.related.map((r) => r.id)).toEqual(expect.arrayContaining([cnObserved.id, sco.id]));
    expect(fromReport.values.map((v) => v.value)).toEqual(['185.220.101.7', 'update.apt-sample.cn']);
  });

  it('reads the values of an early warning (any object with related_refs) from its related objects', () => {
    const warned = ioc("[url:value = 'http://warn-sample.cn/payload.bin']");
    const warning = {
      type: 'accord-early-warning',
      id: `accord-early-warning--${randomUUID()}`,
      related_refs: [warned.id],
      name: 'x',
    };
    const values = objectObservables(warning, (id) => (id === warned.id ? warned : undefined));
    expect(values).toEqual([{ kind: 'url', value: 'http://warn-sample.cn/payload.bin' }]);
  });

  it('answers by value, case and IDNA aside, and finds blocks for addresses and addresses for blocks', async () => {
    const named = ioc("[domain-name:value = 'Пример-c2.рф']");
    const block = ioc("[ipv4-addr:value ISSUBSET '91.215.40.0/22']");
    const inside = ioc("[ipv4-addr:value = '91.215.42.17']");
    await ingest([named, block, inside], null);
    const byName = await correlation.valueCorrelations('system', ANALYST, 'XN---C2-QDDOYTID.XN--P1AI.');
    expect(byName.related.map((r) => r.id)).toEqual([named.id]);
    const byAddress = await correlation.valueCorrelations('system', ANALYST, '91.215.42.17');
    expect(byAddress.related.map((r) => [r.id, r.shared[0]?.relation, r.shared[0]?.other])).toEqual(
      expect.arrayContaining([
        [inside.id, 'same', undefined],
        [block.id, 'within', '91.215.40.0/22'],
      ]),
    );
    const byBlock = await correlation.valueCorrelations('system', ANALYST, '91.215.40.0/22');
    expect(byBlock.related.map((r) => [r.id, r.shared[0]?.relation, r.shared[0]?.other])).toEqual(
      expect.arrayContaining([
        [block.id, 'same', undefined],
        [inside.id, 'contains', '91.215.42.17'],
      ]),
    );
    await expect(
      correlation.valueCorrelations('system', ANALYST, 'not a value at all'),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('correlates only the latest version, and nothing of a revoked one', async () => {
    const v1 = ioc("[domain-name:value = 'old.versioned-sample.cn']", {
      modified: '2026-11-01T08:00:00.000Z',
    });
    await ingest([v1], null);
    expect(
      (await correlation.valueCorrelations('system', ANALYST, 'old.versioned-sample.cn')).related,
    ).toHaveLength(1);
    await ingest(
      [
        {
          ...v1,
          modified: '2026-11-02T08:00:00.000Z',
          pattern: "[domain-name:value = 'new.versioned-sample.cn']",
        },
      ],
      null,
    );
    expect(
      (await correlation.valueCorrelations('system', ANALYST, 'old.versioned-sample.cn')).related,
    ).toHaveLength(0);
    expect(
      (await correlation.valueCorrelations('system', ANALYST, 'new.versioned-sample.cn')).related,
    ).toHaveLength(1);
    await ingest(
      [
        {
          ...v1,
          modified: '2026-11-03T08:00:00.000Z',
          pattern: "[domain-name:value = 'new.versioned-sample.cn']",
          revoked: true,
        },
      ],
      null,
    );
    expect(
      (await correlation.valueCorrelations('system', ANALYST, 'new.versioned-sample.cn')).related,
    ).toHaveLength(0);
  });

  it('never correlates warninglisted values, and says which list they are on', async () => {
    const a = ioc("[ipv4-addr:value = '8.8.8.8']");
    const b = ioc("[ipv4-addr:value = '8.8.8.8' OR domain-name:value = 'example.com']");
    await ingest([a, b], null);
    const result = await correlation.objectCorrelations('system', ANALYST, b.id as string);
    expect(result.related).toEqual([]);
    expect(result.values.map((v) => [v.value, v.warninglists.map((h) => h.list)])).toEqual([
      ['8.8.8.8', ['public-resolvers']],
      ['example.com', ['documentation']],
    ]);
    expect(correlation.warningsFor(a).map((w) => w.value)).toEqual(['8.8.8.8']);
  });

  it('applies admins’ exclusions: exact values leave the index, patterns apply at once', async () => {
    const a = ioc("[domain-name:value = 'img.cdn-sample.net' OR ipv4-addr:value = '45.153.160.2']");
    const b = ioc("[domain-name:value = 'img.cdn-sample.net' OR ipv4-addr:value = '45.153.160.2']");
    await ingest([a, b], null);
    expect(
      (await correlation.objectCorrelations('system', ANALYST, a.id as string)).related.map((r) => r.id),
    ).toEqual([b.id]);
    const rule = await correlation.addExclusion('system', {
      kind: null,
      pattern: '*.cdn-sample.net',
      note: 'shared CDN',
    });
    const exact = await correlation.addExclusion('system', { kind: 'ipv4-addr', pattern: '45.153.160.2' });
    const after = await correlation.objectCorrelations('system', ANALYST, a.id as string);
    expect(after.related).toEqual([]);
    expect(after.values.map((v) => v.excludedBy?.pattern)).toEqual(['*.cdn-sample.net', '45.153.160.2']);
    const rows = await node.services.database.db
      .selectFrom('correlationEntry')
      .select('seq')
      .where('valueKey', '=', 0x2d99a002)
      .execute();
    expect(rows).toEqual([]);
    expect((await correlation.listExclusions()).map((e) => e.pattern)).toEqual(
      expect.arrayContaining(['*.cdn-sample.net', '45.153.160.2']),
    );
    await correlation.removeExclusion('system', rule.id);
    await correlation.removeExclusion('system', exact.id);
    await expect(correlation.removeExclusion('system', exact.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(correlation.addExclusion('system', { kind: null, pattern: '/([a-/' })).rejects.toMatchObject(
      { code: 'bad-request' },
    );
    await expect(
      correlation.addExclusion('system', { kind: 'ipv4-addr', pattern: 'nope' }),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('stops a value correlating at the over-correlation limit and keeps at most that many rows', async () => {
    const many = Array.from({ length: 6 }, () => ioc("[url:value = 'http://common-sample.cn/gate.php']"));
    await ingest(many, null);
    const small = new CorrelationService({
      database: node.services.database,
      release: node.services.release,
      audit: node.services.audit,
      clock: node.services.clock,
      warninglists: node.services.analysis.warninglists,
      options: { limit: 3 },
    });
    await small.rebuild('system');
    const result = await small.valueCorrelations('system', ANALYST, 'http://common-sample.cn/gate.php');
    expect(result.values[0]).toMatchObject({ tooCommon: true, related: 3 });
    expect(result.related).toEqual([]);
    expect((await small.listCommon()).map((c) => c.value)).toContain('http://common-sample.cn/gate.php');
    // A normal limit again (the node's own service) after a rebuild.
    await correlation.rebuild('system');
    expect(
      (await correlation.valueCorrelations('system', ANALYST, 'http://common-sample.cn/gate.php')).related,
    ).toHaveLength(6);
  });

  it('applies the release policy: a peer never learns of objects it may not receive, not even by counts', async () => {
    const local = ioc("[ipv4-addr:value = '194.61.24.9']");
    const fromXX = ioc("[ipv4-addr:value = '194.61.24.9']", { name: 'from a third Party' });
    const intel = await node.services.collections.byAlias('intel');
    await ingest([local], null);
    await node.services.ingest.ingestObjects([fromXX], { collectionId: intel.id, originParty: 'XX' });
    const forAnalyst = await correlation.objectCorrelations('system', ANALYST, local.id as string);
    expect(forAnalyst.related.map((r) => r.id)).toEqual([fromXX.id]);
    const forPeer = await correlation.objectCorrelations('system', PEER_RU, local.id as string);
    expect(forPeer.related).toEqual([]);
    expect(forPeer.values[0]?.related).toBe(0);
    await expect(
      correlation.objectCorrelations('system', PEER_RU, fromXX.id as string),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(
      (await correlation.valueCorrelations('system', PEER_RU, '194.61.24.9')).related.map((r) => r.id),
    ).toEqual([local.id]);
  });

  it('keeps the index small: one row per value and object, two integers each', async () => {
    const bytes = await correlation.indexBytes();
    expect(bytes).toBeGreaterThan(0);
    const rows = await node.services.database.db
      .selectFrom('correlationEntry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(rows?.n)).toBeGreaterThan(10);
  });
});
