import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { ADMIN_PASSWORD, createTestNode, type TestNode } from '../../test/support/test-node.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe.each(dialects)('sign-in, sessions, tokens, users and audit on %s', (dialect) => {
  let node: TestNode;
  const bearer = async (role: 'admin' | 'liaison' | 'analyst' | 'reader') => ({ authorization: `Bearer ${await node.token(role)}`, 'accept-language': 'en' });
  const signIn = (name: string, password: string, address = '203.0.113.7') =>
    node.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password }, remoteAddress: address, headers: { 'accept-language': 'en' } });
  const sessionOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0] ?? '';

  beforeAll(async () => {
    node = await createTestNode({ dialect, env: { ACCORD_SIGNIN_ATTEMPTS: '3', ACCORD_SIGNIN_WINDOW_SECONDS: '600' } });
  });
  afterAll(async () => node?.close());

  it('signs in with a strict session cookie and answers /me with the role and its permissions', async () => {
    const response = await signIn('admin', ADMIN_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_session=acs_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: sessionOf(response) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'admin', role: 'admin', party: 'CN' });
    expect(me.json<{ permissions: string[] }>().permissions).toContain('users:manage');
  });

  it('throttles repeated failures per name and address, audits them, and keeps other addresses working', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await signIn('admin', 'not the password', '198.51.100.9');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['content-type']).toBe(PROBLEM);
    }
    const throttled = await signIn('admin', ADMIN_PASSWORD, '198.51.100.9');
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn('admin', ADMIN_PASSWORD, '198.51.100.10')).statusCode).toBe(200);
    const audit = await node.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.sign-in&limit=50', headers: await bearer('admin') });
    const denied = audit.json<{ events: Array<{ outcome: string; targetId: string }> }>().events.filter((e) => e.outcome === 'denied' && e.targetId === 'admin');
    expect(denied.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audit.json())).not.toContain('not the password');
  });

  it('accepts a cookie for a mutation only with the same-origin header, and signing out ends the session', async () => {
    const session = sessionOf(await signIn('admin', ADMIN_PASSWORD, '192.0.2.44'));
    const withoutHeader = await node.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: session }, payload: { name: 'cross-site' } });
    expect(withoutHeader.statusCode).toBe(401);
    const withHeader = await node.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: session, 'x-accord-csrf': '1' }, payload: { name: 'same-origin' } });
    expect(withHeader.statusCode).toBe(201);
    expect((await node.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: session, 'x-accord-csrf': '1' } })).statusCode).toBe(204);
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } })).statusCode).toBe(401);
  });

  it('shows a token once, accepts it as Bearer and Basic, and refuses it once revoked', async () => {
    const created = await node.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: await bearer('analyst'), payload: { name: 'script', expiresDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^acd_/);
    const listed = (await node.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: await bearer('analyst') })).json<Array<{ id: string; prefix: string }>>();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.find((t) => t.id === id)?.prefix).toBe(token.slice(0, 8));
    const basic = `Basic ${Buffer.from(`analyst:${token}`).toString('base64')}`;
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: basic } })).statusCode).toBe(200);
    expect((await node.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const forOther = await node.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: await bearer('reader'), payload: { name: 'x', user: 'admin' } });
    expect(forOther.statusCode).toBe(403);
  });

  it('lets only admins manage users, with clear refusals that change nothing', async () => {
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/users', headers: await bearer('liaison') })).statusCode).toBe(403);
    const weak = await node.app.inject({ method: 'POST', url: '/api/v1/users', headers: await bearer('admin'), payload: { name: 'zhang.san', role: 'analyst', password: 'short' } });
    expect(weak.statusCode).toBe(422);
    const badRole = await node.app.inject({ method: 'POST', url: '/api/v1/users', headers: await bearer('admin'), payload: { name: 'zhang.san', role: 'superuser', password: 'a long enough passphrase' } });
    expect(badRole.statusCode).toBe(422);
    const users = async () => (await node.app.inject({ method: 'GET', url: '/api/v1/users', headers: await bearer('admin') })).json<Array<{ id: string; name: string; role: string }>>();
    expect((await users()).map((u) => u.name)).not.toContain('zhang.san');
    const made = await node.app.inject({ method: 'POST', url: '/api/v1/users', headers: await bearer('admin'), payload: { name: 'zhang.san', role: 'analyst', password: 'a long enough passphrase' } });
    expect(made.statusCode).toBe(201);
    const again = await node.app.inject({ method: 'POST', url: '/api/v1/users', headers: await bearer('admin'), payload: { name: 'zhang.san', role: 'reader', password: 'a long enough passphrase' } });
    expect(again.statusCode).toBe(409);
    expect((await users()).find((u) => u.name === 'zhang.san')?.role).toBe('analyst');
    const admin = (await users()).find((u) => u.name === 'admin');
    const demote = await node.app.inject({ method: 'PATCH', url: `/api/v1/users/${admin?.id ?? ''}`, headers: await bearer('admin'), payload: { role: 'reader' } });
    expect(demote.statusCode).toBe(409);
    expect((await users()).find((u) => u.name === 'admin')?.role).toBe('admin');
    const audit = await node.app.inject({ method: 'GET', url: '/api/v1/audit?action=user.create&limit=10', headers: await bearer('admin') });
    expect(JSON.stringify(audit.json())).toContain('zhang.san');
    expect(JSON.stringify(audit.json())).not.toContain('a long enough passphrase');
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/audit', headers: await bearer('reader') })).statusCode).toBe(403);
  });

  it('lets users choose their language and change their password only with the current one', async () => {
    await node.app.inject({ method: 'POST', url: '/api/v1/users', headers: await bearer('admin'), payload: { name: 'petrova', role: 'liaison', password: 'first passphrase here' } });
    const session = sessionOf(await signIn('petrova', 'first passphrase here', '192.0.2.50'));
    const headers = { cookie: session, 'x-accord-csrf': '1' };
    const locale = await node.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { locale: 'ru' } });
    expect(locale.statusCode).toBe(200);
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } })).json()).toMatchObject({ locale: 'ru' });
    const wrong = await node.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { ...headers, 'accept-language': 'ru' }, payload: { password: 'second passphrase here', currentPassword: 'guess' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ detail: string }>().detail).toBe('Текущий пароль неверен; ничего не изменено');
    expect((await signIn('petrova', 'first passphrase here', '192.0.2.51')).statusCode).toBe(200);
    const unknown = await node.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { role: 'admin' } });
    expect(unknown.statusCode).toBeGreaterThanOrEqual(400);
    expect((await node.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } })).json()).toMatchObject({ role: 'liaison' });
    const right = await node.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { password: 'second passphrase here', currentPassword: 'first passphrase here' } });
    expect(right.statusCode).toBe(200);
    expect((await signIn('petrova', 'second passphrase here', '192.0.2.52')).statusCode).toBe(200);
    expect((await signIn('petrova', 'first passphrase here', '192.0.2.53')).statusCode).toBe(401);
  });
});
