import type { Migration } from 'kysely';
import * as core from './20261128100000_core.js';
import * as federation from './20261128120000_federation.js';
import * as workflows from './20261128140000_workflows.js';
import * as correlation from './20261128150000_correlation.js';
import * as agreementGovernance from './20261128180000_agreement_governance.js';
import * as consultationsDisputes from './20261128190000_consultations_disputes.js';
import * as heldPartyRecords from './20261129070000_held_party_records.js';
import * as ingestIndexes from './20261129100000_ingest_indexes.js';
import * as unacknowledgedBundles from './20261130090000_unacknowledged_bundles.js';
import * as uncheckedDerivedRows from './20261130150000_unchecked_derived_rows.js';
import * as ledgerByObjectSeq from './20261130170000_ledger_by_object_seq.js';
import * as compactObjectKeys from './20261201090000_compact_object_keys.js';
import * as openDeadlinesByRule from './20261201100000_open_deadlines_by_rule.js';
import * as textMergesWhenQuiet from './20261202090000_text_merges_when_quiet.js';

/**
 * Every migration, by name; names sort in the order they run. A static list (rather than a
 * folder scan) keeps the compiled node and the TypeScript test run on the same set.
 */
export const migrations: Record<string, Migration> = {
  '20261128100000_core': core,
  '20261128120000_federation': federation,
  '20261128140000_workflows': workflows,
  '20261128150000_correlation': correlation,
  '20261128180000_agreement_governance': agreementGovernance,
  '20261128190000_consultations_disputes': consultationsDisputes,
  '20261129070000_held_party_records': heldPartyRecords,
  '20261129100000_ingest_indexes': ingestIndexes,
  '20261130090000_unacknowledged_bundles': unacknowledgedBundles,
  '20261130150000_unchecked_derived_rows': uncheckedDerivedRows,
  '20261130170000_ledger_by_object_seq': ledgerByObjectSeq,
  '20261201090000_compact_object_keys': compactObjectKeys,
  '20261201100000_open_deadlines_by_rule': openDeadlinesByRule,
  '20261202090000_text_merges_when_quiet': textMergesWhenQuiet,
};
