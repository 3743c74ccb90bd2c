import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accordOutput } from '../cli/cli-runner.testkit.js';
import { isAccordError } from '../errors/errors.js';
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
    expect(await cn.services.federation.peers.list()).toEqual([]);
  });

  it('refuses an unknown key --purpose as a usage error', async () => {
    expect(await failure(accordOutput('keys', 'rotate', '--data', cn.dataDir, '--purpose', 'nodes'))).toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('says in the operator’s language why a peer was not told of a new key', async () => {
    await accordOutput('peer', 'add', '--data', cn.dataDir, '--fingerprint', ruCard.fingerprint, JSON.stringify(ruCard));
    const out = await accordOutput('--lang', 'zh', 'keys', 'rotate', '--data', cn.dataDir);
    expect(out).toMatch(/^ {2}RU：未能送达（无法连接对等节点 RU：.+）；运行中的节点会重试$/m);
  });
});
