import { createContext, useCallback, useContext, useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys, useHealth, useMe } from '../api/queries';
import type { Health, Locale, Me, User } from '../api/types';
import { changeLanguage, currentLocale } from '../i18n/i18n';
import { chooseLanguage, rememberLanguage, storedChoices } from '../i18n/language-choice';
import { Loading, ProblemAlert } from '../ui/feedback';

export interface Session {
  readonly me: Me;
  readonly health: Health | undefined;
  /** True when the user's role grants the permission (the node checks again on every call). */
  can(permission: string): boolean;
  signOut(): Promise<void>;
  /** Switches the language and remembers it: on the node when the role may, else on this browser. */
  setLanguage(language: Locale): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}

async function saveAccountLocale(me: Me, language: Locale): Promise<void> {
  // The account keeps the choice, so the node answers in it on every device and in notifications.
  if (me.locale !== language) await api<User>('/api/v1/me', { method: 'PATCH', body: { locale: language } });
}

/** Shows the sign-in page until somebody is signed in, then the app with its session. */
export function SessionGate({
  signIn,
  children,
}: {
  readonly signIn: (health: Health | undefined) => React.ReactNode;
  readonly children: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const health = useHealth();
  const me = useMe();
  const user = me.data;

  useEffect(() => {
    if (me.isPending) return;
    const wanted = chooseLanguage({
      ...storedChoices(user?.name),
      accountLocale: user?.locale,
      nodeLocale: health.data?.locale,
    });
    if (wanted !== currentLocale()) void changeLanguage(wanted);
  }, [user, me.isPending, health.data?.locale]);

  const signOut = useCallback(async () => {
    try {
      await api('/api/v1/session', { method: 'DELETE' });
    } finally {
      queryClient.clear();
      queryClient.setQueryData(keys.me, null);
    }
  }, [queryClient]);

  const session = useMemo<Session | undefined>(() => {
    if (!user) return undefined;
    return {
      me: user,
      health: health.data,
      can: (permission) => user.permissions.includes(permission),
      signOut,
      async setLanguage(language) {
        rememberLanguage(language, user.name);
        await changeLanguage(language);
        await saveAccountLocale(user, language);
        // Other views cache server texts (problem details, profile labels) in the old language.
        await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      },
    };
  }, [user, health.data, signOut, queryClient]);

  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  if (!session) return <>{signIn(health.data)}</>;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
