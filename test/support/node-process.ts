import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './corpora.js';

const run = promisify(execFile);

/** Whether the process has ended, by an exit or by a signal (whose exit code stays null). */
const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;
/** The `accord` command as installed: the bundle `npm run build` writes (scripts/build/bundle.mjs). */
export const MAIN = join(repoRoot, 'dist', 'accord.js');
export const ADMIN_PASSWORD = 'correct horse battery staple';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A real Accord node: `accord init` into a temp folder and `accord serve` as a child process. */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private onClose: (() => Promise<void>) | undefined;
  private readonly tokens = new Map<string, string>();
  output = '';

  private constructor(
    readonly party: string,
    readonly port: number,
    readonly dataDir: string,
    readonly databaseUrl: string | undefined,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Creates the node; `onClose` runs when it is closed (e.g. dropping its PostgreSQL database). */
  static async create(options: { party: string; env?: Record<string, string>; databaseUrl?: string; profile?: string; onClose?: () => Promise<void> }): Promise<NodeProcess> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), `accord-${options.party.toLowerCase()}-`));
    const databaseUrl = options.databaseUrl;
    const env: NodeJS.ProcessEnv = {
      ...process.env, ACCORD_LOG_LEVEL: 'warn', ACCORD_ADMIN_PASSWORD: ADMIN_PASSWORD, ...options.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
    };
    const node = new NodeProcess(options.party, port, dataDir, databaseUrl, env);
    node.onClose = options.onClose;
    await node.cli(['init', '--data', dataDir, '--party', options.party, '--url', node.url, ...(options.profile ? ['--profile', options.profile] : [])]);
    return node;
  }

  /** A second node object on the same data folder and database (another process serving the same node). */
  twin(port: number): NodeProcess {
    return new NodeProcess(this.party, port, this.dataDir, this.databaseUrl, this.env);
  }

  /** Runs an `accord` CLI command against this node's data folder; resolves with stdout. */
  async cli(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
    const { stdout } = await run(process.execPath, [MAIN, ...args], { env: { ...this.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }

  async token(user = 'admin', role = 'admin'): Promise<string> {
    const known = this.tokens.get(user);
    if (known) return known;
    if (user !== 'admin') await this.cli(['user', 'add', '--data', this.dataDir, '--name', user, '--role', role]).catch(() => undefined);
    const token = (await this.cli(['token', 'create', '--data', this.dataDir, '--user', user])).trim();
    this.tokens.set(user, token);
    return token;
  }

  /** Starts `accord serve` and resolves once /healthz answers, asked every `pollMs` (finer for timing a start). */
  async start(extraEnv: Record<string, string> = {}, args: string[] = [], pollMs = 100): Promise<void> {
    const child = spawn(process.execPath, [MAIN, 'serve', '--data', this.dataDir, '--port', String(this.port), ...args], { env: { ...this.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    // Generous: beside a browser suite on two cores, a start once took over 20 s.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (hasExited(child)) throw new Error(`node ${this.party} exited (${child.signalCode ?? `code ${String(child.exitCode)}`}): ${this.output}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`node ${this.party} did not start: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Stops the process: SIGTERM for a clean stop, SIGKILL for a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || hasExited(child)) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }

  /** The OS process id while running (processes serving one node name themselves by it in leases). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && !hasExited(this.child);
  }

  async api<T = unknown>(path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const token = init.token ?? (await this.token());
    const response = await fetch(`${this.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  async close(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.onClose?.().catch(() => undefined);
  }
}

/** Peers two nodes the way operators do: each registers the other's card with the confirmed fingerprint. */
export async function peer(a: NodeProcess, b: NodeProcess): Promise<void> {
  const cardA = await a.cli(['peer', 'card', '--data', a.dataDir]);
  const cardB = await b.cli(['peer', 'card', '--data', b.dataDir]);
  const fp = (card: string) => (JSON.parse(card) as { fingerprint: string }).fingerprint;
  await a.cli(['peer', 'add', '--data', a.dataDir, cardB, '--fingerprint', fp(cardB)]);
  await b.cli(['peer', 'add', '--data', b.dataDir, cardA, '--fingerprint', fp(cardA)]);
}

/** Polls until the check passes or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
