// A throwaway PostgreSQL cluster from the installed binaries, for `npm test` on a machine where
// no DATABASE_URL is given. Root cannot run initdb, so as root the cluster runs as `postgres`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinDir() {
  const candidates = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  if (existsSync('/usr/lib/postgresql'))
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      candidates.push(join('/usr/lib/postgresql', v, 'bin'));
  const which = spawnSync('sh', ['-c', 'dirname "$(command -v initdb)"'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim() && which.stdout.trim() !== '.') candidates.push(which.stdout.trim());
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster and returns { url, stop() }; throws with install advice when PostgreSQL is absent. */
export async function startThrowawayCluster() {
  const bin = findBinDir();
  if (!bin)
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found. Install them (Debian: apt-get install -y postgresql-15) or set DATABASE_URL to a database the tests may create databases in.',
    );
  const isRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'accord-pg-'));
  chmodSync(base, 0o777);
  const data = join(base, 'data');
  const port = await freePort();
  const asOwner = (cmd, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const run = (cmd, args) => {
    const [c, a] = asOwner(cmd, args);
    execFileSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'], cwd: base });
  };
  // Text sorts bytewise (C), but letter case is the UTF-8 locale's: under plain C, ILIKE folds ASCII
  // only, and search would miss Russian text in the other case (as a production cluster would not).
  run(join(bin, 'initdb'), ['-D', data, '-U', 'accord', '--auth=trust', '-E', 'UTF8', '--locale=C', '--lc-ctype=C.UTF-8']);
  run(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(base, 'log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    'start',
  ]);
  const url = `postgres://accord@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
