import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NodeServices } from '../node/node-services.js';
import { SESSION_COOKIE } from '../http/authenticate.js';
import { AccordError } from '../errors/errors.js';
import { authMessage } from './auth.messages.js';
import { can, permissions, type Permission } from './roles.js';
import { CreateTokenBody, CreateUserBody, IdParams, SignInBody, TokenSchema, UpdateMeBody, UpdateUserBody, UserSchema } from './auth.schema.js';

const iso = (us: number | null): string | null => (us === null ? null : new Date(us / 1000).toISOString());

/** Sign-in, the current user, users and API tokens. */
export function authRoutes(services: NodeServices): FastifyPluginAsyncTypebox {
  const { auth, config } = services;
  const secure = config.node.url.startsWith('https:');
  return async (app) => {
    app.post('/session', {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign in with name and password; sets the session cookie', body: SignInBody, response: { 200: Type.Object({ user: UserSchema, expires: Type.String() }) } },
    }, async (request, reply) => {
      const { token, user, expires } = await auth.signIn(request.body.name, request.body.password, request.ip);
      void reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure ? '; Secure' : ''}`);
      return { user, expires };
    });

    app.delete('/session', { schema: { tags: ['auth'], summary: 'Sign out (revokes the session)' } }, async (request, reply) => {
      if (request.credential && request.principal) await auth.signOut(request.credential, request.principal);
      void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      return reply.code(204).send();
    });

    app.get('/me', { schema: { tags: ['auth'], summary: 'Who I am and what my role permits' } }, async (request) => {
      const principal = request.principal;
      if (!principal || principal.kind !== 'user') throw new AccordError('forbidden', authMessage('required'));
      const allowed = (Object.keys(permissions) as Permission[]).filter((p) => can(principal.role, p));
      return { name: principal.name, role: principal.role, locale: principal.locale, authorityRef: principal.authorityRef, party: config.node.party, permissions: allowed };
    });

    app.patch('/me', { schema: { tags: ['auth'], summary: 'Change my language, display name or password (with the current one)', body: UpdateMeBody, response: { 200: UserSchema } } }, async (request) => {
      const principal = request.principal;
      if (!principal || principal.kind !== 'user') throw new AccordError('forbidden', authMessage('required'));
      return auth.updateSelf(principal, request.body);
    });

    app.get('/users', { schema: { tags: ['users'], summary: 'All users of this node', response: { 200: Type.Array(UserSchema) } } }, async (request) => {
      auth.require(request.principal, 'users:manage');
      return auth.listUsers();
    });

    app.post('/users', { schema: { tags: ['users'], summary: 'Create a user', body: CreateUserBody, response: { 201: UserSchema } } }, async (request, reply) => {
      const actor = auth.require(request.principal, 'users:manage');
      return reply.code(201).send(await auth.createUser(request.body, actor));
    });

    app.patch('/users/:id', { schema: { tags: ['users'], summary: 'Change a user', params: IdParams, body: UpdateUserBody, response: { 200: UserSchema } } }, async (request) => {
      const actor = auth.require(request.principal, 'users:manage');
      return auth.updateUser(request.params.id, request.body, actor);
    });

    app.get('/tokens', { schema: { tags: ['tokens'], summary: 'API tokens (mine; all for admins)', response: { 200: Type.Array(TokenSchema) } } }, async (request) => {
      const actor = auth.require(request.principal, 'tokens:own');
      const rows = await auth.listTokens(can(actor.role, 'tokens:manage') ? undefined : actor.userId);
      return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, user: r.userName, created: iso(r.createdUs) ?? '', expires: iso(r.expiresUs), lastUsed: iso(r.lastUsedUs), revoked: iso(r.revokedUs) }));
    });

    app.post('/tokens', {
      schema: { tags: ['tokens'], summary: 'Create an API token; the token is shown once', body: CreateTokenBody, response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) } },
    }, async (request, reply) => {
      const actor = auth.require(request.principal, 'tokens:own');
      const forUser = request.body.user ?? actor.name;
      if (forUser !== actor.name) auth.require(actor, 'tokens:manage');
      return reply.code(201).send(await auth.createToken(forUser, request.body.name, actor, request.body.expiresDays));
    });

    app.delete('/tokens/:id', { schema: { tags: ['tokens'], summary: 'Revoke a token', params: IdParams } }, async (request, reply) => {
      const actor = auth.require(request.principal, 'tokens:own');
      await auth.revokeToken(request.params.id, actor);
      return reply.code(204).send();
    });
  };
}
