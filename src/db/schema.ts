import type { AuditTables } from '../audit/audit.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { ObjectsTables } from '../objects/objects.tables.js';
import type { TaxiiTables } from '../taxii/taxii.tables.js';
import type { FederationTables } from '../federation/federation.tables.js';
import type { LedgerTables } from '../ledger/ledger.tables.js';

export interface SettingTable {
  key: string;
  value: string;
}

/** The whole schema as Kysely sees it: each domain declares its own tables. */
export interface DB extends ObjectsTables, TaxiiTables, AuthTables, AuditTables, FederationTables, LedgerTables {
  setting: SettingTable;
}
