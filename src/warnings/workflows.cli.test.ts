import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/program.js';
import { AccordError } from '../errors/errors.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

/** Runs `accord …` in-process; returns what it printed, or the AccordError it failed with. */
async function accord(...args: string[]): Promise<{ out: string; error?: AccordError }> {
  let out = '';
  const stdout = new Writable({ write(chunk: Buffer, _enc, done) { out += chunk.toString(); done(); } });
  const program = await buildProgram({ stdout, stderr: stdout });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    if (error instanceof AccordError) return { out, error };
    throw error;
  }
}

/** Hands what one node put in its outbox for the other to that node's inbox, as federation would. */
async function deliver(from: TestNode, to: TestNode, id: string): Promise<void> {
  const body = await from.services.database.db.selectFrom('stixObject').select('body').where('id', '=', id).where('isLatest', '=', 1).executeTakeFirstOrThrow();
  const inbox = await to.services.collections.byAlias(`inbox-${from.services.config.node.party}`);
  await to.services.ingest.ingestObjects([JSON.parse(body.body)], { collectionId: inbox.id, originParty: from.services.config.node.party });
}

describe('accord warn and accord request', () => {
  let cn: TestNode;
  let ru: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
    ru = await createTestNode({ dialect: 'sqlite', party: 'RU' });
    await cn.token('liaison');
    await ru.token('liaison');
    await ru.token('reader');
  });
  afterAll(async () => {
    await cn?.close();
    await ru?.close();
  });

  it('sends, lists and acknowledges a warning; refuses acknowledging one\'s own and acting without the role', async () => {
    const sent = await accord('--json', 'warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'DDoS against payment systems', '--severity', 'medium',
      '--threat', 'economic-damage', '--to', 'RU', '--text-lang', 'ru', '--action', 'Rate-limit the listed networks', '--sector', 'financial-services');
    expect(sent.error).toBeUndefined();
    const warning = JSON.parse(sent.out) as { id: string; state: string; lang: string; deadlines: Array<{ due: string }> };
    expect(warning.state).toBe('sent');
    // The text's language, not the interface's: the program's --lang must not swallow it.
    expect(warning.lang).toBe('ru');
    expect(warning.deadlines).toHaveLength(1);

    const own = await accord('warn', 'ack', '--data', cn.dataDir, '--as', 'liaison', warning.id);
    expect(own.error?.code).toBe('forbidden');
    expect(own.error?.exitCode).toBe(4);

    const listed = await accord('warn', 'list', '--data', cn.dataDir, '--as', 'liaison');
    expect(listed.out).toContain(`${warning.id}\tsent\tsent\tmedium\t→ RU\tDDoS against payment systems\tawait-acknowledgement by RU before`);
    expect((await accord('--lang', 'zh', 'warn', 'list', '--data', cn.dataDir, '--as', 'liaison')).out).toContain('\tawait-acknowledgement：RU，须在 ');
    expect((await accord('--lang', 'ru', 'warn', 'show', '--data', cn.dataDir, '--as', 'liaison', warning.id)).out).toMatch(/^ {2}срок \S+ \(RU\): \S+, до \S+ \(юридическая дата \d{4}-\d{2}-\d{2}\)$/m);

    await deliver(cn, ru, warning.id);
    expect((await accord('warn', 'ack', '--data', ru.dataDir, '--as', 'reader', warning.id)).error?.code).toBe('forbidden');
    const acked = await accord('--json', 'warn', 'ack', '--data', ru.dataDir, '--as', 'liaison', '--comment', 'Seen', warning.id);
    expect(JSON.parse(acked.out)).toMatchObject({ state: 'acknowledged', direction: 'received' });
    const missing = await accord('warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'x', '--severity', 'severe', '--threat', 'crime', '--to', 'US');
    expect(missing.error?.code).toBe('validation-failed');
    expect(missing.error?.details.map((d) => d.path)).toEqual(['/severity', '/addressees/0/party']);
  });

  it('submits, accepts and declines requests', async () => {
    const submitted = await accord('--json', 'request', 'submit', '--data', ru.dataDir, '--as', 'liaison', '--to', 'CN', '--title', 'Preserve logs of 198.51.100.7',
      '--basis', 'art-3.5', '--threat', 'crime', '--facts', 'The address attacked a ministry', '--assist', 'preserve-logs', '--other', 'Tell us the hosting provider', '--urgency', 'urgent');
    expect(submitted.error).toBeUndefined();
    const request = JSON.parse(submitted.out) as { id: string; state: string };
    expect(request.state).toBe('submitted');
    await deliver(ru, cn, request.id);
    const declinedWithout = await accord('request', 'decline', '--data', cn.dataDir, '--as', 'liaison', request.id);
    expect(declinedWithout.error?.code).toBe('validation-failed');
    const declined = await accord('request', 'decline', '--data', cn.dataDir, '--as', 'liaison', '--reason', 'No logs are kept for that range', request.id);
    expect(declined.out).toContain('declination by CN (reasons: No logs are kept for that range)');
    expect((await accord('--lang', 'ru', 'request', 'show', '--data', cn.dataDir, '--as', 'liaison', request.id)).out).toContain('declination: CN (причины: No logs are kept for that range)');
    const again = await accord('request', 'accept', '--data', cn.dataDir, '--as', 'liaison', request.id);
    expect(again.error?.code).toBe('conflict');
    const list = await accord('request', 'list', '--data', cn.dataDir, '--as', 'liaison', '--direction', 'received');
    expect(list.out).toContain(`${request.id}\treceived\tdeclined\turgent\t← RU`);
  });
});
