import { describe, expect, it } from 'vitest';
import { readCorpusJson } from '../../test/support/corpora.js';
import { compiledSchemaCount } from './schema-compiler.js';
import { compileStixSchemas, createStixValidator } from './stix-validator.js';

describe('compiling the validators ahead of use', () => {
  it('compiles every schema one per turn, after which a real ATT&CK bundle compiles nothing more and still validates', async () => {
    let pauses = 0;
    const compiled = await compileStixSchemas(async () => {
      pauses++;
    });
    // The spec's 40-odd types, custom objects of both kinds and the bundle envelope.
    expect(compiled).toBeGreaterThan(40);
    expect(pauses).toBe(compiled);
    const before = compiledSchemaCount();
    expect(before).toBeGreaterThanOrEqual(compiled);

    const validator = createStixValidator();
    const { objects } = readCorpusJson<{ objects: unknown[] }>('attack', 'ics-attack-18.1.json');
    const invalid = objects.filter((o) => !validator.validateObject(o).valid);
    expect(objects.length).toBeGreaterThan(1000);
    expect(invalid).toEqual([]);
    expect(compiledSchemaCount()).toBe(before);
  });
});
