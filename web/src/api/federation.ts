import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';

/** Peers, this node's card, and the ledger, as /api/v1/peers and /api/v1/ledger describe them. */
export interface Peer {
  readonly party: string;
  readonly url: string;
  readonly status: string;
  readonly fingerprint: string;
  readonly added: string;
  readonly lastContact: string | null;
  readonly lastError: string | null;
  readonly failures: number;
  readonly pending: number;
  readonly lagSeconds: number;
}

export interface PeerCard {
  readonly party: string;
  readonly url: string;
  readonly profile: string;
  readonly fingerprint: string;
  readonly [key: string]: unknown;
}

export interface LedgerEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly party: string;
  readonly objectId: string | null;
  readonly bundleId: string | null;
  readonly contentHash: string;
  readonly channelIndex: number | null;
  readonly entryHash: string;
}

export interface LedgerPage {
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly entries: readonly LedgerEntry[];
}

export interface VerifyReport {
  readonly entries: number;
  readonly bundles: number;
  readonly objects: number;
  readonly ok: boolean;
  readonly problems: ReadonlyArray<{ readonly where: string; readonly problem: string }>;
}

export interface ChannelComparison {
  readonly mine: number;
  readonly theirs: number;
  readonly firstDivergence: { readonly index: number } | null;
}

export const federationKeys = {
  peers: ['federation', 'peers'] as const,
  card: ['federation', 'card'] as const,
  ledger: (from: number | undefined) => ['federation', 'ledger', from ?? 'head'] as const,
};

export function usePeers(enabled = true) {
  return useQuery({
    queryKey: federationKeys.peers,
    queryFn: ({ signal }) => api<Peer[]>('/api/v1/peers', { signal }),
    enabled,
    refetchInterval: 15_000,
  });
}

export function usePeerCard(enabled: boolean) {
  return useQuery({
    queryKey: federationKeys.card,
    queryFn: ({ signal }) => api<PeerCard>('/api/v1/peers/card', { signal }),
    enabled,
    staleTime: Infinity,
  });
}

export function useLedger(from: number | undefined, enabled = true) {
  return useQuery({
    queryKey: federationKeys.ledger(from),
    queryFn: ({ signal }) => api<LedgerPage>(`/api/v1/ledger${query({ from, limit: 100 })}`, { signal }),
    enabled,
  });
}
