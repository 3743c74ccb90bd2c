import { parseTimestampMicros } from '../clock/timestamp.js';
import type { ErrorCode } from '../errors/errors.js';
import { stringProp } from '../exchange/exchange-objects.js';
import type { Message } from '../i18n/messages.js';
import type { StixObject } from '../objects/object-row.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { agreementMessage } from './agreement.messages.js';
import { agreementState, compareVersions, isRecordDate, partyDate } from './lifecycle.js';

/** Why a lifecycle record cannot be kept: the error code, the offending property and what is wrong. */
export interface LifecycleRefusal {
  readonly code: Extract<ErrorCode, 'validation-failed' | 'conflict' | 'agreement-not-in-force'>;
  readonly path: string;
  readonly message: Message;
}

/** Peers' clocks may run a little ahead of this node's. */
const SKEW_US = 300_000_000;

const str = (o: StixObject, key: string): string => stringProp(o, key) ?? '';
const invalid = (path: string, message: Message): LifecycleRefusal => ({ code: 'validation-failed', path, message });
const conflict = (path: string, message: Message): LifecycleRefusal => ({ code: 'conflict', path, message });

function instantRefusal(object: StixObject, key: string, nowUs: number): LifecycleRefusal | undefined {
  const value = str(object, key);
  const at = parseTimestampMicros(value);
  if (at === undefined) return invalid(`/${key}`, agreementMessage('badInstant', { value }));
  if (at > nowUs + SKEW_US) return invalid(`/${key}`, agreementMessage('future', { field: key, value }));
  return undefined;
}

function dateRefusal(object: StixObject, key: string): LifecycleRefusal | undefined {
  return isRecordDate(object[key]) ? undefined : invalid(`/${key}`, agreementMessage('badDate', { value: str(object, key) }));
}

type Check = (profile: Profile, others: readonly StixObject[], object: StixObject, nowUs: number) => LifecycleRefusal | undefined;

const signature: Check = (_profile, others, object) => {
  const existing = others.find((r) => r.record_kind === 'signature');
  return dateRefusal(object, 'signed_on') ?? (existing ? conflict('/record_kind', agreementMessage('alreadySigned', { id: existing.id })) : undefined);
};

function signedOn(others: readonly StixObject[]): string | undefined {
  const found = others.find((r) => r.record_kind === 'signature');
  return found ? str(found, 'signed_on') : undefined;
}

const protocol: Check = (profile, others, object) => {
  const signed = signedOn(others);
  if (!signed) return conflict('/record_kind', agreementMessage('noSignature'));
  const bad = dateRefusal(object, 'signed_on');
  if (bad) return bad;
  if (str(object, 'signed_on') < signed) return invalid('/signed_on', agreementMessage('beforeSignature', { field: 'signed_on', value: str(object, 'signed_on'), signed }));
  const known = [str(others.find((r) => r.record_kind === 'signature') ?? object, 'profile_version') || profile.version, ...others.filter((r) => r.record_kind === 'protocol').map((r) => str(r, 'profile_version'))];
  const latest = known.sort(compareVersions).at(-1) ?? profile.version;
  const version = str(object, 'profile_version');
  return compareVersions(version, latest) > 0 ? undefined : invalid('/profile_version', agreementMessage('versionNotNewer', { latest, version }));
};

function noticeCommon(profile: Profile, others: readonly StixObject[], object: StixObject, nowUs: number): LifecycleRefusal | undefined {
  const signed = signedOn(others);
  if (!signed) return conflict('/record_kind', agreementMessage('noSignature'));
  const party = str(object, 'notifying_party');
  if (party !== str(object, 'recording_party')) return invalid('/notifying_party', agreementMessage('notOwnParty', { own: str(object, 'recording_party'), party }));
  const bad = instantRefusal(object, 'sent_at', nowUs);
  if (bad) return bad;
  const sentOn = partyDate(profile, party, str(object, 'sent_at'));
  return sentOn < signed ? invalid('/sent_at', agreementMessage('beforeSignature', { field: 'sent_at', value: str(object, 'sent_at'), signed })) : undefined;
}

const notification: Check = (profile, others, object, nowUs) => {
  const common = noticeCommon(profile, others, object, nowUs);
  if (common) return common;
  const version = str(object, 'profile_version');
  const base = str(others.find((r) => r.record_kind === 'signature') ?? object, 'profile_version') || profile.version;
  if (version !== base && !others.some((r) => r.record_kind === 'protocol' && r.profile_version === version))
    return invalid('/profile_version', agreementMessage('unknownVersion', { version, base }));
  const party = str(object, 'notifying_party');
  const dup = others.find((r) => r.record_kind === 'notification' && r.notifying_party === party && r.profile_version === version);
  return dup ? conflict('/notifying_party', agreementMessage('duplicateNotification', { party, version, id: dup.id })) : undefined;
};

const terminationNotice: Check = (profile, others, object, nowUs) => {
  const common = noticeCommon(profile, others, object, nowUs);
  if (common) return common;
  const existing = others.find((r) => r.record_kind === 'termination-notice');
  if (existing) return conflict('/record_kind', agreementMessage('alreadyTerminating', { id: existing.id }));
  const sent = str(object, 'sent_at');
  const state = agreementState(profile, others, parseTimestampMicros(sent) ?? 0);
  if (state.status !== 'in-force')
    return { code: 'agreement-not-in-force', path: '/sent_at', message: agreementMessage('notInForce', { at: sent, entry: state.entryIntoForce?.instant ?? '—' }) };
  return undefined;
};

const receipt: Check = (_profile, others, object, nowUs) => {
  const ref = str(object, 'notification_ref');
  const notice = others.find((r) => r.id === ref && (r.record_kind === 'notification' || r.record_kind === 'termination-notice'));
  if (!notice) return invalid('/notification_ref', agreementMessage('unknownNotification', { id: ref }));
  const party = str(object, 'receiving_party');
  if (party !== str(object, 'recording_party')) return invalid('/receiving_party', agreementMessage('notOwnParty', { own: str(object, 'recording_party'), party }));
  if (party === str(notice, 'notifying_party')) return invalid('/receiving_party', agreementMessage('ownNotification', { party }));
  const bad = instantRefusal(object, 'received_at', nowUs);
  if (bad) return bad;
  const received = str(object, 'received_at');
  const sent = str(notice, 'sent_at');
  if ((parseTimestampMicros(received) ?? 0) < (parseTimestampMicros(sent) ?? 0)) return invalid('/received_at', agreementMessage('receiptBeforeNotice', { received, sent }));
  const dup = others.find((r) => r.record_kind === 'receipt' && r.notification_ref === ref && r.receiving_party === party);
  return dup ? conflict('/notification_ref', agreementMessage('duplicateReceipt', { party, id: ref, receipt: dup.id })) : undefined;
};

const checks: Readonly<Record<string, Check>> = { signature, protocol, notification, 'termination-notice': terminationNotice, receipt };

/**
 * Why a lifecycle record does not fit the records already known (`others`, without any older
 * version of the same record): impossible dates, duplicates, acts out of order, non-Parties.
 */
export function lifecycleRefusal(profile: Profile, others: readonly StixObject[], object: StixObject, nowUs: number): LifecycleRefusal | undefined {
  const party = str(object, 'recording_party');
  if (!findParty(profile, party)) return invalid('/recording_party', agreementMessage('notParty', { party, profile: profile.id }));
  for (const key of ['notifying_party', 'receiving_party']) {
    const value = str(object, key);
    if (value && !findParty(profile, value)) return invalid(`/${key}`, agreementMessage('notParty', { party: value, profile: profile.id }));
  }
  return checks[str(object, 'record_kind')]?.(profile, others, object, nowUs);
}
