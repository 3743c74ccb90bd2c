import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/auth.service.js';
import type { Principal } from '../auth/principal.js';

export const SESSION_COOKIE = 'accord_session';

/** A way of proving who one is; peers add signed requests to these. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | undefined>;

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      // A mangled cookie is no credential: the caller is asked to authenticate, not told the node failed.
      return undefined;
    }
  }
  return undefined;
}

/**
 * Users authenticate with an API token (HTTP Basic user:token, or Bearer) or the web session
 * cookie. Passwords are accepted only by the sign-in route, never per request.
 */
export function userAuthenticator(auth: AuthService): Authenticator {
  return async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      request.credential = token;
      return auth.principalForToken(token);
    }
    if (header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      const token = decoded.slice(colon + 1);
      request.credential = token;
      return auth.principalForToken(token, decoded.slice(0, colon));
    }
    const session = cookie(request.headers.cookie, SESSION_COOKIE);
    if (session) {
      // A cookie rides along on cross-site requests; mutations must also prove same origin.
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers['x-accord-csrf'] !== '1') return undefined;
      request.credential = session;
      return auth.principalForToken(session);
    }
    return undefined;
  };
}
