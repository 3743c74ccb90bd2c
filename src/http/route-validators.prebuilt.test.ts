import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvCompiler from '@fastify/ajv-compiler';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageScratch } from '../../test/support/package-scratch.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { repoRoot } from '../../test/support/corpora.js';
import { compileDeferredSchemas, deferredValidatorSources, lazySchemaCompilers } from './lazy-schema-compilers.js';
import { prebuiltRouteValidator, validatorKey, writePrebuiltRouteValidators, type ValidatorSource } from './route-validators.prebuilt.js';

type Validate = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown };

const ajv = { customOptions: { removeAdditional: false, coerceTypes: 'array' as const, allErrors: false } };

/** Values of every JSON type, for each property of an object schema and on their own. */
function probes(schema: unknown): unknown[] {
  const properties = Object.keys((schema as { properties?: object }).properties ?? {});
  const each = (value: unknown) => Object.fromEntries(properties.map((p) => [p, value]));
  return [{}, [], 'text', 7, null, true, each('1'), each(1), each(-1.5), each(true), each(['1']), each({}), each(null), each('2026-11-01T08:00:00Z'), each('x'.repeat(5000)), { ...each('a'), unexpected: 1 }];
}

/** What a validator says of `data` and what it left of it (coercion and defaults change the data). */
function verdict(validate: Validate, data: unknown) {
  const copy = structuredClone(data);
  const holder = { value: copy };
  const valid = validate(copy, { instancePath: '', parentData: holder, parentDataProperty: 'value', rootData: copy });
  return { valid, errors: valid ? null : validate.errors, after: copy };
}

describe('the route validators the build writes', () => {
  const scratch = packageScratch('route-validators-');
  let node: TestNode;
  let sources: ValidatorSource[];
  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite' });
    sources = deferredValidatorSources();
  });
  afterAll(async () => {
    await node?.close();
    scratch.clean();
  });

  it('are there after the build for every request schema of a node\'s routes', () => {
    expect(sources.length).toBeGreaterThan(100);
    const built = join(repoRoot, 'dist', 'src', 'http');
    const missing = sources.filter((source) => !prebuiltRouteValidator(source, built)).map((s) => `${s.route.method} ${s.route.url} ${s.route.httpPart}`);
    expect(missing).toEqual([]);
  });

  it('judge, coerce and report every probe exactly as the validators compiled in the process', () => {
    const folder = scratch.folder();
    const distinct = writePrebuiltRouteValidators(sources, folder);
    expect(distinct).toBe(new Set(sources.map(validatorKey)).size);
    let refused = 0;
    let coerced = 0;
    for (const source of sources) {
      const compiled = AjvCompiler()(source.externalSchemas, source.options)(source.route) as unknown as Validate;
      const fromBuild = prebuiltRouteValidator(source, folder);
      if (!fromBuild || fromBuild === compiled) throw new Error(`no separate validator written for ${source.route.method} ${source.route.url}`);
      for (const probe of probes(source.route.schema)) {
        const expected = verdict(compiled, probe);
        expect(verdict(fromBuild, probe), `${source.route.method} ${source.route.url} ${source.route.httpPart}`).toEqual(expected);
        if (!expected.valid) refused++;
        else if (JSON.stringify(expected.after) !== JSON.stringify(probe)) coerced++;
      }
    }
    expect(refused).toBeGreaterThan(sources.length);
    expect(coerced).toBeGreaterThan(0);
  });
});

/** One route with a body, a querystring to coerce and a response schema. */
function routes(app: FastifyInstance, limit: object = { type: 'integer' }): FastifyInstance {
  app.post('/items', {
    schema: {
      body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      querystring: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, limit } },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, limit } } },
    },
  }, async (request) => ({ ...(request.body as object), ...(request.query as object) }));
  return app;
}

describe('an app whose schemas the build compiled', () => {
  const scratch = packageScratch('route-validators-app-');
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  afterAll(() => scratch.clean());

  /** An app with the lazy compilers, reading the build's code from `folder`. */
  async function app(folder: string, limit?: object) {
    const compilers = lazySchemaCompilers({ prebuiltFolder: folder });
    const made = routes(Fastify({ ajv, schemaController: { compilersFactory: { buildValidator: compilers.buildValidator, buildSerializer: compilers.buildSerializer } } }), limit);
    apps.push(made);
    await made.ready();
    return { app: made, compilers };
  }

  /** Writes the code of the validators of an app like `routes` makes into a new folder. */
  async function build(): Promise<string> {
    const { app: built, compilers } = await app(scratch.folder());
    const folder = scratch.folder();
    expect(writePrebuiltRouteValidators(deferredValidatorSources(), folder)).toBe(2);
    compilers.forget();
    await built.close();
    return folder;
  }

  async function requests(made: FastifyInstance) {
    const refused = await made.inject({ method: 'POST', url: '/items', payload: { n: 'one' } });
    const missing = await made.inject({ method: 'POST', url: '/items', payload: {} });
    const accepted = await made.inject({ method: 'POST', url: '/items?tags=a&limit=5', payload: { n: 1 } });
    return { refused: [refused.statusCode, refused.json<{ message: string }>().message], missing: missing.json<{ message: string }>().message, accepted: [accepted.statusCode, accepted.json()] };
  }

  it('validates and coerces with the build\'s code, compiling nothing', async () => {
    const folder = await build();
    const { app: made, compilers } = await app(folder);
    expect(await requests(made)).toEqual({ refused: [400, 'body/n must be integer'], missing: "body must have required property 'n'", accepted: [200, { n: 1, tags: ['a'], limit: 5 }] });
    await compileDeferredSchemas(() => Promise.resolve());
    expect(compilers.validators()).toEqual({ prebuilt: 2, compiled: 0 });
  });

  it('compiles a schema changed since the build, and everything when the code came from another toolchain', async () => {
    const folder = await build();
    const { app: changed, compilers } = await app(folder, { type: 'integer', maximum: 3 });
    const refused = await changed.inject({ method: 'POST', url: '/items?limit=5', payload: { n: 1 } });
    expect([refused.statusCode, refused.json<{ message: string }>().message]).toEqual([400, 'querystring/limit must be <= 3']);
    await compileDeferredSchemas(() => Promise.resolve());
    expect(compilers.validators()).toEqual({ prebuilt: 1, compiled: 1 });

    const other = scratch.folder();
    const file = join(folder, 'route-validators.compiled.cjs');
    writeFileSync(join(other, 'route-validators.compiled.cjs'), readFileSync(file, 'utf8').replace(/sourceSha256 = "[0-9a-f]{64}"/, `sourceSha256 = "${'0'.repeat(64)}"`));
    const { app: elsewhere, compilers: compiling } = await app(other);
    expect((await requests(elsewhere)).refused).toEqual([400, 'body/n must be integer']);
    await compileDeferredSchemas(() => Promise.resolve());
    expect(compiling.validators()).toEqual({ prebuilt: 0, compiled: 2 });
  });
});
