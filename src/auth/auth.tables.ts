import type { Role } from './roles.js';

export interface UserTable {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  authorityRef: string | null;
  locale: string | null;
  passwordHash: string | null;
  disabled: number;
  createdUs: number;
  updatedUs: number;
}

export type TokenKind = 'api' | 'session';

export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  kind: TokenKind;
  /** SHA-256 of the token: tokens are 256-bit random, so a fast hash is enough and lookups stay O(1). */
  tokenHash: string;
  prefix: string;
  createdUs: number;
  expiresUs: number | null;
  lastUsedUs: number | null;
  revokedUs: number | null;
}

export interface SignInAttemptTable {
  key: string;
  windowStartUs: number;
  failures: number;
}

export interface AuthTables {
  nodeUser: UserTable;
  apiToken: ApiTokenTable;
  signInAttempt: SignInAttemptTable;
}
