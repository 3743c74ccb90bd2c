import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { fileError } from '../errors/file-errors.js';
import { AccordError } from '../errors/errors.js';
import { profileMessage as msg } from './profile.messages.js';
import { parsedCopyFile, readParsedCopy, writeParsedCopy } from './profile.parsed-copy.js';
import type { Profile } from './profile.schema.js';
import { validateProfile } from './profile.validator.js';

export { checkProfile, validateProfile } from './profile.validator.js';

export const PROFILE_FILE = 'profile.yaml';

export interface ProfileLocation {
  /** Folder holding one sub-folder per profile; default: `profiles/` of the package. */
  readonly profilesDir?: string;
  /** Folder of the build's parsed copies of those profiles; default: `dist/profiles/` of the package. */
  readonly parsedCopiesDir?: string;
}

/**
 * The package root: the nearest folder upwards holding package.json. Walking up makes the same
 * code work from src/profile (tests) and from dist/src/profile (the built CLI).
 */
export function packageRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new AccordError('internal', `no package.json above ${start}`);
    dir = parent;
  }
}

/** The folder the profiles are read from. */
export function profilesDirectory(options: ProfileLocation = {}): string {
  return resolve(options.profilesDir ?? join(packageRoot(), 'profiles'));
}

function parsedCopiesDirectory(options: ProfileLocation): string {
  return resolve(options.parsedCopiesDir ?? join(packageRoot(), 'dist', 'profiles'));
}

function copyOf(file: string, options: ProfileLocation): string | undefined {
  return parsedCopyFile(file, profilesDirectory(options), parsedCopiesDirectory(options));
}

/** Ids of the profiles available (sub-folders holding a profile.yaml), sorted. */
export function listProfiles(options: ProfileLocation = {}): string[] {
  const dir = profilesDirectory(options);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, PROFILE_FILE)))
    .map((entry) => entry.name)
    .sort();
}

function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || /\.(ya?ml|json)$/i.test(idOrPath);
}

/** The file a profile id or path names; an unknown id is `not-found`, listing what exists. */
export function resolveProfileFile(idOrPath: string, options: ProfileLocation = {}): string {
  if (looksLikePath(idOrPath)) return resolve(idOrPath);
  const dir = profilesDirectory(options);
  const file = join(dir, idOrPath, PROFILE_FILE);
  if (!existsSync(file))
    throw new AccordError('not-found', msg('load.not-found', { id: idOrPath, dir, available: listProfiles(options).join(', ') || '—' }));
  return file;
}

/** Parses a YAML or JSON file into plain data, reporting unreadable files and syntax errors by file. */
export function readProfileData(file: string, options: ProfileLocation = {}): unknown {
  const source = readSource(file);
  const copy = copyOf(file, options);
  const copied = copy ? readParsedCopy(copy, source) : undefined;
  return copied ?? parseSource(source, file);
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    // Node's own text ("ENOENT: no such file or directory …") is English whatever the reader's language.
    const known = fileError(cause);
    if (known) throw known;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AccordError('not-found', msg('load.unreadable', { file, reason }), { cause });
  }
}

function parseSource(source: string, file: string): unknown {
  try {
    return parse(source, { prettyErrors: true, uniqueKeys: true });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] ?? '' : String(cause);
    throw new AccordError('invalid-profile', msg('load.syntax', { file, reason }), { cause, details: [{ path: file, message: reason }] });
  }
}

/**
 * Writes the parsed copy of every available profile (the build runs this), validating each first:
 * a broken profile fails the build rather than a node's start. Returns the files written.
 */
export function writeParsedCopies(options: ProfileLocation = {}): string[] {
  return listProfiles(options).map((id) => {
    const file = resolveProfileFile(id, options);
    const source = readSource(file);
    const data = parseSource(source, file);
    validateProfile(structuredClone(data), file);
    const copy = copyOf(file, options);
    if (!copy) throw new AccordError('internal', `no parsed copy for ${file}`);
    writeParsedCopy(copy, source, data);
    return copy;
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const cache = new Map<string, { stamp: string; profile: Profile }>();

/**
 * Loads and validates a profile by id (profiles/<id>/profile.yaml) or by file path. The result
 * is deeply frozen and cached until the file changes.
 */
export function loadProfile(idOrPath: string, options: ProfileLocation = {}): Profile {
  const file = resolveProfileFile(idOrPath, options);
  const stats = existsSync(file) ? statSync(file) : undefined;
  const stamp = stats ? `${stats.mtimeMs}:${stats.size}` : '';
  const hit = cache.get(file);
  if (hit && stamp && hit.stamp === stamp) return hit.profile;
  const profile = deepFreeze(validateProfile(readProfileData(file, options), file));
  if (stamp) cache.set(file, { stamp, profile });
  return profile;
}
