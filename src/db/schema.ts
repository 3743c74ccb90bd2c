import type { AuditTables } from '../audit/audit.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { ObjectsTables } from '../objects/objects.tables.js';
import type { TaxiiTables } from '../taxii/taxii.tables.js';
import type { FederationTables } from '../federation/federation.tables.js';
import type { LedgerTables } from '../ledger/ledger.tables.js';
import type { ExchangeTables } from '../exchange/exchange.tables.js';
import type { DeadlineTables } from '../deadlines/deadlines.tables.js';
import type { NotificationTables } from '../notifications/notifications.tables.js';
import type { WarningTables } from '../warnings/warnings.tables.js';
import type { RequestTables } from '../requests/requests.tables.js';
import type { CorrelationTables } from '../correlation/correlation.tables.js';
import type { PartyRecordTables } from '../agreement/party-records.tables.js';
import type { ConsultationTables } from '../consultations/consultations.tables.js';

export interface SettingTable {
  key: string;
  value: string;
}

/** The whole schema as Kysely sees it: each domain declares its own tables. */
export interface DB extends CorrelationTables, ObjectsTables, TaxiiTables, AuthTables, AuditTables, FederationTables, LedgerTables,
  ExchangeTables, DeadlineTables, NotificationTables, WarningTables, RequestTables, PartyRecordTables, ConsultationTables {
  setting: SettingTable;
}
