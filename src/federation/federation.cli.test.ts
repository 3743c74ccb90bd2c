import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accordOutput, runAccord } from '../cli/cli-runner.testkit.js';
import { detailsIn, isAccordError } from '../errors/errors.js';
import { indicator } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { fingerprintOf, type PeerCard } from './peer-card.js';

const failure = (run: Promise<unknown>): Promise<unknown> => run.then(() => undefined, (error: unknown) => error);

describe('accord peer and keys with bad input', () => {
  let cn: TestNode;
  let ruCard: PeerCard;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite' });
    const ru = await createTestNode({ dialect: 'sqlite', party: 'RU' });
    try {
      // Nothing listens on port 9: the peer is registered but cannot be reached.
      const card = { ...(await ru.services.federation.peers.card()), url: 'http://127.0.0.1:9' };
      ruCard = { ...card, fingerprint: fingerprintOf(card) };
    } finally {
      await ru.close();
    }
  });
  afterAll(async () => cn?.close());

  it('says what is wrong with a card in the operator’s language', async () => {
    const notJson = await failure(accordOutput('--lang', 'zh', 'peer', 'add', '--data', cn.dataDir, '--fingerprint', ruCard.fingerprint, '{not json'));
    expect(isAccordError(notJson) && notJson.description.text('zh')).toBe('对等节点名片无效：不是 JSON');
    const tampered = JSON.stringify({ ...ruCard, url: 'http://127.0.0.1:10' });
    const mismatch = await failure(accordOutput('peer', 'add', '--data', cn.dataDir, '--fingerprint', ruCard.fingerprint, tampered));
    expect(isAccordError(mismatch) && mismatch.description.text('ru')).toMatch(/^Недействительная карточка узла: её отпечаток .+ не соответствует содержимому/);
    const other = { ...ruCard, profile: 'test-multilateral' };
    const otherCard = { ...other, fingerprint: fingerprintOf(other) };
    const agreement = await failure(accordOutput('peer', 'add', '--data', cn.dataDir, '--fingerprint', otherCard.fingerprint, JSON.stringify(otherCard)));
    expect(isAccordError(agreement) && agreement.description.text('zh')).toBe('该对等节点名片属于协定 test-multilateral；本节点运行的是 cn-ru-2015');
    expect(await cn.services.federation.peers.list('en')).toEqual([]);
  });

  it('refuses a card from stdin without --fingerprint up front, as nothing would be left to answer the question with', async () => {
    const run = await runAccord('--lang', 'ru', 'peer', 'add', '--data', cn.dataDir, '-');
    expect(run.error?.exitCode).toBe(2);
    expect(run.error?.description.text('ru')).toMatch(/^Карточка читается со стандартного ввода.+передайте его в --fingerprint$/);
    expect(await cn.services.federation.peers.list('en')).toEqual([]);
  });

  it('says what is missing or mistyped in a card, field by field, in the operator’s language', async () => {
    const { fingerprint: _fingerprint, ...unsigned } = ruCard;
    const broken = JSON.stringify({ ...unsigned, party: 7, keys: [{ ...ruCard.keys[0], purpose: 'nodes' }] });
    const run = await runAccord('--lang', 'ru', 'peer', 'add', '--data', cn.dataDir, '--fingerprint', ruCard.fingerprint, broken);
    expect(run.error?.description.text('ru')).toBe('Недействительная карточка узла: /fingerprint: отсутствует обязательное свойство fingerprint');
    expect(run.error && detailsIn(run.error.details, 'ru')).toEqual([
      { path: '/fingerprint', message: 'отсутствует обязательное свойство fingerprint' },
      { path: '/party', message: 'должно иметь тип string' },
      { path: '/keys/0/purpose', message: 'должно быть одним из значений: "node", "authority"' },
    ]);
  });

  it('refuses an unknown key --purpose as a usage error', async () => {
    expect(await failure(accordOutput('keys', 'rotate', '--data', cn.dataDir, '--purpose', 'nodes'))).toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('says in the operator’s language why a peer was not told of a new key', async () => {
    await accordOutput('peer', 'add', '--data', cn.dataDir, '--fingerprint', ruCard.fingerprint, JSON.stringify(ruCard));
    const out = await accordOutput('--lang', 'zh', 'keys', 'rotate', '--data', cn.dataDir);
    expect(out).toMatch(/^ {2}RU：未能送达（无法连接对等节点 RU：.+）；运行中的节点会重试$/m);
    expect(out).toMatch(/^新的节点密钥 \S+$/m);
  });

  it('says why the last delivery failed in the reader’s language, and audits a sync asked for by hand', async () => {
    const outbox = await cn.services.collections.byAlias('outbox-RU');
    await cn.services.ingest.ingestObjects([indicator()], { collectionId: outbox.id, originParty: null, actor: 'system' });
    const sync = await runAccord('peer', 'sync', '--data', cn.dataDir, 'RU');
    expect(sync.error?.code).toBe('peer-unreachable');
    expect(await accordOutput('--lang', 'zh', 'peer', 'list', '--data', cn.dataDir)).toMatch(/\t无法连接对等节点 RU：连接被拒绝：该地址上没有服务在监听$/m);
    expect(await accordOutput('--lang', 'ru', 'peer', 'list', '--data', cn.dataDir)).toMatch(/\tУзел RU недоступен: в соединении отказано: по этому адресу никто не слушает$/m);
    const [audited] = await cn.services.audit.list({ limit: 1, action: 'peer.sync' });
    expect(audited).toMatchObject({ actor: 'system', action: 'peer.sync', outcome: 'failed', targetType: 'peer', targetId: 'RU' });
  });

  it('says the last delivery error in the API reader’s language and audits a sync asked for through the API', async () => {
    const headers = async (lang: string) => ({ authorization: `Bearer ${await cn.token('admin')}`, 'accept-language': lang });
    const peers = async (lang: string) => (await cn.app.inject({ method: 'GET', url: '/api/v1/peers', headers: await headers(lang) })).json<Array<{ lastError: string | null }>>();
    expect((await peers('ru'))[0]?.lastError).toBe('Узел RU недоступен: в соединении отказано: по этому адресу никто не слушает');
    expect((await peers('zh'))[0]?.lastError).toBe('无法连接对等节点 RU：连接被拒绝：该地址上没有服务在监听');
    const sync = await cn.app.inject({ method: 'POST', url: '/api/v1/peers/RU/sync', headers: await headers('en') });
    expect(sync.statusCode).toBe(502);
    const [audited] = await cn.services.audit.list({ limit: 1, action: 'peer.sync' });
    expect(audited).toMatchObject({ actor: 'admin', actorKind: 'user', outcome: 'failed', targetId: 'RU', requestId: sync.json<{ requestId: string }>().requestId });
  });
});
