import { describe, expect, it } from 'vitest';
import { readCorpusJson } from '../../test/support/corpora.js';
import {
  TLP1_CREATED,
  TLP1_MARKING_IDS,
  TLP2_CREATED,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  tlpLevelOfMarking,
  tlpName,
  tlpOf,
} from './tlp.js';

type Bundle = { objects: Record<string, unknown>[] };

describe('TLP constants', () => {
  it('match the published TLP 2.0 marking-definitions exactly', () => {
    const markings = readCorpusJson<Bundle>('tlp', 'tlp-2.0-marking-definitions.bundle.json').objects.filter(
      (o) => o.type === 'marking-definition',
    );
    const published = markings.map((o) => {
      const ext = (o.extensions as Record<string, { tlp_2_0: string }>)[TLP2_EXTENSION_ID];
      return [ext?.tlp_2_0, o.id, o.name, o.created];
    });
    expect(published).toEqual(
      Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [
        level,
        id,
        tlpName(level as never),
        TLP2_CREATED,
      ]),
    );
  });

  it('match the published TLP 1.0 marking-definitions exactly', () => {
    const markings = readCorpusJson<Bundle>('tlp', 'tlp-1.0-marking-definitions.bundle.json').objects;
    expect(markings.map((o) => [(o.definition as { tlp: string }).tlp, o.id, o.created])).toEqual(
      Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [level, id, TLP1_CREATED]),
    );
  });
});

describe('tlpOf', () => {
  it('maps TLP 1.0 onto 2.0', () => {
    expect(tlpOf([TLP1_MARKING_IDS.white])).toBe('clear');
    expect(tlpOf([TLP1_MARKING_IDS.green])).toBe('green');
    expect(tlpOf([TLP1_MARKING_IDS.amber])).toBe('amber');
    expect(tlpOf([TLP1_MARKING_IDS.red])).toBe('red');
  });

  it('reads TLP 2.0 levels including amber+strict', () => {
    expect(tlpOf([TLP2_MARKING_IDS['amber+strict']])).toBe('amber+strict');
    expect(tlpLevelOfMarking(TLP2_MARKING_IDS.clear)).toBe('clear');
  });

  it('takes the most restrictive of several and ignores other markings', () => {
    const statement = 'marking-definition--6b0c1a3e-1d2f-4a5b-8c6d-000000000001';
    expect(tlpOf([statement, TLP2_MARKING_IDS.green, TLP1_MARKING_IDS.amber, TLP2_MARKING_IDS.clear])).toBe(
      'amber',
    );
    expect(tlpOf([TLP2_MARKING_IDS.red, TLP2_MARKING_IDS['amber+strict']])).toBe('red');
    expect(tlpOf([statement])).toBeUndefined();
    expect(tlpOf([])).toBeUndefined();
  });
});
