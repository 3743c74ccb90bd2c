// Browser tests drive Debian's Chromium; test tools may not download browsers here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Returns the path of a Chromium, installing Debian's package when running as root. */
export function ensureChromium() {
  const given = process.env.ACCORD_CHROMIUM;
  if (given) {
    if (!existsSync(given)) throw new Error(`ACCORD_CHROMIUM=${given} does not exist`);
    return given;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0)
    throw new Error(
      'Chromium is needed for the browser tests and is not installed. Install it with: sudo apt-get install -y chromium (or set ACCORD_CHROMIUM to a Chromium binary).',
    );
  console.log('[test] installing Debian chromium for the browser tests (apt-get install -y chromium)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync('/usr/bin/chromium')) throw new Error('apt-get install chromium finished but /usr/bin/chromium is missing');
  return '/usr/bin/chromium';
}
