import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { envelope, malware } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/cn-ru-2015';

/** Makes the store itself refuse one object id, as a full disk or a lost table would, below Accord's code. */
async function breakStoreFor(node: TestNode, id: string): Promise<void> {
  const { db, dialect } = node.services.database;
  if (dialect === 'sqlite') {
    await sql.raw(`create trigger refuse_poison before insert on stix_object when new.id = '${id}' begin select raise(abort, 'disk I/O error'); end`).execute(db);
    return;
  }
  await sql.raw(`create function refuse_poison() returns trigger language plpgsql as $$ begin raise exception 'could not extend file'; end $$`).execute(db);
  await sql.raw(`create trigger refuse_poison before insert on stix_object for each row when (new.id = '${id}') execute function refuse_poison()`).execute(db);
}

describe.each(dialects)('a TAXII add whose store fails part-way, on %s', (dialect) => {
  let node: TestNode;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    analyst = { authorization: `Bearer ${await node.token('analyst')}` };
  });
  afterAll(async () => node?.close());

  it('keeps what was stored, ends the status resource complete with the rest as failures, and answers 500 naming it', async () => {
    // Ingest stores a batch of at most 4,000 objects per transaction: the poisoned last one falls in a later batch than the first.
    const objects = Array.from({ length: 4003 }, () => malware());
    const poison = objects[4002]?.id as string;
    await breakStoreFor(node, poison);
    const headers = { ...analyst, accept: TAXII, 'content-type': TAXII, 'accept-language': 'zh' };
    const response = await node.app.inject({ method: 'POST', url: `${ROOT}/collections/intel/objects/`, headers, payload: envelope(objects) });

    expect(response.statusCode).toBe(500);
    const error = response.json<{ error_code: string; description: string }>();
    expect(error.error_code).toBe('internal');
    const statusId = /状态资源 (\S+) /.exec(error.description)?.[1] ?? '';
    const processed = Number(/已处理 (\d+) 个/.exec(error.description)?.[1]);
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(4002);
    expect(error.description).toBe(`因本节点出错，存储中途停止：4003 个对象中已处理 ${processed} 个；状态资源 ${statusId} 将其余对象计为失败`);

    const status = (await node.app.inject({ method: 'GET', url: `${ROOT}/status/${statusId}/`, headers })).json<{
      status: string; total_count: number; success_count: number; failure_count: number; pending_count: number; failures: Array<{ id: string; message: string }>;
    }>();
    expect(status).toMatchObject({ status: 'complete', total_count: 4003, success_count: processed, failure_count: 4003 - processed, pending_count: 0 });
    expect(status.failures.map((f) => f.id)).toEqual(objects.slice(processed).map((o) => o.id));
    expect(status.failures[0]?.message).toBe('未存储：本节点在存储此对象前出错；可安全地重新发送');

    const first = await node.app.inject({ method: 'GET', url: `${ROOT}/collections/intel/objects/${objects[0]?.id as string}/`, headers });
    expect(first.statusCode).toBe(200);
    const audit = await node.services.audit.list({ limit: 1, action: 'taxii.add' });
    expect(audit[0]).toMatchObject({ outcome: 'failed', targetId: 'intel' });
  });
});
