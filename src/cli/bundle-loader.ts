import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * The installed `accord` command (dist/accord.js) runs the whole CLI and node from one CommonJS
 * bundle, dist/accord.cjs, compiled with V8's code cache that the build writes beside it. Compiling
 * the 4.6 MB bundle took ~180 ms of every command's start, and Node 20 keeps no compiled code
 * between processes for ES modules; a `vm.Script` can be given what V8 compiled in an earlier run.
 */

/** What the bundle exports (its entry is cli/run-cli.ts). */
interface Bundle {
  runCli(argv: readonly string[]): Promise<number>;
}

/** The last line of the bundle names it: the SHA-256 of what precedes it (scripts/build/bundle.mjs). */
const ID_MARK = '\n//# accord-bundle ';
const ID_LENGTH = 64;

/** The cache file beside the bundle: the bundle's id, then V8's data. */
function cacheFile(bundle: string): string {
  return `${bundle}.v8cache`;
}

function idOf(source: string): string {
  const at = source.lastIndexOf(ID_MARK);
  return at < 0 ? '' : source.slice(at + ID_MARK.length, at + ID_MARK.length + ID_LENGTH);
}

/**
 * V8's data, if it was written for this very bundle. V8 itself checks only the source's length,
 * its own version and its flags; a cache left from another build of the same length would run that
 * build's code.
 */
function cachedCode(bundle: string, id: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile(bundle));
  } catch {
    return undefined; // No cache: V8 compiles the bundle as Node would.
  }
  return id.length === ID_LENGTH && data.subarray(0, ID_LENGTH).toString('latin1') === id ? data.subarray(ID_LENGTH) : undefined;
}

/**
 * The bundle compiled as Node compiles a CommonJS module (strict, as the ES modules it was built
 * from), with V8's cache if asked and there. This module belongs to the launcher alone: inside the
 * bundle, the build would rewrite the wrapper's __filename and __dirname (scripts/build/bundle.mjs).
 */
function compile(bundle: string, useCache: boolean): { script: vm.Script; id: string; cached: boolean } {
  // The build writes it in ASCII: read as Latin-1, it is copied, not decoded (38 ms against 58 for 4.6 MB).
  const source = readFileSync(bundle, 'latin1');
  const id = idOf(source);
  const cachedData = useCache ? cachedCode(bundle, id) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source}\n})`, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  return { script, id, cached: cachedData !== undefined };
}

/** Runs the compiled bundle's top level; returns its exports. */
function run(script: vm.Script, bundle: string): Bundle {
  const module = { exports: {} as Bundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

/** Runs `accord` with `argv` from the bundle at `bundleUrl`; resolves to the exit code. */
export function runBundle(bundleUrl: URL, argv: readonly string[]): Promise<number> {
  const bundle = fileURLToPath(bundleUrl);
  return run(compile(bundle, true).script, bundle).runCli(argv);
}

/** Whether V8 took the cache beside the bundle (false when there is none or it is not this bundle's). */
export function codeCacheAccepted(bundleUrl: URL): boolean {
  const { script, cached } = compile(fileURLToPath(bundleUrl), true);
  return cached && script.cachedDataRejected === false;
}

/**
 * The build's last step: runs `accord --help` from the bundle, then writes what V8 compiled meanwhile
 * (the bundle's top level and the functions that ran) beside it. Run in a process started without
 * V8 flags, as the command is: V8 rejects a cache made under other flags.
 */
export async function writeCodeCache(bundleUrl: URL): Promise<void> {
  const bundle = fileURLToPath(bundleUrl);
  const { script, id } = compile(bundle, false);
  if (id.length !== ID_LENGTH) throw new Error(`${bundle} does not end with its id (${ID_MARK.trim()} <sha-256>)`);
  await run(script, bundle).runCli(['--help']);
  const file = cacheFile(bundle);
  // Whole or not at all: a command started meanwhile must not read half a cache.
  writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]));
  renameSync(`${file}.tmp`, file);
}
