import { parseTimestampMicros } from '../clock/timestamp.js';
import type { LifecycleRecordKind } from '../exchange/exchange-kinds.js';
import { stringProp } from '../exchange/exchange-objects.js';
import type { StixObject } from '../objects/object-row.js';
import { findProvision } from '../profile/profile.lookup.js';
import { entryIntoForce, eventLegalDate, isLegalDate, terminationEffective, type LegalDayResult } from '../profile/legal-time.js';
import type { Profile, ProfileText } from '../profile/profile.schema.js';

/*
 * The agreement's lifecycle computed from the Parties' lifecycle records (final provisions):
 * signature → notifications of completed domestic procedures, each received by the other
 * Parties → entry into force on the profile's day after the last receipt; protocols make new
 * versions with their own entry into force; a notice of termination, once received, ends the
 * agreement on the profile's day. Pure functions of the records and an instant.
 */

export type AgreementStatus = 'not-recorded' | 'signed' | 'in-force' | 'terminating' | 'terminated';

export interface ReceiptState {
  readonly id: string;
  readonly party: string;
  readonly receivedAt: string;
  /** The legal date of the receipt (the day from which the period is counted). */
  readonly legalDate: string;
  readonly timeZone: string | null;
}

export interface NoticeState {
  readonly id: string;
  readonly party: string;
  readonly sentAt: string;
  readonly receipts: readonly ReceiptState[];
  /** Parties that have not yet recorded receipt. */
  readonly awaitingReceipt: readonly string[];
}

/** A date the agreement yields, with the provision (and its text) that yields it. */
export interface ComputedDate extends LegalDayResult {
  readonly provisionText: ProfileText | null;
  /** The receipt the period is counted from. */
  readonly countedFrom: string;
}

export interface VersionState {
  readonly version: string;
  /** The protocol that makes this version; null for the agreement as signed. */
  readonly protocolId: string | null;
  readonly name: string | null;
  readonly signedOn: string;
  readonly notifications: readonly NoticeState[];
  /** Parties that have not yet notified completion of their domestic procedures for this version. */
  readonly awaitingNotification: readonly string[];
  readonly entryIntoForce: ComputedDate | null;
}

export interface AgreementState {
  readonly agreement: string;
  readonly at: string;
  readonly status: AgreementStatus;
  readonly signature: { readonly id: string; readonly party: string; readonly signedOn: string; readonly place: string | null } | null;
  readonly entryIntoForce: ComputedDate | null;
  readonly versions: readonly VersionState[];
  readonly governingVersion: string;
  readonly termination: (NoticeState & { readonly effective: ComputedDate | null }) | null;
  readonly terminationEffective: ComputedDate | null;
}

const str = stringProp;
const kindOf = (o: StixObject): LifecycleRecordKind | undefined => str(o, 'record_kind') as LifecycleRecordKind | undefined;
const us = (value: string | undefined): number => (value ? (parseTimestampMicros(value) ?? 0) : 0);
const iso = (micros: number): string => new Date(Math.floor(micros / 1000)).toISOString();

/** Orders semantic versions (pre-release tags sort before their release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function receiptsOf(records: readonly StixObject[], noticeId: string, profile: Profile, notifying: string): ReceiptState[] {
  return records.filter((r) => kindOf(r) === 'receipt' && r.notification_ref === noticeId).map((r) => {
    const party = str(r, 'receiving_party') ?? '';
    const receivedAt = str(r, 'received_at') ?? '';
    const legal = eventLegalDate(profile, new Date(receivedAt), { receivingParty: party, sendingParty: notifying });
    return { id: r.id, party, receivedAt, legalDate: legal.date, timeZone: legal.timeZone ?? null };
  });
}

function noticeState(records: readonly StixObject[], notice: StixObject, profile: Profile): NoticeState {
  const party = str(notice, 'notifying_party') ?? '';
  const receipts = receiptsOf(records, notice.id, profile, party);
  const others = profile.parties.map((p) => p.code).filter((c) => c !== party);
  return { id: notice.id, party, sentAt: str(notice, 'sent_at') ?? '', receipts, awaitingReceipt: others.filter((c) => !receipts.some((r) => r.party === c)) };
}

function withProvision(profile: Profile, result: LegalDayResult, countedFrom: string): ComputedDate {
  return { ...result, provisionText: findProvision(profile, result.provision)?.text ?? null, countedFrom };
}

/** The latest date the receipts yield under `rule` (the last receipt, by the legal date it yields). */
function latestDate(profile: Profile, notices: readonly NoticeState[], rule: typeof entryIntoForce): ComputedDate | null {
  let best: ComputedDate | null = null;
  for (const notice of notices) {
    for (const receipt of notice.receipts) {
      const result = withProvision(profile, rule(profile, new Date(receipt.receivedAt), { receivingParty: receipt.party, sendingParty: notice.party }), receipt.id);
      if (!best || result.date > best.date || (result.date === best.date && (result.instant ?? '') > (best.instant ?? ''))) best = result;
    }
  }
  return best;
}

function versionState(profile: Profile, records: readonly StixObject[], version: string, protocol: StixObject | null, signedOn: string): VersionState {
  const notices = records.filter((r) => kindOf(r) === 'notification' && r.profile_version === version).map((n) => noticeState(records, n, profile));
  const parties = profile.parties.map((p) => p.code);
  const awaitingNotification = parties.filter((c) => !notices.some((n) => n.party === c));
  const complete = awaitingNotification.length === 0 && notices.every((n) => n.awaitingReceipt.length === 0);
  return {
    version, protocolId: protocol?.id ?? null, name: protocol ? (str(protocol, 'name') ?? null) : null, signedOn, notifications: notices, awaitingNotification,
    entryIntoForce: complete ? latestDate(profile, notices, entryIntoForce) : null,
  };
}

const reached = (date: ComputedDate | null, atUs: number): boolean => date?.instant !== undefined && us(date.instant) <= atUs;

/** The state of the agreement at an instant (microseconds), from every lifecycle record known. */
export function agreementState(profile: Profile, records: readonly StixObject[], atUs: number): AgreementState {
  const signature = records.find((r) => kindOf(r) === 'signature');
  const baseVersion = (signature && str(signature, 'profile_version')) ?? profile.version;
  const signedOn = (signature && str(signature, 'signed_on')) ?? profile.signed.date;
  const protocols = records.filter((r) => kindOf(r) === 'protocol').sort((a, b) => compareVersions(str(a, 'profile_version') ?? '', str(b, 'profile_version') ?? ''));
  const versions = [
    versionState(profile, records, baseVersion, null, signedOn),
    ...protocols.map((p) => versionState(profile, records, str(p, 'profile_version') ?? '', p, str(p, 'signed_on') ?? '')),
  ];
  const base = versions[0] ?? null;
  const entry = base?.entryIntoForce ?? null;
  const noticeRecord = records.find((r) => kindOf(r) === 'termination-notice');
  const notice = noticeRecord ? noticeState(records, noticeRecord, profile) : null;
  const effective = notice ? latestDate(profile, [notice], terminationEffective) : null;
  const inForce = versions.filter((v) => reached(v.entryIntoForce, atUs));
  const governingVersion = inForce.at(-1)?.version ?? baseVersion;
  let status: AgreementStatus = signature || records.length ? 'signed' : 'not-recorded';
  if (reached(entry, atUs)) status = 'in-force';
  if (status === 'in-force' && effective) status = reached(effective, atUs) ? 'terminated' : 'terminating';
  return {
    agreement: profile.id, at: iso(atUs), status,
    signature: signature ? { id: signature.id, party: str(signature, 'recording_party') ?? '', signedOn, place: str(signature, 'place') ?? null } : null,
    entryIntoForce: entry, versions, governingVersion,
    termination: notice ? { ...notice, effective } : null,
    terminationEffective: effective,
  };
}

/** The instant from which new exchanges stop (microseconds), if termination has a computed date. */
export function terminationInstantUs(state: AgreementState): number | undefined {
  const instant = state.terminationEffective?.instant;
  return instant ? us(instant) : undefined;
}

/** True for a calendar date the records may carry. */
export const isRecordDate = (value: unknown): value is string => typeof value === 'string' && isLegalDate(value);

/** The legal date of an instant for a Party (its zone), for comparisons with dates of signature. */
export function partyDate(profile: Profile, party: string, instant: string): string {
  return eventLegalDate(profile, new Date(instant), { receivingParty: party, sendingParty: party }).date;
}
