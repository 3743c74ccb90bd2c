import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, MAIN } from '../support/node-process.js';

const run = promisify(execFile);

/** `npm start`'s command, running until stopped: what it printed so far, and how it ended. */
interface Demo {
  output(): { stdout: string; stderr: string };
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startDemo(data: string): Promise<Demo> {
  const child = spawn(process.execPath, [MAIN, 'demo', '--data', data], { env: { ...process.env, ACCORD_LOCALE: 'en', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await eventually(async () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the demo stopped: ${stdout}${stderr}`);
    return stdout.includes('Accord demo federation is running');
  }, 120_000, 'the demo federation to run');
  return {
    output: () => ({ stdout, stderr }),
    stop: async () => {
      child.kill('SIGTERM');
      return ended;
    },
  };
}

async function peersOf(dataDir: string): Promise<Array<{ party: string; status: string; lastContact: string | null }>> {
  const { stdout } = await run(process.execPath, [MAIN, 'peer', 'list', '--data', dataDir, '--json'], { env: { ...process.env, DATABASE_URL: '' } });
  return JSON.parse(stdout) as Array<{ party: string; status: string; lastContact: string | null }>;
}

/** A warning or an error in the nodes' JSON log lines. */
const LOGGED_TROUBLE = /"level":(40|50|60)/;

describe('npm start (accord demo)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the China and Russia nodes peered and in contact, without warnings, and again from the same data', async () => {
    const data = join(dir, 'demo');
    const first = await startDemo(data);
    let login: string | undefined;
    try {
      login = /CN node {2}http:\/\/127\.0\.0\.1:8401 {3}admin \/ (\S+)/.exec(first.output().stdout)?.[1];
      expect(login).toBeTruthy();
      for (const [port, party] of [[8401, 'CN'], [8402, 'RU']] as const) {
        expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ status: 'ok', party });
      }
      // The logins are a secret of the person who ran the demo.
      expect(statSync(join(data, 'credentials.json')).mode & 0o777).toBe(0o600);
      // Each node has the other as its peer and has reached it (the seeded warning and request travel).
      for (const [node, other] of [['cn', 'RU'], ['ru', 'CN']] as const) {
        await eventually(async () => {
          const peers = await peersOf(join(data, node));
          expect(peers.map((p) => [p.party, p.status])).toEqual([[other, 'active']]);
          return peers[0]?.lastContact !== null;
        }, 60_000, `${node}'s first contact with ${other}`);
      }
      // Both nodes listen before either runs a peer task. Before, a node could start its jobs while the
      // other was still building its routes: a manual run logged three warnings of a peer not listening.
      expect(first.output().stderr).not.toMatch(LOGGED_TROUBLE);
    } finally {
      expect(await first.stop()).toEqual({ code: 0, signal: null });
    }

    // A second start reuses the nodes, their peering and the logins it printed before.
    const second = await startDemo(data);
    try {
      expect(second.output().stdout).toContain(`admin / ${login ?? '?'}`);
      expect((await peersOf(join(data, 'cn'))).map((p) => p.party)).toEqual(['RU']);
      expect(second.output().stderr).not.toMatch(LOGGED_TROUBLE);
    } finally {
      expect(await second.stop()).toEqual({ code: 0, signal: null });
    }
  }, 300_000);
});
