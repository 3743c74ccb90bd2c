import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _, Ajv, type Options, type ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { sha256Hex } from '../objects/object-row.js';
import { loadStandaloneModule, writeStandaloneModule } from '../build/standalone-code.js';
import { durationMs, isIanaTimeZone, isLegalDate } from './legal-time.js';
import { ProfileSchema } from './profile.schema.js';

/*
 * The profile's validator as code the build writes. Compiling the schema took ~130 ms of every
 * process (each CLI command, each node start) for the one profile it loads; the build now compiles
 * it once, beside the compiled schema, and a process loads the result. The module names the
 * SHA-256 of the schema it was compiled from: a process whose schema differs (a rebuild of the
 * TypeScript alone, or the test run on the sources) compiles its own, as before.
 */

const profileFormats: Record<string, (value: string) => boolean> = {
  'iana-time-zone': isIanaTimeZone,
  'legal-date': isLegalDate,
  'accord-duration': (value) => durationMs(value) !== undefined,
};

const MODULE_FILE = 'profile.validator.compiled.cjs';

function profileAjv(code: Options['code']): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, code });
  for (const [name, check] of Object.entries(profileFormats)) ajv.addFormat(name, check);
  return ajv;
}

function schemaSha256(): string {
  return sha256Hex(JSON.stringify(ProfileSchema));
}

/**
 * Compiles the validator in this process. Unoptimised code: for the one profile a process loads,
 * Ajv's optimising pass cost more (~50-110 ms of every start) than it could ever save.
 */
export function compileProfileValidator(): ValidateFunction {
  return profileAjv({ optimize: false }).compile(ProfileSchema);
}

/** The validator the build compiled, if it was compiled from this very schema. */
export function compiledProfileValidator(folder = dirname(fileURLToPath(import.meta.url))): ValidateFunction | undefined {
  return loadStandaloneModule<ValidateFunction>(join(folder, MODULE_FILE), schemaSha256, profileFormats);
}

/** Writes the validator's code beside this module (the build runs this); returns the file written. */
export function writeCompiledProfileValidator(folder = dirname(fileURLToPath(import.meta.url))): string {
  // Format checks stay functions of this package: the code reaches them through the argument.
  const ajv = profileAjv({ source: true, optimize: true, formats: _`formats` });
  const code = standaloneModule.default(ajv, ajv.compile(ProfileSchema));
  const file = join(folder, MODULE_FILE);
  writeStandaloneModule(file, 'src/profile/profile.validator-code.ts', schemaSha256(), code);
  return file;
}
