import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { compileDeferredSchemas, lazySchemaCompilers } from './lazy-schema-compilers.js';

const ajv = { customOptions: { removeAdditional: false, coerceTypes: 'array' as const, allErrors: false } };
/** Fastify options for an app whose schemas compile lazily. */
function lazily() {
  const compilers = lazySchemaCompilers();
  return { schemaController: { compilersFactory: { buildValidator: compilers.buildValidator, buildSerializer: compilers.buildSerializer } }, compilers };
}

/** One route with a body, a querystring to coerce and a response schema; one whose schema cannot compile. */
function routes(app: FastifyInstance): FastifyInstance {
  app.post('/items', {
    schema: {
      body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      querystring: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, limit: { type: 'integer' } } },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, limit: { type: 'integer' } } } },
    },
  }, async (request) => ({ ...(request.body as object), ...(request.query as object), secret: 'not in the response schema' }));
  app.get('/broken', { schema: { querystring: { type: 'object', properties: { x: { type: 'no-such-type' } } } } }, async () => ({ ok: true }));
  return app;
}

describe('route schemas compiled on first use', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('starts without compiling: a schema that cannot compile fails its own route, not the start', async () => {
    const eager = routes(Fastify({ ajv }));
    apps.push(eager);
    await expect(eager.ready()).rejects.toThrow(/schema is invalid/);

    const { schemaController, compilers } = lazily();
    const lazy = routes(Fastify({ ajv, schemaController }));
    apps.push(lazy);
    await lazy.ready();
    expect((await lazy.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    await expect(compileDeferredSchemas(() => Promise.resolve())).rejects.toThrow(/GET \/broken querystring/);
    // A closed app's schemas are dropped, not compiled (or kept) for nothing.
    compilers.forget();
    expect(await compileDeferredSchemas(() => Promise.resolve())).toBe(0);
  });

  it('validates, coerces and serializes as the eager compilers do, on the first request and after', async () => {
    const app = routes(Fastify({ ajv, schemaController: lazily().schemaController }));
    apps.push(app);
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await app.inject({ method: 'POST', url: '/items', payload: { n: 'one' } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ message: string }>().message).toMatch(/body\/n must be integer/);
    }
    const missing = await app.inject({ method: 'POST', url: '/items', payload: {} });
    expect(missing.json<{ message: string }>().message).toMatch(/must have required property 'n'/);
    const accepted = await app.inject({ method: 'POST', url: '/items?tags=a&limit=5', payload: { n: 1 } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ n: 1, tags: ['a'], limit: 5 });
  });
});
