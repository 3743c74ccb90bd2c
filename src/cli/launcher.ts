#!/usr/bin/env node
import { runBundle } from './bundle-loader.js';

// The package's bin once the build has bundled it as dist/accord.js: the CLI and node are the
// bundle beside it, dist/accord.cjs, run with the code cache the build wrote for it.
process.exitCode = await runBundle(new URL('./accord.cjs', import.meta.url), process.argv.slice(2));
