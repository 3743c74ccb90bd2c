import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, from the source tree or from its compiled copy under dist/. */
function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${start}`);
}

const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * The shared folder beside the project (CI has it there too): official STIX schemas, examples,
 * TLP markings, STIX patterns, ATT&CK bundles and the agreement seed. Read, never copied.
 */
export function sharedPath(...parts: string[]): string {
  const base = process.env.ACCORD_SHARED ?? resolve(repoRoot, '../shared');
  const full = join(base, ...parts);
  if (!existsSync(full)) throw new Error(`shared data not found: ${full} (set ACCORD_SHARED to the shared folder)`);
  return full;
}

export function corpusPath(...parts: string[]): string {
  return sharedPath('corpora', ...parts);
}

export function readCorpusJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(corpusPath(...parts), 'utf8')) as T;
}

export { repoRoot };
