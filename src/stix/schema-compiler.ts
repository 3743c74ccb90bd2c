import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { stixFormats } from './schema-formats.js';
import type { JsonSchema } from './common.schema.js';

/** A compiled schema: fast (stops at the first error) for the common path, detailed for reports. */
export interface CompiledSchema {
  readonly fast: ValidateFunction;
  /** Validates again collecting every error; only called once the fast check has failed. */
  detailed(value: unknown): ErrorObject[];
}

function newAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors, allowUnionTypes: true, messages: true });
  for (const [name, { format }] of Object.entries(stixFormats)) ajv.addFormat(name, format);
  return ajv;
}

let fastAjv: Ajv2020 | undefined;
let detailedAjv: Ajv2020 | undefined;
const compiled = new Map<string, CompiledSchema>();

/**
 * Compiles a schema once per process (keyed by its $id) and returns both variants. Compilation is
 * lazy so that starting a node costs nothing for types it never sees.
 */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  const key = String(schema.$id);
  const hit = compiled.get(key);
  if (hit) return hit;
  fastAjv ??= newAjv(false);
  const fast = fastAjv.compile(schema);
  let full: ValidateFunction | undefined;
  const entry: CompiledSchema = {
    fast,
    detailed(value) {
      detailedAjv ??= newAjv(true);
      full ??= detailedAjv.compile(schema);
      return full(value) ? [] : [...(full.errors ?? [])];
    },
  };
  compiled.set(key, entry);
  return entry;
}

/** How many schemas this process has compiled (each once, whichever way it came first). */
export function compiledSchemaCount(): number {
  return compiled.size;
}
