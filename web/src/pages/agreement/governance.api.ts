import { useQuery } from '@tanstack/react-query';
import { api, apiHeaders, errorOf, query } from '../../api/client';
import type { Profile, StixObject, Texts } from '../../api/types';

/*
 * Governing the agreement as the node's API describes it (src/agreement, src/authorities,
 * src/activities, src/legislation): the lifecycle, competent authorities, joint activities and
 * the legislation library. Every view is under the ['governance'] query key, which the live
 * events lifecycle.*, authority.*, activity.* and legislation.* make stale.
 */

/** A Party's record as the API shows it: who made it, when, under which version, and the STIX object. */
export interface RecordView<O extends StixObject = StixObject> {
  readonly id: string;
  readonly party: string;
  readonly title: string;
  readonly status: string;
  readonly governingVersion: string;
  readonly created: string;
  readonly modified: string;
  readonly recordedBy: string | null;
  readonly object: O;
}

export interface AuthorityContact {
  readonly channel: 'phone' | 'email' | 'fax' | 'post' | 'other';
  readonly value: string;
  readonly always_available?: boolean;
  readonly name?: string;
}

export interface AuthorityExtension {
  readonly party: string;
  readonly authority_roles?: readonly string[];
  readonly areas?: readonly string[];
  readonly contacts?: readonly AuthorityContact[];
  readonly keys?: ReadonlyArray<{ readonly kid: string; readonly purpose?: string }>;
  readonly authority_status?: 'active' | 'withdrawn';
  readonly profile_version?: string;
}

export const AUTHORITY_EXTENSION_KEY = 'extension-definition--';

/** The authority extension of an identity (its key is the extension definition's id). */
export function authorityExtension(object: StixObject): AuthorityExtension | undefined {
  const extensions = object.extensions as Record<string, AuthorityExtension> | undefined;
  if (!extensions) return undefined;
  const key = Object.keys(extensions).find(
    (k) => k.startsWith(AUTHORITY_EXTENSION_KEY) && typeof extensions[k]?.party === 'string',
  );
  return key ? extensions[key] : undefined;
}

export interface PartyAuthorityStatus {
  readonly party: string;
  readonly authorities: number;
  readonly complete: boolean;
  /** What is still to share, as codes (the node's own rule). */
  readonly gaps: readonly ('noAuthority' | 'noContact' | 'noKey')[];
  readonly missing: readonly string[];
  readonly uncoveredAreas: readonly string[];
  readonly due: {
    readonly date: string;
    readonly instant: string | null;
    readonly timeZone: string | null;
    readonly provision: string;
  } | null;
  readonly deadlineState: string | null;
}

export interface ExchangeStatus {
  readonly entryIntoForce: string | null;
  readonly parties: readonly PartyAuthorityStatus[];
}

export const activityKinds = ['research', 'training', 'exchange', 'working-meeting', 'conference'] as const;
export const activityStatuses = ['proposed', 'agreed', 'in-progress', 'completed', 'cancelled'] as const;
export const costBearers = ['own-party', 'host-party', 'shared', 'as-agreed'] as const;
export type CostBearer = (typeof costBearers)[number];

export interface ActivityObject extends StixObject {
  readonly name?: string;
  readonly description?: string;
  readonly lang?: string;
  readonly activity_kind?: string;
  readonly directions?: readonly string[];
  readonly participants?: ReadonlyArray<{
    readonly party: string;
    readonly authority_ref?: string;
    readonly name?: string;
    readonly role?: string;
  }>;
  readonly start_date?: string;
  readonly end_date?: string;
  readonly activity_status?: string;
  readonly cost_bearer?: string;
  readonly cost_arrangement?: string;
}

export const legislationStatuses = ['draft', 'in-force', 'amended', 'repealed'] as const;

export interface LegislationObject extends StixObject {
  readonly titles?: Texts;
  readonly summaries?: Texts;
  readonly jurisdiction?: string;
  readonly legislation_kind?: string;
  readonly adopted_on?: string;
  readonly in_force_from?: string;
  readonly in_force_until?: string;
  readonly legislation_status?: string;
  readonly external_references?: ReadonlyArray<{ readonly source_name?: string; readonly url?: string }>;
}

/** A date the agreement yields, with the provision that yields it and the receipt it counts from. */
export interface ComputedDate {
  readonly date: string;
  readonly at: 'start-of-day' | 'end-of-day';
  readonly instant?: string;
  readonly timeZone?: string;
  readonly eventDate: string;
  readonly days: number;
  readonly convention: string;
  readonly provision: string;
  readonly provisionText: Texts | null;
  readonly countedFrom: string;
}

export interface ReceiptState {
  readonly id: string;
  readonly party: string;
  readonly receivedAt: string;
  readonly legalDate: string;
  readonly timeZone: string | null;
}

export interface NoticeState {
  readonly id: string;
  readonly party: string;
  readonly sentAt: string;
  readonly receipts: readonly ReceiptState[];
  readonly awaitingReceipt: readonly string[];
}

export interface VersionState {
  readonly version: string;
  readonly protocolId: string | null;
  readonly name: string | null;
  readonly signedOn: string;
  readonly notifications: readonly NoticeState[];
  readonly awaitingNotification: readonly string[];
  readonly entryIntoForce: ComputedDate | null;
}

export type AgreementStatus = 'not-recorded' | 'signed' | 'in-force' | 'terminating' | 'terminated';

export interface AgreementState {
  readonly agreement: string;
  readonly at: string;
  readonly status: AgreementStatus;
  readonly signature: {
    readonly id: string;
    readonly party: string;
    readonly signedOn: string;
    readonly place: string | null;
  } | null;
  readonly entryIntoForce: ComputedDate | null;
  readonly versions: readonly VersionState[];
  readonly governingVersion: string;
  readonly termination: (NoticeState & { readonly effective: ComputedDate | null }) | null;
  readonly terminationEffective: ComputedDate | null;
}

export interface Survivors {
  readonly terminationEffective: ComputedDate | null;
  readonly provision: string;
  readonly rules: ReadonlyArray<{ readonly code: string; readonly label: Texts }>;
  readonly items: ReadonlyArray<{
    readonly id: string;
    readonly kind: 'activity' | 'request';
    readonly title: string;
    readonly status: string;
    readonly rule: string;
  }>;
}

export const lifecycleKinds = ['signature', 'notification', 'receipt', 'protocol', 'termination-notice'] as const;
export type LifecycleKind = (typeof lifecycleKinds)[number];

/** The parts of the profile these pages use beyond the shared Profile type. */
export type GovernanceProfile = Profile & {
  readonly financing?: { readonly provision: string; readonly defaultCostBearer: string };
};

export const governanceKeys = {
  all: ['governance'] as const,
  agreement: ['governance', 'agreement'] as const,
  survivors: ['governance', 'survivors'] as const,
  authorities: ['governance', 'authorities'] as const,
  exchangeStatus: ['governance', 'exchange-status'] as const,
  authority: (id: string) => ['governance', 'authority', id] as const,
  activities: (filters: Record<string, unknown>) => ['governance', 'activities', filters] as const,
  activity: (id: string) => ['governance', 'activity', id] as const,
  legislation: (filters: Record<string, unknown>) => ['governance', 'legislation', filters] as const,
  law: (id: string) => ['governance', 'law', id] as const,
};

export function useAgreementState() {
  return useQuery({
    queryKey: governanceKeys.agreement,
    queryFn: ({ signal }) => api<AgreementState>('/api/v1/agreement', { signal }),
  });
}

export function useSurvivors() {
  return useQuery({
    queryKey: governanceKeys.survivors,
    queryFn: ({ signal }) => api<Survivors>('/api/v1/agreement/survivors', { signal }),
  });
}

export function useAuthorities() {
  return useQuery({
    queryKey: governanceKeys.authorities,
    queryFn: ({ signal }) => api<{ items: RecordView[] }>('/api/v1/authorities', { signal }),
  });
}

export function useExchangeStatus() {
  return useQuery({
    queryKey: governanceKeys.exchangeStatus,
    queryFn: ({ signal }) => api<ExchangeStatus>('/api/v1/authorities/exchange-status', { signal }),
  });
}

export function useAuthority(id: string | undefined) {
  return useQuery({
    queryKey: governanceKeys.authority(id ?? ''),
    queryFn: ({ signal }) => api<RecordView>(`/api/v1/authorities/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useActivities(filters: { status?: string | undefined }) {
  return useQuery({
    queryKey: governanceKeys.activities(filters),
    queryFn: ({ signal }) =>
      api<{ items: RecordView<ActivityObject>[] }>(`/api/v1/activities${query(filters)}`, { signal }),
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: governanceKeys.activity(id ?? ''),
    queryFn: ({ signal }) =>
      api<RecordView<ActivityObject>>(`/api/v1/activities/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useLegislation(filters: { q?: string | undefined; status?: string | undefined }) {
  return useQuery({
    queryKey: governanceKeys.legislation(filters),
    queryFn: ({ signal }) =>
      api<{ items: RecordView<LegislationObject>[] }>(`/api/v1/legislation${query(filters)}`, { signal }),
  });
}

export function useLaw(id: string | undefined) {
  return useQuery({
    queryKey: governanceKeys.law(id ?? ''),
    queryFn: ({ signal }) =>
      api<RecordView<LegislationObject>>(`/api/v1/legislation/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Creates a record (POST) or a new version of one (PUT to its id). */
export async function saveRecord<T>(collection: string, id: string | undefined, body: unknown): Promise<T> {
  if (!id) return api<T>(`/api/v1/${collection}`, { method: 'POST', body });
  // The shared client has no PUT; the same headers and error handling.
  const response = await fetch(`/api/v1/${collection}/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: apiHeaders({ 'content-type': 'application/json' }),
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** Records one event of the agreement's lifecycle for this node's Party. */
export function recordLifecycle(body: Record<string, unknown>): Promise<{ state: AgreementState }> {
  return api<{ state: AgreementState }>('/api/v1/agreement/records', { method: 'POST', body });
}

/** A local datetime-local value (the user's zone) as a UTC timestamp; undefined when empty. */
export function localToUtc(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
