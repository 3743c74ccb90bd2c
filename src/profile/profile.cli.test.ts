import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { resolveProfileFile } from './profile.loader.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `accord ARGV` in this process, capturing what it writes. */
async function accord(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

/** A copy of cn-ru-2015 with Beijing's zone misspelt and a rotation naming a stranger. */
function brokenProfileFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-profile-cli-'));
  const file = join(dir, 'broken.yaml');
  const text = readFileSync(resolveProfileFile('cn-ru-2015'), 'utf8')
    .replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Beijing')
    .replace('hostRotation: [ CN, RU ]', 'hostRotation: [ CN, US ]');
  writeFileSync(file, text);
  return file;
}

describe('accord profile show', () => {
  it('summarises the default profile', async () => {
    const run = await accord('profile', 'show');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(cn-ru-2015 1.0.0)');
    expect(run.stdout).toMatch(/CN\s+People’s Republic of China — time zone Asia\/Shanghai/);
    expect(run.stdout).toContain('Provisions: 58');
    expect(run.stdout).toMatch(/aggression\s+Acts of aggression \[art-2\.1\]/);
    expect(run.stdout).toContain('Directions of cooperation (15):');
    expect(run.stdout).toContain('on day 30 after receipt of the last notification [art-9.1]');
    expect(run.stdout).toContain('2 per year, hosts in turn CN → RU [art-5.4]');
  });

  it('speaks the language asked for, wherever --lang stands', async () => {
    const zh = await accord('profile', 'show', '--lang', 'zh');
    expect(zh.stdout).toContain('缔约方：');
    expect(zh.stdout).toContain('侵略活动 [art-2.1]');
    expect(zh.stdout).toContain('中华人民共和国政府和俄罗斯联邦政府关于在保障国际信息安全领域合作协定');
    const ru = await accord('--lang', 'ru', 'profile', 'show', 'test-multilateral');
    expect(ru.stdout).toContain('Регулярные консультации: в год — 1, поочерёдно: XB → XC → XA');
  });

  it('prints the whole profile as JSON', async () => {
    const run = await accord('profile', 'show', 'test-multilateral', '--json');
    const data = JSON.parse(run.stdout) as { id: string; parties: unknown[] };
    expect(data.id).toBe('test-multilateral');
    expect(data.parties).toHaveLength(3);
  });

  it('fails with not-found for an unknown profile', async () => {
    const run = await accord('profile', 'show', 'cn-us-2099');
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/cn-us-2099.*available: cn-ru-2015, test-multilateral/);
  });
});

describe('accord profile validate', () => {
  it('says OK for a valid profile, by id or by file', async () => {
    const byId = await accord('profile', 'validate', 'cn-ru-2015');
    expect(byId).toMatchObject({ code: 0, stdout: expect.stringContaining('OK: cn-ru-2015 1.0.0 is a valid agreement profile') as unknown });
    const byFile = await accord('profile', 'validate', resolveProfileFile('test-multilateral'));
    expect(byFile.code).toBe(0);
  });

  it('lists every problem with its path and exits non-zero', async () => {
    const file = brokenProfileFile();
    const run = await accord('profile', 'validate', file);
    expect(run.code).toBe(9);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('parties[0].timeZone: must be an IANA time zone');
    expect(run.stderr).toContain(`accord: Invalid agreement profile: ${file} is not a valid agreement profile: 1 problem(s)`);
  });

  it('reports the cross-reference problem once the schema passes', async () => {
    const file = brokenProfileFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('Asia/Beijing', 'Asia/Shanghai'));
    const run = await accord('--lang', 'ru', 'profile', 'validate', file);
    expect(run.code).toBe(9);
    expect(run.stderr).toContain('consultations.regular.hostRotation[1]: ссылается на «US», не являющийся Стороной соглашения');
    expect(run.stderr).toContain('Недопустимый профиль соглашения');
  });

  it('names a missing or folder path in the reader\'s language with the exit code of its kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-profile-cli-'));
    const missing = join(dir, 'missing.yaml');
    const run = await accord('--lang', 'ru', 'profile', 'validate', missing);
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`accord: Не найдено: файла или папки ${missing} нет\n`);
    const folder = await accord('--lang', 'zh', 'profile', 'validate', `${dir}/`);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/需要文件的地方给出了文件夹\n$/);
  });

  it('gives JSON readers the problems as error details', async () => {
    const run = await accord('--json', 'profile', 'validate', brokenProfileFile());
    expect(run.code).toBe(9);
    const error = JSON.parse(run.stderr) as { error: string; details: Array<{ path: string; message: string }> };
    expect(error.error).toBe('invalid-profile');
    expect(error.details).toEqual([{ path: 'parties[0].timeZone', message: 'must be an IANA time zone (e.g. Asia/Shanghai)' }]);
  });
});

describe('accord profile list', () => {
  it('lists the stored profiles with their parties', async () => {
    const run = await accord('profile', 'list');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cn-ru-2015\s+1\.0\.0\s+CN-RU/);
    expect(run.stdout).toMatch(/test-multilateral\s+0\.1\.0\s+XA-XB-XC/);
  });
});
