/** Test-only helpers for the MISP mapping: fixtures and the two STIX validators used as oracles. */
import { readFileSync } from 'node:fs';
import { checkIndicatorPattern } from '../patterning/patterning.js';
import { oasisOracle } from '../stix/oasis-oracle.testkit.js';
import { createStixValidator } from '../stix/index.js';
import type { JsonRecord } from './observable-terms.js';

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
}

const accord = createStixValidator({
  checkPattern: checkIndicatorPattern,
});

/** Errors of the OASIS JSON Schemas and of Accord's own validator for a set of objects. */
export function stixErrors(objects: readonly JsonRecord[]): string[] {
  const oracle = oasisOracle();
  const errors = objects.flatMap((object) =>
    oracle.objectErrors(object).map((e) => `OASIS ${String(object.id)}: ${e}`),
  );
  const bundle = { type: 'bundle', id: 'bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8', objects };
  for (const issue of accord.validateBundle(bundle).issues) {
    if (issue.severity === 'error') errors.push(`Accord ${issue.path}: ${issue.message.text('en')}`);
  }
  return errors;
}

export function byType(objects: readonly JsonRecord[], type: string): JsonRecord[] {
  return objects.filter((o) => o.type === type);
}

export function byId(objects: readonly JsonRecord[], id: unknown): JsonRecord {
  const found = objects.find((o) => o.id === id);
  if (!found) throw new Error(`no object ${String(id)}`);
  return found;
}
