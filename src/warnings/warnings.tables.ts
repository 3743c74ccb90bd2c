export const warningDirections = ['sent', 'received'] as const;
export type WarningDirection = (typeof warningDirections)[number];
export const warningStates = ['draft', 'sent', 'delivered', 'acknowledged', 'assessed', 'closed', 'withdrawn'] as const;
export type WarningState = (typeof warningStates)[number];
export type AddresseeState = 'pending' | 'sent' | 'delivered' | 'acknowledged' | 'assessed';

/** An early warning as this node tracks it: one it sends, or one it received. */
export interface WarningTable {
  /** The STIX id of the accord-early-warning object. */
  id: string;
  direction: WarningDirection;
  senderParty: string;
  state: WarningState;
  severity: string;
  threatCategory: string;
  title: string;
  lang: string;
  tlp: string | null;
  /** JSON list of { party, authorityRef } */
  addressees: string;
  /** JSON of the draft form while a draft; null once sent. */
  draft: string | null;
  /** Version (modified) of the latest STIX object sent or received. */
  versionUs: number | null;
  sentUs: number | null;
  deliveredUs: number | null;
  acknowledgedUs: number | null;
  assessedUs: number | null;
  closedUs: number | null;
  withdrawnUs: number | null;
  createdBy: string | null;
  createdUs: number;
  updatedUs: number;
  /** What this warning waits for: the inbox reads these (see warning-actions.ts). */
  nextAction: string | null;
  actionParty: string | null;
  actionAuthority: string | null;
  actionDueUs: number | null;
}

/** One addressed Party of a warning, with how far it got. */
export interface WarningPartyTable {
  warningId: string;
  party: string;
  authorityRef: string | null;
  state: AddresseeState;
  deliveredUs: number | null;
  acknowledgedUs: number | null;
  ackObjectId: string | null;
  acknowledgedBy: string | null;
}

/** One Party's part of the joint assessment: a STIX opinion and, optionally, a note. */
export interface WarningAssessmentTable {
  warningId: string;
  party: string;
  opinionId: string;
  noteId: string | null;
  agreement: string;
  confidence: number | null;
  assessedUs: number;
  assessedBy: string | null;
}

export interface WarningTables {
  warning: WarningTable;
  warningParty: WarningPartyTable;
  warningAssessment: WarningAssessmentTable;
}
