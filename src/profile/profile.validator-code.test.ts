import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { repoRoot } from '../../test/support/corpora.js';
import { packageScratch } from '../../test/support/package-scratch.js';
import { resolveProfileFile } from './profile.loader.js';
import { compiledProfileValidator, compileProfileValidator, writeCompiledProfileValidator } from './profile.validator-code.js';

/** A stored profile with one value set (or deleted when no value is given). */
function edited(id: string, path: ReadonlyArray<string | number>, ...value: unknown[]): unknown {
  const doc = parseDocument(readFileSync(resolveProfileFile(id), 'utf8'));
  if (value.length) doc.setIn(path, value[0]);
  else doc.deleteIn(path);
  return doc.toJS() as unknown;
}

function verdict(validate: ValidateFunction, data: unknown) {
  return { valid: validate(data), errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`) };
}

const candidates: Array<[string, unknown]> = [
  ['the agreement as shipped', edited('cn-ru-2015', ['id'], 'cn-ru-2015')],
  ['the multilateral test profile', edited('test-multilateral', ['id'], 'test-multilateral')],
  ['a missing field', edited('cn-ru-2015', ['parties', 1, 'timeZone'])],
  ['a zone that is not IANA', edited('cn-ru-2015', ['parties', 0, 'timeZone'], 'Asia/Beijing')],
  ['an unknown field', edited('test-multilateral', ['parties', 2, 'capital'], 'Coralia City')],
  ['a value off the list', edited('test-multilateral', ['consultations', 'regular', 'perYear'], 5)],
  ['a wrong type', edited('test-multilateral', ['provisions', 0, 'paragraph'], 'one')],
  ['a date that does not exist', edited('test-multilateral', ['signed', 'date'], '2024-02-30')],
  ['a duration in months', edited('test-multilateral', ['deadlines', 'warningAcknowledgement', 'within', 'high'], 'P1M')],
  ['not a profile at all', null],
];

describe('the profile validator the build compiles', () => {
  const scratch = packageScratch('validator-');
  afterAll(() => scratch.clean());

  it('is there after the build and was compiled from this schema', () => {
    expect(compiledProfileValidator(join(repoRoot, 'dist', 'src', 'profile'))).toBeTypeOf('function');
  });

  it.each(candidates)('judges %s exactly as the validator compiled in the process', (_name, data) => {
    const built = compiledProfileValidator(join(repoRoot, 'dist', 'src', 'profile'));
    if (!built) throw new Error('no compiled validator: run the build');
    expect(verdict(built, structuredClone(data))).toEqual(verdict(compileProfileValidator(), structuredClone(data)));
  });

  it('is not used when it was compiled from another schema', () => {
    const folder = scratch.folder();
    const file = writeCompiledProfileValidator(folder);
    expect(compiledProfileValidator(folder)).toBeTypeOf('function');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/sourceSha256 = "[0-9a-f]{64}"/, `sourceSha256 = "${'0'.repeat(64)}"`));
    const other = scratch.folder();
    writeFileSync(join(other, 'profile.validator.compiled.cjs'), readFileSync(file, 'utf8'));
    expect(compiledProfileValidator(other)).toBeUndefined();
    expect(compiledProfileValidator(scratch.folder())).toBeUndefined();
  });
});
