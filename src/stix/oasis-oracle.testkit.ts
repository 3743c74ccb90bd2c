/**
 * Test-only: the official OASIS STIX 2.1 JSON Schemas (../shared/corpora) compiled with Ajv as an
 * independent oracle for Accord's validator.
 *
 * Objects are checked against the schema of their own type (custom types against core.json or
 * cyber-observable-core.json), not through bundle.json: upstream bundle.json wraps custom objects
 * in `oneOf [core, cyber-observable-core]`, which both match, so it rejects every custom object and
 * every extension-definition (ATT&CK and the TLP 2.0 bundle would fail for that reason alone).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { ValidateFunction } from 'ajv';
import { corpusPath } from '../../test/support/corpora.js';

const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

export interface OasisOracle {
  /** Error texts for one object (empty when the OASIS schemas accept it). */
  objectErrors(obj: unknown): string[];
  /** Error texts for a bundle: its envelope, then each object by its own type's schema. */
  bundleErrors(bundle: unknown): string[];
}

function load(): { ajv: Ajv2020; byType: Map<string, string> } {
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: false, logger: false });
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format);
  const byType = new Map<string, string>();
  const root = corpusPath('stix2-json-schemas', 'schemas');
  for (const dir of readdirSync(root)) {
    for (const file of readdirSync(join(root, dir))) {
      ajv.addSchema(JSON.parse(readFileSync(join(root, dir, file), 'utf8')) as object);
      byType.set(file.replace(/\.json$/, ''), `${BASE}${dir}/${file}`);
    }
  }
  return { ajv, byType };
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

let oracle: OasisOracle | undefined;

/** The oracle, compiled once per test process. */
export function oasisOracle(): OasisOracle {
  if (oracle) return oracle;
  const { ajv, byType } = load();
  const fn = (id: string): ValidateFunction => {
    const v = ajv.getSchema(id);
    if (!v) throw new Error(`OASIS schema missing: ${id}`);
    return v;
  };
  const common = new Set([
    'core',
    'cyber-observable-core',
    'bundle',
    'binary',
    'dictionary',
    'extension',
    'external-reference',
    'granular-marking',
    'hashes-type',
    'hex',
    'identifier',
    'kill-chain-phase',
    'properties',
    'timestamp',
    'url-regex',
  ]);
  const schemaFor = (obj: Record<string, unknown>): string => {
    const type = typeof obj.type === 'string' ? obj.type : '';
    const own = common.has(type) ? undefined : byType.get(type);
    return own ?? `${BASE}common/${obj.created !== undefined ? 'core' : 'cyber-observable-core'}.json`;
  };
  const errorsOf = (v: ValidateFunction, value: unknown, prefix = ''): string[] =>
    v(value) ? [] : (v.errors ?? []).map((e) => `${prefix}${e.instancePath} ${e.message ?? e.keyword}`);
  const objectErrors = (obj: unknown, prefix = ''): string[] =>
    isObj(obj) ? errorsOf(fn(schemaFor(obj)), obj, prefix) : [`${prefix} not an object`];
  oracle = {
    objectErrors: (obj) => objectErrors(obj),
    bundleErrors(bundle) {
      if (!isObj(bundle)) return ['not an object'];
      const { objects, ...envelope } = bundle;
      const errors = errorsOf(fn(`${BASE}common/bundle.json`), envelope);
      if (objects === undefined) return errors;
      if (!Array.isArray(objects) || objects.length === 0)
        return [...errors, '/objects must be a non-empty array'];
      return [...errors, ...objects.flatMap((obj, i) => objectErrors(obj, `/objects/${i}`))];
    },
  };
  return oracle;
}
