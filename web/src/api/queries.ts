import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ApiError, query } from './client';
import type { AuditPage, Health, Me, ObjectDetail, Profile, SearchResult, Token, User } from './types';

/** Filters of the threat-information search, as the URL and the API both spell them. */
export interface ObjectFilters {
  readonly q?: string;
  readonly type?: readonly string[];
  readonly tlp?: readonly string[];
  readonly origin?: string;
}

export const keys = {
  health: ['health'] as const,
  me: ['me'] as const,
  profile: ['profile'] as const,
  objects: (filters: ObjectFilters) => ['objects', 'search', filters] as const,
  objectCount: (filters: ObjectFilters) => ['objects', 'count', filters] as const,
  object: (id: string) => ['objects', 'one', id] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  audit: (filters: Record<string, string>) => ['audit', filters] as const,
};

export function useHealth() {
  return useQuery({ queryKey: keys.health, queryFn: () => api<Health>('/healthz'), staleTime: 60_000 });
}

/** The signed-in user; `data` is null when nobody is signed in (401). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api<Me>('/api/v1/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useProfile() {
  return useQuery({
    queryKey: keys.profile,
    queryFn: () => api<Profile>('/api/v1/profile'),
    staleTime: Infinity,
  });
}

const PAGE = 200;

/** Newest-first pages of a search, fetched as the list scrolls (keyset cursor from the node). */
export function useObjectPages(filters: ObjectFilters) {
  return useInfiniteQuery({
    queryKey: keys.objects(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<SearchResult>(
        `/api/v1/objects${query({ q: filters.q, type: filters.type, tlp: filters.tlp, origin: filters.origin, limit: PAGE, cursor: pageParam })}`,
        { signal },
      ),
    getNextPageParam: (last) => last.next,
    placeholderData: keepPreviousData,
  });
}

/** How many objects match; asks for one item so the node only counts. */
export function useObjectCount(filters: ObjectFilters, enabled = true) {
  return useQuery({
    queryKey: keys.objectCount(filters),
    queryFn: ({ signal }) =>
      api<SearchResult>(`/api/v1/objects${query({ ...filters, limit: 1 })}`, { signal }).then((r) => r.total),
    enabled,
    staleTime: 30_000,
  });
}

export function useObject(id: string) {
  return useQuery({
    queryKey: keys.object(id),
    queryFn: ({ signal }) => api<ObjectDetail>(`/api/v1/objects/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api<User[]>('/api/v1/users'),
    enabled,
    retry: false,
  });
}

export function useTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: () => api<Token[]>('/api/v1/tokens'), retry: false });
}

export function useAuditPages(filters: Record<string, string>, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: keys.audit(filters),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<AuditPage>(`/api/v1/audit${query({ ...filters, limit: 100, before: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next,
    enabled,
    retry: false,
  });
}
