/** The validator with the patterning module's grammar check plugged in, as the ingest pipeline does. */
import { describe, expect, it } from 'vitest';
import { readCorpusJson } from '../../test/support/corpora.js';
import { checkIndicatorPattern } from '../patterning/patterning.js';
import { fixture } from './stix-fixtures.testkit.js';
import { createStixValidator } from './stix-validator.js';

interface PatternCorpus {
  v21: { valid_spec_examples: string[]; fail_cases: { pattern: string }[] };
}

const corpus = readCorpusJson<PatternCorpus>(
  'stix-patterns',
  'stix-patterns-from-cti-pattern-validator.json',
).v21;
const validator = createStixValidator({
  checkPattern: checkIndicatorPattern,
});
const indicator = (pattern: string, patternType = 'stix') => ({
  ...fixture('indicator'),
  pattern,
  pattern_type: patternType,
});

describe('indicators with the STIX pattern grammar plugged in', () => {
  it.each(corpus.valid_spec_examples)('accepts %s', (pattern) => {
    expect(validator.validateObject(indicator(pattern)).issues).toEqual([]);
  });

  it.each(corpus.fail_cases.map((c) => c.pattern))('rejects %s at /pattern', (pattern) => {
    const result = validator.validateObject(indicator(pattern));
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ path: '/pattern', rule: 'pattern-syntax', severity: 'error' }),
    ]);
  });

  it('leaves other pattern languages to their own tools', () => {
    expect(validator.validateObject(indicator('alert tcp any any -> any 80 (msg:"x";)', 'snort')).valid).toBe(
      true,
    );
  });
});
