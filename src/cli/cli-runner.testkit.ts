import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { AccordError } from '../errors/errors.js';
import { buildProgram } from './program.js';

/** What `accord …` printed (stdout and stderr together), and how it failed if it did. */
export interface CliRun {
  readonly out: string;
  /** The typed error a command failed with; the real CLI maps it to a message and an exit code. */
  readonly error?: AccordError;
  /** Commander's code when it refused the command line itself (a usage error, exit 2). */
  readonly usage?: string;
}

/** Runs `accord …` in this process against real services; anything but a typed or usage error is thrown. */
export async function runAccord(...args: string[]): Promise<CliRun> {
  let out = '';
  const stdout = new Writable({ write(chunk: Buffer, _enc, done) { out += chunk.toString(); done(); } });
  const program = await buildProgram({ stdout, stderr: stdout }, args);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    if (error instanceof AccordError) return { out, error };
    if (error instanceof CommanderError) return { out, usage: error.code };
    throw error;
  }
}
