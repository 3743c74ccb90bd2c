// Part of `npm run build`, on the compiled code after tsc: the profiles' parsed copies and the
// profile validator's code, which spare every process the YAML parse and the schema compile
// (src/profile/profile.parsed-copy.ts, src/profile/profile.validator-code.ts).
import { writeParsedCopies } from '../../dist/src/profile/profile.loader.js';
import { writeCompiledProfileValidator } from '../../dist/src/profile/profile.validator-code.js';

try {
  writeCompiledProfileValidator();
  writeParsedCopies();
} catch (error) {
  process.stderr.write(`accord build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
