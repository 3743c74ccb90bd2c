// Part of `npm run build`, on the compiled code after tsc: the profiles' parsed copies, the profile
// validator's code, the STIX validators' code and the route validators' code, which spare every
// process the YAML parse and the schema compiles (src/profile/profile.parsed-copy.ts,
// src/profile/profile.validator-code.ts, src/stix/stix-validators.prebuilt.ts,
// src/http/route-validators.prebuilt.ts).
import { writeParsedCopies } from '../../dist/src/profile/profile.loader.js';
import { writeCompiledProfileValidator } from '../../dist/src/profile/profile.validator-code.js';
import { writePrebuiltStixValidators } from '../../dist/src/stix/stix-validators.prebuilt.js';
import { prebuildRouteValidators } from '../../dist/src/node/prebuild-route-validators.js';

try {
  writeCompiledProfileValidator();
  writeParsedCopies();
  writePrebuiltStixValidators();
  // After the profiles and STIX validators: the throwaway node it builds an app for loads them.
  await prebuildRouteValidators();
} catch (error) {
  process.stderr.write(`accord build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
