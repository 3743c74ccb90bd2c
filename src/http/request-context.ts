import type { Principal } from '../auth/principal.js';
import type { Locale } from '../i18n/locale.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the authentication hook, undefined only on public routes. */
    principal: Principal | undefined;
    /** The language of messages for this request. */
    locale: Locale;
    /** The raw credential, for sign-out. */
    credential: string | undefined;
  }
  interface FastifyContextConfig {
    /** Routes that answer without authentication (only /healthz and sign-in). */
    public?: boolean;
  }
}

export {};
