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
  try {
    await accordPrints(args, (text) => (out += text));
    return { out };
  } catch (error) {
    if (error instanceof AccordError) return { out, error };
    if (error instanceof CommanderError) return { out, usage: error.code };
    throw error;
  }
}

/** What `accord …` printed when it succeeded; any failure is thrown as it came. */
export async function accordOutput(...args: string[]): Promise<string> {
  let out = '';
  await accordPrints(args, (text) => (out += text));
  return out;
}

async function accordPrints(args: string[], print: (text: string) => void): Promise<void> {
  const stdout = new Writable({ write(chunk: Buffer, _enc, done) { print(chunk.toString()); done(); } });
  const program = await buildProgram({ stdout, stderr: stdout }, args);
  await program.parseAsync(args, { from: 'user' });
}
