import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatePassword } from '../auth/password.js';
import { loadConfig } from '../config/config.js';
import { initNode } from './node-init.js';
import { openNode } from './node-runtime.js';
import { listenNode } from './node-server.js';
import type { NodeServices } from './node-services.js';
import { chinaShares, chinaWarning, demoUsers, russiaRequest, russiaShares } from './demo-seed.js';
import { pinoDriver } from './pino-driver.js';

export interface DemoNode {
  readonly party: string;
  readonly port: number;
  readonly dir: string;
}

export interface DemoCredentials {
  readonly admin: Record<string, string>;
  readonly users: Record<string, { party: string; password: string; role: string }>;
}

const NODES: readonly DemoNode[] = [
  { party: 'CN', port: 8401, dir: 'cn' },
  { party: 'RU', port: 8402, dir: 'ru' },
];

const url = (node: DemoNode) => `http://127.0.0.1:${node.port}`;

async function withServices<T>(dataDir: string, run: (s: NodeServices) => Promise<T>): Promise<T> {
  const services = await openNode(loadConfig({ dataDir, env: { ...process.env, DATABASE_URL: '' }, jobs: false }), { logger: pinoDriver()({ level: 'silent' }) });
  try {
    return await run(services);
  } finally {
    await services.database.close();
  }
}

/** Creates the two demo nodes, their users and the peering, once; returns the logins. */
async function prepare(root: string): Promise<DemoCredentials> {
  const credentialsFile = join(root, 'credentials.json');
  if (existsSync(credentialsFile) && NODES.every((n) => existsSync(join(root, n.dir, 'node.json')))) return JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const admin: Record<string, string> = {};
  const users: DemoCredentials['users'] = {};
  for (const node of NODES) {
    const password = generatePassword();
    admin[node.party] = password;
    await initNode({ dataDir: join(root, node.dir), party: node.party, url: url(node), profile: 'cn-ru-2015', adminPassword: password, databaseUrl: undefined });
    await withServices(join(root, node.dir), async (s) => {
      for (const user of demoUsers.filter((u) => u.party === node.party)) {
        const userPassword = generatePassword();
        await s.auth.createUser({ name: user.name, displayName: user.displayName, role: user.role, password: userPassword, locale: user.locale }, 'system');
        users[user.name] = { party: node.party, password: userPassword, role: user.role };
      }
    });
  }
  const cards = await Promise.all(NODES.map((n) => withServices(join(root, n.dir), (s) => s.federation.peers.card())));
  for (const [i, node] of NODES.entries()) {
    const other = cards[1 - i];
    if (other) await withServices(join(root, node.dir), (s) => s.federation.peers.add(other, other.fingerprint, 'system'));
  }
  const credentials: DemoCredentials = { admin, users };
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function signIn(node: DemoNode, name: string, password: string): Promise<string> {
  const response = await fetch(`${url(node)}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`demo sign-in of ${name} failed: HTTP ${response.status}`);
  return cookie;
}

/**
 * Seeds a realistic history through the nodes' own APIs, so it crosses the real federation: each
 * Party's analyst shares findings with the other Party (signed, receipted, ledgered), China warns
 * Russia of the campaign and Russia asks China for assistance, so both inboxes hold live deadlines.
 */
async function seed(root: string, credentials: DemoCredentials): Promise<void> {
  const marker = join(root, 'seeded');
  if (existsSync(marker)) return;
  const [cn, ru] = NODES;
  if (!cn || !ru) return;
  const post = async (node: DemoNode, user: string, path: string, body: unknown) => {
    const cookie = await signIn(node, user, credentials.users[user]?.password ?? '');
    const response = await fetch(`${url(node)}${path}`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-accord-csrf': '1' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`demo seed failed on ${node.party}: ${await response.text()}`);
  };
  await post(cn, 'wang.analyst', '/api/v1/objects?collection=outbox-RU', chinaShares());
  await post(ru, 'ivanov.analyst', '/api/v1/objects?collection=outbox-CN', russiaShares());
  await post(cn, 'wang.analyst', '/api/v1/warnings', chinaWarning());
  await post(ru, 'ivanov.analyst', '/api/v1/requests', russiaRequest());
  writeFileSync(marker, new Date().toISOString());
}

/** `npm start`: the China and Russia nodes on this machine, peered, seeded, with their logins printed. */
export async function runDemo(dataDir: string, out: NodeJS.WritableStream): Promise<{ close(): Promise<void> }> {
  const root = resolve(dataDir);
  const credentials = await prepare(root);
  // The demo's console is for people: warnings and errors only, unless asked otherwise.
  const env = { ...process.env, DATABASE_URL: '', ACCORD_LOG_LEVEL: process.env.ACCORD_LOG_LEVEL ?? 'warn' };
  // Both stores open and both nodes listen before either starts its jobs, so that neither node's
  // first peer task finds the other still starting.
  const opened = await Promise.all(NODES.map(async (node) => ({ node, services: await openNode(loadConfig({ dataDir: join(root, node.dir), env })) })));
  const running = await Promise.all(opened.map(({ node, services }) => listenNode(services, { host: '127.0.0.1', port: node.port })));
  for (const node of running) node.startJobs();
  await seed(root, credentials);
  const lines = [
    '',
    'Accord demo federation is running (Ctrl-C to stop):',
    ...NODES.map((n) => `  ${n.party} node  ${url(n)}   admin / ${credentials.admin[n.party] ?? '?'}`),
    '  users:',
    ...Object.entries(credentials.users).map(([name, u]) => `    ${u.party}  ${name.padEnd(16)} ${u.role.padEnd(8)} ${u.password}`),
    `  data and logins: ${root} (credentials.json)`,
    '',
  ];
  out.write(`${lines.join('\n')}\n`);
  return { close: async () => void (await Promise.all(running.map((r) => r.close()))) };
}
