import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, repoRoot } from '../../test/support/corpora.js';
import { packageScratch } from '../../test/support/package-scratch.js';
import { compileSchema } from './schema-compiler.js';
import { prebuiltStixValidators, stixSchemas, writePrebuiltStixValidators } from './stix-validators.prebuilt.js';
import { customObservable, customVersioned, specType } from './type-registry.js';

type StixLike = Record<string, unknown>;

/** Every object of the OASIS example bundles and of both ATT&CK bundles: real data none of us wrote. */
function corpusObjects(): StixLike[] {
  const examples = corpusPath('stix2-json-schemas', 'examples');
  const files = [
    ...readdirSync(examples).filter((f) => f.endsWith('.json')).map((f) => join(examples, f)),
    corpusPath('attack', 'ics-attack-18.1.json'),
    corpusPath('attack', 'mobile-attack-17.1.json'),
  ];
  return files.flatMap((file) => {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { objects?: StixLike[] } & StixLike;
    return Array.isArray(value.objects) ? value.objects : [value];
  });
}

/** Objects broken the ways schemas catch: a missing property, a wrong type, bad formats, an unknown enum value. */
function broken(objects: readonly StixLike[]): StixLike[] {
  const pick = (type: string) => objects.find((o) => o.type === type) ?? {};
  return [
    { ...pick('attack-pattern'), created: undefined },
    { ...pick('attack-pattern'), name: 42 },
    { ...pick('malware'), modified: '2026-13-01T00:00:00Z' },
    { ...pick('identity'), id: 'identity--not-a-uuid' },
    { ...pick('relationship'), relationship_type: ['uses'] },
    { ...pick('x-mitre-tactic'), created: 'yesterday' },
    { type: 'file', id: 'file--1e4b0d5c-8a8b-4f6b-9a3e-2d8f0f1f0c11', hashes: { 'SHA-256': 'not hex' } },
    { type: 'ipv4-addr', id: 'ipv4-addr--1e4b0d5c-8a8b-4f6b-9a3e-2d8f0f1f0c11', value: '999.1.1.1' },
  ].map((o) => JSON.parse(JSON.stringify(o)) as StixLike);
}

function schemaOf(object: StixLike) {
  const type = typeof object.type === 'string' ? object.type : '';
  return (specType(type) ?? (object.created === undefined ? customObservable : customVersioned)).schema;
}

function verdict(validate: ValidateFunction, data: unknown) {
  return { valid: validate(data), errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`) };
}

describe('the STIX validators the build compiles', () => {
  const built = join(repoRoot, 'dist', 'src', 'stix');
  const scratch = packageScratch('stix-validators-');
  afterAll(() => scratch.clean());

  it('are there after the build, one for every schema, compiled from these schemas', () => {
    const prebuilt = prebuiltStixValidators(built);
    expect([...(prebuilt?.keys() ?? [])]).toEqual(stixSchemas().map((s) => s.$id));
  });

  it('judge every corpus object and every broken one exactly as the validators compiled in the process', () => {
    const prebuilt = prebuiltStixValidators(built);
    if (!prebuilt) throw new Error('no compiled validators: run the build');
    const objects = corpusObjects();
    const cases = [...objects, ...broken(objects)];
    expect(cases.length).toBeGreaterThan(1000);
    let invalid = 0;
    for (const object of cases) {
      const schema = schemaOf(object);
      const compiled = compileSchema(schema).fast;
      const fromBuild = prebuilt.get(String(schema.$id));
      if (!fromBuild || fromBuild === compiled) throw new Error(`no separate compiled validator for ${String(schema.$id)}`);
      const expected = verdict(compiled, object);
      expect(verdict(fromBuild, object), String(object.id)).toEqual(expected);
      if (!expected.valid) invalid++;
    }
    expect(invalid).toBeGreaterThanOrEqual(broken(objects).length);
  });

  it('are not used when compiled from other schemas', () => {
    const folder = scratch.folder();
    const file = writePrebuiltStixValidators(folder);
    expect(prebuiltStixValidators(folder)?.size).toBe(stixSchemas().length);
    const other = scratch.folder();
    writeFileSync(join(other, 'stix-validators.compiled.cjs'), readFileSync(file, 'utf8').replace(/sourceSha256 = "[0-9a-f]{64}"/, `sourceSha256 = "${'0'.repeat(64)}"`));
    expect(prebuiltStixValidators(other)).toBeUndefined();
    expect(prebuiltStixValidators(scratch.folder())).toBeUndefined();
  });
});
