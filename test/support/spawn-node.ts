import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/profile/profile.loader.js';

const run = promisify(execFile);

const ROOT = packageRoot();
/** The built CLI: tests run against dist (npm test builds first). */
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export const SPAWN_ADMIN_PASSWORD = 'correct horse battery staple';

export interface SpawnedUser {
  readonly name: string;
  readonly role: 'admin' | 'liaison' | 'analyst' | 'reader';
  readonly password: string;
  readonly locale?: 'zh' | 'ru' | 'en';
  readonly displayName?: string;
}

export interface SpawnedNode {
  readonly party: string;
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Runs the accord CLI on this node's data folder; resolves to stdout. */
  cli(args: readonly string[], env?: Record<string, string>): Promise<string>;
  /** Creates a user with a password (ACCORD_USER_PASSWORD) through the CLI. */
  addUser(user: SpawnedUser): Promise<void>;
  /** An API token for a user, from `accord token create`. */
  token(user: string): Promise<string>;
  /** Output the node process wrote (for failure reports). */
  log(): string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`node at ${url} not healthy after ${timeoutMs} ms:\n${output()}`);
}

/**
 * A real node process: `accord init` into a temporary folder, then `accord serve` on a free
 * loopback port, started from the built dist. Environment: the parent's, minus DATABASE_URL
 * (unless given), so a node gets its own SQLite store.
 */
export async function spawnNode(options: { party?: string; profile?: string; env?: Record<string, string>; users?: readonly SpawnedUser[] } = {}): Promise<SpawnedNode> {
  const party = options.party ?? 'CN';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `accord-${party.toLowerCase()}-`));
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ACCORD_ADMIN_PASSWORD: SPAWN_ADMIN_PASSWORD, ...options.env };
  if (!options.env?.DATABASE_URL) delete baseEnv.DATABASE_URL;

  const cli = async (args: readonly string[], env: Record<string, string> = {}) => {
    const { stdout } = await run(process.execPath, [MAIN, ...args], { env: { ...baseEnv, ...env }, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  };
  await cli(['init', '--data', dataDir, '--party', party, '--url', url, '--profile', options.profile ?? 'cn-ru-2015']);
  for (const user of options.users ?? []) await addUserVia(cli, dataDir, user);

  let output = '';
  const child = spawn(process.execPath, [MAIN, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--port', String(port)], { env: baseEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForHealth(url, child, () => output, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopped = false;
  return {
    party,
    url,
    port,
    dataDir,
    cli,
    addUser: (user) => addUserVia(cli, dataDir, user),
    token: async (user) => (await cli(['token', 'create', '--data', dataDir, '--user', user, '--name', 'test'])).trim(),
    log: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function addUserVia(cli: SpawnedNode['cli'], dataDir: string, user: SpawnedUser): Promise<void> {
  const args = ['user', 'add', '--data', dataDir, '--name', user.name, '--role', user.role];
  if (user.locale) args.push('--locale', user.locale);
  if (user.displayName) args.push('--display-name', user.displayName);
  await cli(args, { ACCORD_USER_PASSWORD: user.password });
}
