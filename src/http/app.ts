import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { negotiateLocale, isLocale, type Locale } from '../i18n/locale.js';
import type { NodeServices } from '../node/node-services.js';
import { authMessage } from '../auth/auth.messages.js';
import { jsonDepth } from './json-depth.js';
import { lazySchemaCompilers } from './lazy-schema-compilers.js';
import { httpMessage, sendProblem, toAccordError } from './problem.js';
import { userAuthenticator, type Authenticator } from './authenticate.js';
import { peerAuthenticator } from '../federation/peer-auth.js';
import './request-context.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface AppOptions {
  /** Further ways to authenticate (peer nodes' signed requests), tried before user credentials. */
  readonly authenticators?: readonly Authenticator[];
  /** Route plugins of further domains (federation, warnings, …), registered after the core. */
  readonly plugins?: ReadonlyArray<(app: App, services: NodeServices) => Promise<void>>;
  /** The node's default language for messages when the request does not say. */
  readonly defaultLocale: Locale;
}

/** Builds the node's HTTP application: one error mapping, one authentication hook, every route. */
export async function createApp(services: NodeServices, options: AppOptions): Promise<App> {
  const { config, metrics } = services;
  const compilers = lazySchemaCompilers();
  const app = Fastify({
    // Fastify's request serializer logs method, URL and address, never headers: credentials stay out.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens pino's Logger to the type App is declared with
    loggerInstance: services.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: config.limits.bodyBytes,
    // A STIX id is up to 250 characters of type, '--' and a UUID: Fastify's default of 100 would turn long ones into 404s.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    trustProxy: process.env.ACCORD_TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: compilers.buildValidator, buildSerializer: compilers.buildSerializer } },
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onClose', async () => compilers.forget());
  app.decorateRequest('principal', undefined);
  app.decorateRequest('locale', options.defaultLocale);
  app.decorateRequest('credential', undefined);

  // JSON bodies are parsed once here, with the nesting bound that protects every route.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/problem+json'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const value: unknown = text.length ? JSON.parse(text) : undefined;
      if (jsonDepth(value, config.limits.jsonDepth) > config.limits.jsonDepth)
        return done(new AccordError('bad-request', httpMessage('tooDeep', { limit: config.limits.jsonDepth })), undefined);
      done(null, value);
    } catch (error) {
      done(new AccordError('malformed-json', httpMessage('badJson', { detail: jsonSyntaxProblem(error) })), undefined);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Accord node API', version: '1', description: 'REST API of an Accord node. Errors are application/problem+json (RFC 9457) with a stable `type` per kind of error.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } } },
      security: [{ bearer: [] }, { basic: [] }],
    },
  });

  const authenticators = [
    peerAuthenticator({ database: services.database, clock: services.clock, audit: services.audit, party: config.node.party }),
    ...(options.authenticators ?? []),
    userAuthenticator(services.auth),
  ];
  app.addHook('onRequest', async (request) => {
    const userLocale = request.headers['x-accord-locale'];
    request.locale = isLocale(userLocale) ? userLocale : negotiateLocale(request.headers['accept-language'], options.defaultLocale);
    if (request.routeOptions.config.public) return;
    for (const authenticate of authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        if (principal.kind === 'user' && isLocale(principal.locale) && !request.headers['accept-language']) request.locale = principal.locale;
        return;
      }
    }
    // The web app marks its calls with x-accord-csrf; a Basic challenge would pop a browser password dialog over it.
    const scheme = request.headers['x-accord-csrf'] ? 'Bearer realm="accord"' : 'Basic realm="accord", charset="UTF-8"';
    throw new AccordError('unauthenticated', authMessage('required'), { headers: { 'www-authenticate': scheme } });
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const accordError = toAccordError(error, request, config.limits.bodyBytes);
    if (accordError.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (accordError.status === 403 && !accordError.audited) await auditRefusal(services, request, accordError);
    return sendProblem(reply, request, accordError);
  });
  app.setNotFoundHandler({ preHandler: async () => undefined }, async (request, reply) =>
    sendProblem(reply, request, new AccordError('not-found', httpMessage('notFound', { method: request.method, url: request.url.split('?')[0] ?? '' }))),
  );

  const { coreRoutes } = await import('./core-routes.js');
  await coreRoutes(app, services);
  for (const plugin of options.plugins ?? []) await plugin(app, services);
  return app;
}

/**
 * Every 403 this node answers is a refusal the audit log must hold: one not already recorded where
 * it was decided is recorded here, with who asked, which route and why. A log that cannot be
 * written does not turn the refusal into a 500; it is logged instead.
 */
async function auditRefusal(services: NodeServices, request: FastifyRequest, error: AccordError): Promise<void> {
  const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0] ?? ''}`;
  try {
    await services.audit.record({
      actor: request.principal, action: 'request.refused', outcome: 'denied', targetType: 'route', targetId: route,
      detail: { code: error.code, reason: error.description.text('en') }, requestId: request.id, address: request.ip,
    });
  } catch (failure) {
    request.log.error({ err: failure, route }, 'refusal not audited');
  }
}
