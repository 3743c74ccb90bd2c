import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeBuildArtifact } from './build-artifact.js';

/*
 * Validators the build compiles ahead (Ajv's standalone code), for whatever a process would
 * otherwise compile at every start. The module names the SHA-256 of what it was compiled from
 * (schemas, options): a process whose source differs (the test run on the sources, a rebuild of
 * the TypeScript alone) does not use it and compiles its own.
 */

/** Writes Ajv's standalone `code` as a module whose code gets `formats` (the format checks) as an argument. */
export function writeStandaloneModule(file: string, writtenBy: string, sourceSha256: string, code: string): void {
  const text = [
    '"use strict";',
    `// Written by the build (${writtenBy}): do not edit.`,
    `exports.sourceSha256 = ${JSON.stringify(sourceSha256)};`,
    'exports.load = function (formats) {',
    '  const exports = {};',
    '  const module = { exports };',
    `  ${code.replace(/^"use strict";/, '')}`,
    '  return module.exports;',
    '};',
    '',
  ].join('\n');
  writeBuildArtifact(file, text);
}

/** What a module written by writeStandaloneModule exports, if it is there and was compiled from this very source. */
export function loadStandaloneModule<T>(file: string, sourceSha256: () => string, formats: object): T | undefined {
  if (!existsSync(file)) return undefined;
  const compiled = createRequire(import.meta.url)(file) as { sourceSha256: string; load: (formats: object) => T };
  return compiled.sourceSha256 === sourceSha256() ? compiled.load(formats) : undefined;
}
