import { createRequire } from 'node:module';
import type { pino as Pino } from 'pino';

let driver: typeof Pino | undefined;

/**
 * pino, loaded when a process first makes a logger. Required at start, it cost every command ~40 ms,
 * also those that log nothing (`accord --help`, `accord profile`).
 */
export function pinoDriver(): typeof Pino {
  return (driver ??= (createRequire(import.meta.url)('pino') as { pino: typeof Pino }).pino);
}
