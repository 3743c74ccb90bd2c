import { describe, expect, it } from 'vitest';
import { packBatch, packResults, unpackBatch, unpackResults } from './batch-transfer.js';
import { describeObject } from './describe-object.js';
import { prepareObject, type StixObject } from './object-row.js';
import type { BatchWrite, WriteResult } from './objects.writer.js';

const objects: StixObject[] = [
  {
    type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-11-01T08:00:00.123456Z', modified: '2026-11-02T08:00:00.654321Z',
    name: 'Сервер управления 控制服务器', pattern: "[ipv4-addr:value = '203.0.113.7']", pattern_type: 'stix', valid_from: '2026-11-01T08:00:00Z', revoked: true,
    created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', object_marking_refs: ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'],
    granular_markings: [{ marking_ref: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', selectors: ['name'] }],
  },
  { type: 'ipv4-addr', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' },
];

describe('the hop to the SQLite write thread', () => {
  it('gives the thread every field of every item as the main thread had it, nulls and exact microseconds included', () => {
    const items = objects.map((o) => prepareObject(o, describeObject(o)));
    const batch: BatchWrite = { collectionId: 'c0ffee00-0000-4000-8000-000000000001', originParty: 'RU', nowUs: 1_795_000_000_123_457, items, followed: true };
    const arrived = unpackBatch(structuredClone(packBatch(batch)));
    expect(arrived).toEqual(batch);
    expect(arrived.items[0]?.versionUs).toBe(Date.UTC(2026, 10, 2, 8) * 1000 + 654_321);
    expect(arrived.items[1]).toMatchObject({ createdUs: null, modifiedUs: null, createdByRef: null, markingRefs: null, tlp: null, revoked: 0, hasGranular: 0 });
  });

  it('gives the main thread back each item\'s status, row and date added, or their absence', () => {
    const results: WriteResult[] = [
      { status: 'new', seq: 41, dateAddedUs: 1_795_000_000_000_001 },
      { status: 'duplicate', seq: 7, dateAddedUs: undefined },
      { status: 'conflict', seq: undefined, dateAddedUs: undefined },
    ];
    expect(unpackResults(structuredClone(packResults(results)))).toEqual(results);
  });
});
