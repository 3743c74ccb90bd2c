import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha256Hex } from '../objects/object-row.js';
import { writeBuildArtifact } from '../build/build-artifact.js';

/**
 * Parsed copies of a package's own profiles, written by the build. Parsing the agreement's 100 KB
 * of YAML took ~170 ms of every process (each CLI command, each node start); reading the same
 * data as JSON takes ~2 ms. A copy is data, not a verdict: the profile is validated as always.
 * It is used only while it names the SHA-256 of the YAML it was made from, so an edited profile
 * is read from its YAML until the next build.
 */
interface ParsedCopy {
  readonly sourceSha256: string;
  readonly data: unknown;
}

/** Where the copy of `<profilesDir>/<id>/<name>` lives, or undefined for a file outside profilesDir. */
export function parsedCopyFile(file: string, profilesDir: string, copiesDir: string): string | undefined {
  const folder = dirname(file);
  return dirname(folder) === profilesDir ? join(copiesDir, `${basename(folder)}.json`) : undefined;
}

/** The copy's data when it was made from exactly this source; undefined when absent, stale or unreadable. */
export function readParsedCopy(copyFile: string, source: string): unknown {
  let copy: ParsedCopy;
  try {
    copy = JSON.parse(readFileSync(copyFile, 'utf8')) as ParsedCopy;
  } catch {
    return undefined;
  }
  return copy.sourceSha256 === sha256Hex(source) ? copy.data : undefined;
}

export function writeParsedCopy(copyFile: string, source: string, data: unknown): void {
  const copy: ParsedCopy = { sourceSha256: sha256Hex(source), data };
  writeBuildArtifact(copyFile, JSON.stringify(copy));
}
