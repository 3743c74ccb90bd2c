import type { UserPrincipal } from '../auth/principal.js';
import { authMessage } from '../auth/auth.messages.js';
import { loadConfig } from '../config/config.js';
import { AccordError } from '../errors/errors.js';
import { openNode } from '../node/node-runtime.js';
import type { NodeServices } from '../node/node-services.js';

/**
 * Runs a workflow command in-process against a node's store, acting as one of its users (the
 * user's role decides what is allowed, exactly as through the API).
 */
export async function asUser<T>(dataDir: string, userName: string, run: (services: NodeServices, user: UserPrincipal) => Promise<T>): Promise<T> {
  const services = await openNode(loadConfig({ dataDir, jobs: false }), {});
  try {
    const found = await services.auth.findUser(userName);
    if (!found || found.disabled) throw new AccordError('not-found', authMessage('noActiveUser', { name: userName }));
    const user: UserPrincipal = { kind: 'user', userId: found.id, name: found.name, role: found.role, locale: found.locale, authorityRef: found.authorityRef };
    return await run(services, user);
  } finally {
    await services.database.close();
  }
}

/** Splits a comma-separated option into its values. */
export function listOption(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
