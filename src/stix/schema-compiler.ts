import { Ajv2020 } from 'ajv/dist/2020.js';
import { _, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { stixFormats } from './schema-formats.js';
import type { JsonSchema } from './common.schema.js';

/** A compiled schema: fast (stops at the first error) for the common path, detailed for reports. */
export interface CompiledSchema {
  readonly fast: ValidateFunction;
  /** Validates again collecting every error; only called once the fast check has failed. */
  detailed(value: unknown): ErrorObject[];
}

/** The fast validators' options (the build's compiled validators name them with their schemas). */
export const FAST_OPTIONS = { strict: true, allErrors: false, allowUnionTypes: true, messages: true } as const;

/** Each format's check, as Ajv is given it (and as the build's compiled code is handed it). */
export const stixFormatChecks = Object.fromEntries(Object.entries(stixFormats).map(([name, { format }]) => [name, format]));

function newAjv(options: Options): Ajv2020 {
  const ajv = new Ajv2020(options);
  for (const [name, format] of Object.entries(stixFormatChecks)) ajv.addFormat(name, format);
  return ajv;
}

/** An Ajv for the fast validators whose code reaches the format checks through `formats` (for the build). */
export function sourceAjv(): Ajv2020 {
  return newAjv({ ...FAST_OPTIONS, code: { source: true, formats: _`formats` } });
}

let fastAjv: Ajv2020 | undefined;
let detailedAjv: Ajv2020 | undefined;
const compiled = new Map<string, CompiledSchema>();
let loadPrebuilt: (() => ReadonlyMap<string, ValidateFunction> | undefined) | undefined;
let prebuilt: ReadonlyMap<string, ValidateFunction> | undefined;

/** Where compileSchema finds fast validators the build compiled, by $id (loaded at the first compile). */
export function usePrebuiltValidators(load: () => ReadonlyMap<string, ValidateFunction> | undefined): void {
  loadPrebuilt = load;
  prebuilt = undefined;
}

function fastValidator(schema: JsonSchema, key: string): ValidateFunction {
  if (loadPrebuilt) {
    prebuilt = loadPrebuilt();
    loadPrebuilt = undefined;
  }
  return prebuilt?.get(key) ?? (fastAjv ??= newAjv(FAST_OPTIONS)).compile(schema);
}

/**
 * Compiles a schema once per process (keyed by its $id) and returns both variants. Compilation is
 * lazy so that starting a node costs nothing for types it never sees.
 */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  const key = String(schema.$id);
  const hit = compiled.get(key);
  if (hit) return hit;
  const fast = fastValidator(schema, key);
  let full: ValidateFunction | undefined;
  const entry: CompiledSchema = {
    fast,
    detailed(value) {
      detailedAjv ??= newAjv({ ...FAST_OPTIONS, allErrors: true });
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
