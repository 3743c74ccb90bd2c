import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './corpora.js';

/**
 * Scratch folders inside the package (.tmp/), where code the build writes finds its dependencies
 * (Ajv's runtime helpers) as it does in dist/; `clean` removes every folder made.
 */
export function packageScratch(prefix: string): { folder(): string; clean(): void } {
  const made: string[] = [];
  return {
    folder() {
      mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
      const folder = mkdtempSync(join(repoRoot, '.tmp', prefix));
      made.push(folder);
      return folder;
    },
    clean: () => made.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })),
  };
}
