import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { NodeServices } from '../node/node-services.js';
import { packageRoot } from '../profile/profile.loader.js';

/** Paths that belong to the node's machine interfaces: never answered with the web app. */
const RESERVED = /^\/(api|taxii2|federation|healthz|metrics|\.well-known)(\/|$)/;
/** A last path segment with a file extension: a missing asset, not a page of the app. */
const LOOKS_LIKE_FILE = /\/[^/]+\.[A-Za-z0-9]{1,8}$/;

/**
 * The app shell holds no data and runs no inline code, so the policy can be strict: everything
 * from this origin only, nothing framed, nothing inline. Charts and the graph draw through the
 * DOM and canvas, which style-src does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('x-frame-options', 'DENY');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('cross-origin-opener-policy', 'same-origin');
  void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

let warned = false;

/** Where the built web app lives: dist/web under the package root. */
export function webUiRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

/**
 * Serves the web application at "/" (built by Vite into dist/web) with an SPA fallback for the
 * app's own routes. Every route here is public: the shell holds no data and every data call
 * authenticates. Without a build (server tests run before one) it serves nothing and says so once.
 */
export function webUiRoutes(
  services: Pick<NodeServices, 'logger'>,
  options: { root?: string } = {},
): FastifyPluginAsync {
  const root = options.root ?? webUiRoot();
  return async (app) => {
    if (!existsSync(join(root, 'index.html'))) {
      if (!warned) services.logger.warn({ root }, 'web UI not built (npm run build); serving the API only');
      warned = true;
      return;
    }
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true };
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      secure(reply);
      return payload;
    });
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      serveDotFiles: false,
      schemaHide: true,
      cacheControl: false,
      // Vite names assets by content hash: they never change under one name.
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const shell = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
    app.get('/', { schema: { hide: true } }, async (_request, reply) => shell(reply));
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (RESERVED.test(path) || LOOKS_LIKE_FILE.test(path)) return reply.callNotFound();
      return shell(reply);
    });
  };
}
