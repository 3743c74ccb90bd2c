import { describe, expect, it } from 'vitest';
import { loadProfile } from './profile.loader.js';
import { equivalentLevel, exceedsNodeCeiling, findLevel, findParty, findProvision, nodeCeilingLevel } from './profile.lookup.js';

const cnRu = loadProfile('cn-ru-2015');
const multi = loadProfile('test-multilateral');

describe('profile lookups', () => {
  it('finds provisions and parties by their codes', () => {
    expect(findProvision(cnRu, 'art-5.4')?.text.zh).toContain('磋商');
    expect(findProvision(cnRu, 'art-10')).toBeUndefined();
    expect(findParty(cnRu, 'RU')?.timeZone).toBe('Europe/Moscow');
    expect(findParty(cnRu, 'XA')).toBeUndefined();
  });

  it('maps each Party’s levels onto the other’s', () => {
    expect(equivalentLevel(cnRu, 'CN', 'cn-jimi', 'RU')?.code).toBe('ru-sovsekretno');
    expect(equivalentLevel(cnRu, 'RU', 'ru-osoboy-vazhnosti', 'CN')?.code).toBe('cn-juemi');
    expect(equivalentLevel(cnRu, 'RU', 'ru-dsp', 'CN')?.code).toBe('cn-neibu');
    expect(equivalentLevel(cnRu, 'CN', 'cn-unknown', 'RU')).toBeUndefined();
    expect(equivalentLevel(multi, 'XC', 'xc-secret', 'XB')?.code).toBe('xb-secret');
    // XB's top secret has no counterpart in the other schemes.
    expect(equivalentLevel(multi, 'XB', 'xb-top-secret', 'XA')).toBeUndefined();
    expect(findLevel(multi, 'XB', 'xb-top-secret')?.rank).toBe(3);
  });

  it('lets a node hold the lowest restricted level and nothing above it', () => {
    expect(nodeCeilingLevel(cnRu, 'CN')?.code).toBe('cn-neibu');
    expect(nodeCeilingLevel(cnRu, 'RU')?.code).toBe('ru-dsp');
    expect(exceedsNodeCeiling(cnRu, 'RU', 'ru-dsp')).toBe(false);
    expect(exceedsNodeCeiling(cnRu, 'RU', 'ru-sekretno')).toBe(true);
    expect(exceedsNodeCeiling(cnRu, 'CN', 'cn-mimi')).toBe(true);
    expect(exceedsNodeCeiling(cnRu, 'CN', 'made-up')).toBe(true);
  });

  it('lets a node hold no nationally restricted level when the ceiling is unclassified', () => {
    expect(nodeCeilingLevel(multi, 'XA')).toBeUndefined();
    expect(exceedsNodeCeiling(multi, 'XA', 'xa-restricted')).toBe(true);
  });
});
