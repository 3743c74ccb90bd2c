import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { sha256Hex } from '../objects/object-row.js';
import { loadStandaloneModule, writeStandaloneModule } from '../build/standalone-code.js';
import { bundleSchema } from './meta.schema.js';
import type { JsonSchema } from './common.schema.js';
import { FAST_OPTIONS, sourceAjv, stixFormatChecks } from './schema-compiler.js';
import { customObservable, customVersioned, specType, specTypeNames, type ResolvedType } from './type-registry.js';

/*
 * The STIX validators as code the build writes. Compiling the schemas of every STIX type took ~1 s
 * of CPU in every process that validates: each node after it starts answering (where it held up
 * what the node did next, a replication's first bundles included), and each `accord import` for the
 * types it met. The build compiles them once, beside this module, and a process loads the result.
 * The module names the SHA-256 of the schemas and options it was compiled from: a process whose
 * schemas differ (the test run on the sources, a rebuild of the TypeScript alone) compiles its own.
 */

const MODULE_FILE = 'stix-validators.compiled.cjs';

export const bundleEnvelope: JsonSchema = { ...bundleSchema, $id: 'https://accord.invalid/stix/bundle.json' };

/** Every schema Accord validates STIX with: the bundle's, custom objects', each spec type's. */
export function stixSchemas(): JsonSchema[] {
  const types = specTypeNames().map((type) => specType(type)).filter((t): t is ResolvedType => t !== undefined);
  return [bundleEnvelope, customVersioned.schema, customObservable.schema, ...types.map((t) => t.schema)];
}

function schemasSha256(schemas: readonly JsonSchema[]): string {
  return sha256Hex(JSON.stringify({ options: FAST_OPTIONS, schemas }));
}

/** The validators the build compiled, by schema $id, if they were compiled from these very schemas. */
export function prebuiltStixValidators(folder = dirname(fileURLToPath(import.meta.url))): Map<string, ValidateFunction> | undefined {
  const schemas = stixSchemas();
  const validators = loadStandaloneModule<Record<string, ValidateFunction>>(join(folder, MODULE_FILE), () => schemasSha256(schemas), stixFormatChecks);
  return validators && new Map(schemas.map((schema, i) => [String(schema.$id), validators[`v${i}`] as ValidateFunction]));
}

/** Writes the validators' code beside this module (the build runs this); returns the file written. */
export function writePrebuiltStixValidators(folder = dirname(fileURLToPath(import.meta.url))): string {
  const schemas = stixSchemas();
  // Format checks stay functions of this package: the code reaches them through the argument.
  const ajv = sourceAjv();
  schemas.forEach((schema) => ajv.addSchema(schema));
  const code = standaloneModule.default(ajv, Object.fromEntries(schemas.map((schema, i) => [`v${i}`, String(schema.$id)])));
  const file = join(folder, MODULE_FILE);
  writeStandaloneModule(file, 'src/stix/stix-validators.prebuilt.ts', schemasSha256(schemas), code);
  return file;
}
