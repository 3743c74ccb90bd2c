import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accordOutput } from '../cli/cli-runner.testkit.js';
import { loadConfig } from '../config/config.js';
import { isAccordError } from '../errors/errors.js';
import { openNode } from './node-runtime.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

const failure = (run: Promise<unknown>): Promise<unknown> => run.then(() => undefined, (error: unknown) => error);

describe('accord user and token refuse what they cannot honour', () => {
  let node: TestNode;
  const userNames = async () => (await node.services.auth.listUsers()).map((u) => u.name).sort();

  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite' });
  });
  afterAll(async () => node?.close());

  it('refuses an unknown --role or --locale as a usage error instead of storing it', async () => {
    const before = await userNames();
    expect(await failure(accordOutput('user', 'add', '--data', node.dataDir, '--name', 'bob', '--role', 'superuser'))).toMatchObject({ code: 'commander.invalidArgument' });
    expect(await failure(accordOutput('user', 'add', '--data', node.dataDir, '--name', 'bob', '--role', 'analyst', '--locale', 'xx'))).toMatchObject({ code: 'commander.invalidArgument' });
    expect(await userNames()).toEqual(before);
    expect(await accordOutput('--lang', 'ru', 'user', 'add', '--data', node.dataDir, '--name', 'bob', '--role', 'analyst', '--locale', 'ru')).toBe('Пользователь bob (analyst) создан\n');
    expect(await node.services.auth.findUser('bob')).toMatchObject({ role: 'analyst', locale: 'ru' });
  });

  it('refuses a user name that could never sign in, in the operator’s language', async () => {
    for (const name of ['', 'ops:night']) {
      const refused = await failure(accordOutput('--lang', 'zh', 'user', 'add', '--data', node.dataDir, '--name', name, '--role', 'reader'));
      expect(isAccordError(refused) && refused.code).toBe('validation-failed');
      expect(isAccordError(refused) && refused.description.text('zh')).toContain('用户名须为 2 至 64 个');
    }
    expect(await userNames()).not.toContain('ops:night');
    expect(await userNames()).not.toContain('');
  });

  it('bounds --expires-days as the API does, instead of storing an expiry the database cannot hold', async () => {
    const refused = await failure(accordOutput('token', 'create', '--data', node.dataDir, '--user', 'admin', '--expires-days', '100000000'));
    expect(isAccordError(refused) && refused.code).toBe('bad-request');
    expect(isAccordError(refused) && refused.description.text('ru')).toBe('--expires-days должен быть целым числом дней от 1 до 3650');
    expect(await accordOutput('token', 'create', '--data', node.dataDir, '--user', 'admin', '--expires-days', '3650')).toMatch(/^acd_\S+\n$/);
  });
});

describe('accord init', () => {
  it('records the first admin user in the audit log, as every other user created is', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accord-init-'));
    try {
      expect(await accordOutput('init', '--data', dataDir, '--party', 'RU', '--url', 'http://127.0.0.1:8402')).toMatch(/admin/);
      const services = await openNode(loadConfig({ dataDir, env: process.env, jobs: false }), { logger: pino({ level: 'silent' }) });
      try {
        const created = await services.audit.list({ limit: 100, action: 'user.create' });
        expect(created.map((e) => ({ actor: e.actor, actorKind: e.actorKind, targetId: e.targetId, outcome: e.outcome }))).toEqual([{ actor: 'system', actorKind: 'system', targetId: 'admin', outcome: 'ok' }]);
      } finally {
        await services.database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
