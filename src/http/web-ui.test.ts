import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import './request-context.js';
import { CONTENT_SECURITY_POLICY, webUiRoutes } from './web-ui.js';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const apps: FastifyInstance[] = [];

function builtApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'accord-web-'));
  dirs.push(root);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Accord</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return root;
}

/** An app shaped like the node's: every route needs credentials unless public; unknown routes are problems. */
async function app(root: string): Promise<FastifyInstance> {
  const instance = Fastify();
  apps.push(instance);
  instance.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public) return;
    if (request.headers.authorization !== 'Bearer ok') await reply.code(401).send({ status: 401 });
  });
  instance.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).type('application/problem+json').send({ status: 404, code: 'not-found' }),
  );
  instance.get('/api/v1/me', () => Promise.resolve({ name: 'x' }));
  await instance.register(webUiRoutes({ logger }, { root }));
  await instance.ready();
  return instance;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('web UI serving', () => {
  it('serves the app shell at / and for client routes, without credentials, with strict headers', async () => {
    const web = await app(builtApp());
    for (const url of [
      '/',
      '/objects',
      '/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f?tab=graph',
      '/admin/users',
      '/objects?q=evil.example.com',
    ]) {
      const response = await web.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('serves hashed assets as immutable, other files revalidated', async () => {
    const root = builtApp();
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    const web = await app(root);
    const asset = await web.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await web.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('never answers API, TAXII, federation, health or metrics paths, nor missing files, with the app', async () => {
    const web = await app(builtApp());
    for (const url of [
      '/api/v1/nothing-here',
      '/api',
      '/taxii2/x/y',
      '/federation/v1/zzz',
      '/metrics/x',
      '/assets/missing.js',
      '/favicon.ico',
    ]) {
      const response = await web.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/problem\+json/);
    }
    // Real API routes keep their own authentication.
    expect((await web.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect(
      (await web.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer ok' } })).statusCode,
    ).toBe(200);
  });

  it('registers nothing when the app is not built', async () => {
    const web = await app(join(tmpdir(), 'accord-no-such-build'));
    for (const url of ['/', '/objects']) {
      const response = await web.inject({ url });
      // Unknown routes fall to the node's own handling (here: credentials first, then 404).
      expect(response.statusCode, url).toBe(401);
      expect(response.body).not.toContain('<div id="root">');
    }
  });
});
