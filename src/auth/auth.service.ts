import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { authMessage } from './auth.messages.js';
import { USER_NAME_PATTERN } from './auth.schema.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Principal, UserPrincipal } from './principal.js';
import { can, isRole, type Permission, type Role } from './roles.js';
import {
  clearSignInFailures, findActiveToken, insertToken, listTokens, readSignInFailures, revokeToken, revokeTokenByHash, touchToken, writeSignInFailures,
} from './tokens.repository.js';
import { findUserById, findUserByName, insertUser, listUsers, updateUser, type UserRow } from './users.repository.js';

const SESSION_HOURS = 12;
// Recording last use on every request would make each read a write; once a minute is enough.
const TOUCH_INTERVAL_US = 60_000_000;

export interface AuthSettings {
  readonly signInAttempts: number;
  readonly signInWindowSeconds: number;
}

export interface PublicUser {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly role: Role;
  readonly authorityRef: string | null;
  readonly locale: string | null;
  readonly disabled: boolean;
  readonly created: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(kind: 'api' | 'session'): string {
  return `${kind === 'api' ? 'acd' : 'acs'}_${randomBytes(32).toString('base64url')}`;
}

function publicUser(row: UserRow): PublicUser {
  return {
    id: row.id, name: row.name, displayName: row.displayName, role: row.role, authorityRef: row.authorityRef,
    locale: row.locale, disabled: row.disabled === 1, created: new Date(row.createdUs / 1000).toISOString(),
  };
}

/** Users, their credentials and sessions; turns a presented credential into a Principal. */
export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly settings: AuthSettings,
  ) {}

  /** The calling user, when their role grants the permission; 401 or 403 otherwise. */
  require(principal: Principal | undefined, permission: Permission): UserPrincipal {
    if (!principal) throw new AccordError('unauthenticated', authMessage('required'));
    if (principal.kind !== 'user' || !can(principal.role, permission))
      throw new AccordError('forbidden', authMessage('forbidden', { role: principal.kind === 'user' ? principal.role : `peer:${principal.party}`, permission }));
    return principal;
  }

  /** The user behind an API or session token, or undefined. */
  async principalForToken(token: string, expectedUser?: string): Promise<Principal | undefined> {
    const now = this.clock.nowMicros();
    const row = await findActiveToken(this.database.db, hashToken(token), now);
    if (!row || (expectedUser !== undefined && row.name !== expectedUser)) return undefined;
    if (row.lastUsedUs === null || now - row.lastUsedUs > TOUCH_INTERVAL_US) await touchToken(this.database.db, row.tokenId, now);
    return { kind: 'user', userId: row.userId, name: row.name, role: row.role, locale: row.locale, authorityRef: row.authorityRef };
  }

  /** Password sign-in for the web UI; throttled per user and address. Returns a session token. */
  async signIn(name: string, password: string, address: string): Promise<{ token: string; user: PublicUser; expires: string }> {
    const key = `${name.toLowerCase()}|${address}`;
    const now = this.clock.nowMicros();
    const windowUs = this.settings.signInWindowSeconds * 1_000_000;
    const attempts = await readSignInFailures(this.database.db, key);
    const inWindow = attempts && now - attempts.windowStartUs < windowUs ? attempts : undefined;
    if (inWindow && inWindow.failures >= this.settings.signInAttempts) {
      const seconds = Math.ceil((inWindow.windowStartUs + windowUs - now) / 1_000_000);
      await this.audit.record({ actor: undefined, action: 'auth.sign-in', outcome: 'denied', targetType: 'user', targetId: name, detail: { reason: 'throttled' }, address });
      throw new AccordError('rate-limited', authMessage('throttled', { user: name, seconds }), { headers: { 'retry-after': String(seconds) } });
    }
    const user = await findUserByName(this.database.db, name);
    const ok = user !== undefined && user.disabled === 0 && user.passwordHash !== null && (await verifyPassword(password, user.passwordHash));
    if (!ok || !user) {
      await writeSignInFailures(this.database.db, key, inWindow?.windowStartUs ?? now, (inWindow?.failures ?? 0) + 1);
      await this.audit.record({ actor: undefined, action: 'auth.sign-in', outcome: 'denied', targetType: 'user', targetId: name, address });
      throw new AccordError('unauthenticated', authMessage('badCredentials'));
    }
    await clearSignInFailures(this.database.db, key);
    const token = newToken('session');
    const expiresUs = now + SESSION_HOURS * 3600 * 1_000_000;
    await insertToken(this.database.db, {
      id: randomUUID(), userId: user.id, name: 'web session', kind: 'session', tokenHash: hashToken(token), prefix: token.slice(0, 8),
      createdUs: now, expiresUs, lastUsedUs: now, revokedUs: null,
    });
    const principal: Principal = { kind: 'user', userId: user.id, name: user.name, role: user.role, locale: user.locale, authorityRef: user.authorityRef };
    await this.audit.record({ actor: principal, action: 'auth.sign-in', targetType: 'user', targetId: user.name, address });
    return { token, user: publicUser(user), expires: new Date(expiresUs / 1000).toISOString() };
  }

  async signOut(token: string, principal: Principal): Promise<void> {
    await revokeTokenByHash(this.database.db, hashToken(token), this.clock.nowMicros());
    await this.audit.record({ actor: principal, action: 'auth.sign-out' });
  }

  /** Creates an API token for a user; the token is returned once and stored only as a hash. */
  async createToken(userName: string, tokenName: string, actor: Principal | 'system', expiresDays?: number): Promise<{ id: string; token: string }> {
    const user = await findUserByName(this.database.db, userName);
    if (!user) throw new AccordError('not-found', authMessage('userNotFound', { name: userName }));
    const token = newToken('api');
    const id = randomUUID();
    const now = this.clock.nowMicros();
    await insertToken(this.database.db, {
      id, userId: user.id, name: tokenName, kind: 'api', tokenHash: hashToken(token), prefix: token.slice(0, 8), createdUs: now,
      expiresUs: expiresDays ? now + expiresDays * 86_400_000_000 : null, lastUsedUs: null, revokedUs: null,
    });
    await this.audit.record({ actor, action: 'token.create', targetType: 'user', targetId: user.name, detail: { tokenId: id, name: tokenName } });
    return { id, token };
  }

  listTokens(userId?: string) {
    return listTokens(this.database.db, userId);
  }

  async revokeToken(tokenId: string, actor: UserPrincipal): Promise<void> {
    const own = can(actor.role, 'tokens:manage') ? undefined : actor.userId;
    const revoked = await revokeToken(this.database.db, tokenId, this.clock.nowMicros(), own);
    if (revoked === 0) throw new AccordError('not-found', authMessage('tokenNotFound'));
    await this.audit.record({ actor, action: 'token.revoke', targetType: 'token', targetId: tokenId });
  }

  async createUser(input: { name: string; displayName?: string; role: string; password?: string; authorityRef?: string | null; locale?: string | null }, actor: Principal | 'system'): Promise<PublicUser> {
    // The API's schema checks the name too; `accord user add` reaches here without it.
    if (!new RegExp(USER_NAME_PATTERN).test(input.name)) throw new AccordError('validation-failed', authMessage('badUserName', { name: input.name }));
    if (!isRole(input.role)) throw new AccordError('validation-failed', authMessage('badRole', { role: input.role }));
    if (input.password !== undefined && input.password.length < 12) throw new AccordError('validation-failed', authMessage('weakPassword'));
    if (await findUserByName(this.database.db, input.name)) throw new AccordError('conflict', authMessage('userExists', { name: input.name }));
    const now = this.clock.nowMicros();
    const row: UserRow = {
      id: randomUUID(), name: input.name, displayName: input.displayName ?? input.name, role: input.role, authorityRef: input.authorityRef ?? null,
      locale: input.locale ?? null, passwordHash: input.password ? await hashPassword(input.password) : null, disabled: 0, createdUs: now, updatedUs: now,
    };
    await insertUser(this.database.db, row);
    await this.audit.record({ actor, action: 'user.create', targetType: 'user', targetId: row.name, detail: { role: row.role } });
    return publicUser(row);
  }

  /** A user's own settings; changing the password proves the current one (a stolen session alone cannot). */
  async updateSelf(actor: Principal & { kind: 'user' }, changes: { displayName?: string; locale?: string | null; password?: string; currentPassword?: string }): Promise<PublicUser> {
    if (changes.password !== undefined) {
      const user = await findUserById(this.database.db, actor.userId);
      const ok = user?.passwordHash != null && changes.currentPassword !== undefined && (await verifyPassword(changes.currentPassword, user.passwordHash));
      if (!ok) {
        await this.audit.record({ actor, action: 'user.update', outcome: 'denied', targetType: 'user', targetId: actor.name, detail: { reason: 'current password wrong' } });
        throw new AccordError('unauthenticated', authMessage('currentPasswordWrong'));
      }
    }
    const { currentPassword: _proof, ...own } = changes;
    return this.updateUser(actor.userId, own, actor);
  }

  async updateUser(id: string, changes: { displayName?: string; role?: string; password?: string; disabled?: boolean; locale?: string | null; authorityRef?: string | null }, actor: Principal): Promise<PublicUser> {
    const user = await findUserById(this.database.db, id);
    if (!user) throw new AccordError('not-found', authMessage('userNotFound', { name: id }));
    if (changes.role !== undefined && !isRole(changes.role)) throw new AccordError('validation-failed', authMessage('badRole', { role: changes.role }));
    if (changes.password !== undefined && changes.password.length < 12) throw new AccordError('validation-failed', authMessage('weakPassword'));
    const demotes = user.role === 'admin' && ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (demotes) {
      const admins = (await listUsers(this.database.db)).filter((u) => u.role === 'admin' && u.disabled === 0);
      if (admins.length <= 1) throw new AccordError('conflict', authMessage('lastAdmin'));
    }
    const update: Parameters<typeof updateUser>[2] = { updatedUs: this.clock.nowMicros() };
    if (changes.displayName !== undefined) update.displayName = changes.displayName;
    if (changes.role !== undefined && isRole(changes.role)) update.role = changes.role;
    if (changes.password !== undefined) update.passwordHash = await hashPassword(changes.password);
    if (changes.disabled !== undefined) update.disabled = changes.disabled ? 1 : 0;
    if (changes.locale !== undefined) update.locale = changes.locale;
    if (changes.authorityRef !== undefined) update.authorityRef = changes.authorityRef;
    await updateUser(this.database.db, id, update);
    await this.audit.record({
      actor, action: 'user.update', targetType: 'user', targetId: user.name,
      detail: { ...changes, password: changes.password !== undefined ? '(changed)' : undefined },
    });
    const updated = await findUserById(this.database.db, id);
    if (!updated) throw new AccordError('not-found', authMessage('userNotFound', { name: id }));
    return publicUser(updated);
  }

  async listUsers(): Promise<PublicUser[]> {
    return (await listUsers(this.database.db)).map(publicUser);
  }

  async findUser(name: string): Promise<PublicUser | undefined> {
    const row = await findUserByName(this.database.db, name);
    return row ? publicUser(row) : undefined;
  }
}
