import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

describe('accord report and accord consultation', () => {
  let cn: TestNode;
  const dir = mkdtempSync(join(tmpdir(), 'accord-report-'));

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
    const liaison = await cn.services.auth.findUser('admin');
    if (!liaison) throw new Error('no admin');
    await cn.services.consultations.propose({ kind: 'user', userId: liaison.id, name: 'admin', role: 'admin', locale: 'zh', authorityRef: null }, {
      kind: 'regular', title: '第一次例行磋商', startsAt: '2030-03-02T01:00:00Z', endsAt: '2030-03-03T09:00:00Z', place: '北京', agenda: [{ title: '审议协定执行情况' }],
    });
  });
  afterAll(async () => {
    await cn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an HTML report in the language asked for, and a PDF', async () => {
    const html = join(dir, 'report.html');
    const done = await runAccord('report', '--data', cn.dataDir, '--from', '2030-01-01', '--to', '2030-06-30', '--lang', 'ru', '--out', html);
    expect(done.error).toBeUndefined();
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('<html lang="ru">');
    expect(text).toContain('Консультации');
    expect(text).toContain('data-count="consultations-planned">1<');
    expect(text).toContain('第一次例行磋商');
    const pdf = join(dir, 'report.pdf');
    expect((await runAccord('report', '--data', cn.dataDir, '--from', '2030-01-01', '--to', '2030-06-30', '--lang', 'zh', '--format', 'pdf', '--out', pdf)).error).toBeUndefined();
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('refuses a bad format or period with a clear error', async () => {
    expect((await runAccord('report', '--data', cn.dataDir, '--from', '2030-01-01', '--to', '2030-06-30', '--format', 'docx')).error?.code).toBe('bad-request');
    const reversed = await runAccord('report', '--data', cn.dataDir, '--from', '2030-06-30', '--to', '2030-01-01');
    expect(reversed.error?.code).toBe('bad-request');
    expect(reversed.error?.message).toContain('2030-06-30');
    // A browser that is not there is the node's set-up to fix, not an internal error.
    const noBrowser = await runAccord('report', '--data', cn.dataDir, '--from', '2030-01-01', '--to', '2030-06-30', '--format', 'pdf', '--chromium', join(dir, 'no-chromium'), '--out', join(dir, 'x.pdf'));
    expect(noBrowser.error?.code).toBe('invalid-configuration');
    expect(noBrowser.error?.description.text('zh')).toContain('ACCORD_CHROMIUM');
  });

  it('proposes from the command line, and refuses accepting one\'s own terms or overlapping dates', async () => {
    const proposed = await runAccord('--json', 'consultation', 'propose', '--data', cn.dataDir, '--title', 'Экстренные консультации', '--starts', '2030-09-01T06:00:00Z', '--ends', '2030-09-02T06:00:00Z', '--place', 'Москва', '--host', 'RU', '--agenda', 'Оценка');
    expect(proposed.error).toBeUndefined();
    const body = JSON.parse(proposed.out) as { id: string; host: string; terms: { timeZone: string } };
    expect(body).toMatchObject({ host: 'RU', terms: { timeZone: 'Europe/Moscow' } });
    expect((await runAccord('consultation', 'accept', '--data', cn.dataDir, body.id)).error?.code).toBe('conflict');
    const overlap = await runAccord('consultation', 'propose', '--data', cn.dataDir, '--title', 'x', '--starts', '2030-09-01T12:00:00Z', '--ends', '2030-09-03T06:00:00Z', '--place', 'x', '--agenda', 'x');
    expect(overlap.error?.code).toBe('conflict');
    expect(overlap.error?.message).toContain(body.id);
    // A misspelt "regular" used to become an extraordinary consultation.
    const misspelt = await runAccord('--json', 'consultation', 'propose', '--data', cn.dataDir, '--kind', 'regualr', '--title', 'x', '--starts', '2030-10-01T06:00:00Z', '--ends', '2030-10-01T09:00:00Z', '--place', 'x', '--agenda', 'x');
    expect(misspelt.usage).toBe('commander.invalidArgument');
    expect((await runAccord('consultation', 'list', '--data', cn.dataDir)).out).not.toContain('2030-10-01');
  });

  it('shows the regular schedule with the planned consultation, and exports the calendar', async () => {
    const schedule = await runAccord('--json', 'consultation', 'schedule', '--data', cn.dataDir, '--from', '2030-01-01', '--years', '1');
    const parsed = JSON.parse(schedule.out) as { windows: Array<{ start: string; host: string; consultation: { title: string } | null }> };
    expect(parsed.windows.map((w) => [w.start, w.host, w.consultation?.title ?? null])).toEqual([['2030-01-01', 'CN', '第一次例行磋商'], ['2030-07-01', 'RU', null]]);
    const ics = await runAccord('consultation', 'ics', '--data', cn.dataDir);
    expect(ics.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.out).toContain('DTSTART:20300302T010000Z');
  });
});
