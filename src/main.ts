#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

// The one entry point: `accord serve` is the web+worker role, every other command the CLI role.
process.exitCode = await runCli(process.argv.slice(2));
