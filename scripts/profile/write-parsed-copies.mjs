// Part of `npm run build`: the parsed copies that spare every process the profiles' YAML parse
// (see src/profile/profile.parsed-copy.ts). Runs on the compiled loader, after tsc.
import { writeParsedCopies } from '../../dist/src/profile/profile.loader.js';

try {
  writeParsedCopies();
} catch (error) {
  process.stderr.write(`accord build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
