import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import type { Health, Me } from '../../api/types';
import { changeLanguage } from '../../i18n/i18n';
import { rememberLanguage } from '../../i18n/language-choice';
import { useLocale } from '../../i18n/use-locale';
import { LanguageSwitch } from '../../app/language-switch';
import { ProblemAlert } from '../../ui/feedback';
import { regionName } from '../../ui/region';

/** Name and password; the node sets an HttpOnly session cookie. */
export function SignInPage({ health }: { readonly health: Health | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/session', { method: 'POST', body: { name, password } });
      const me = await api<Me>('/api/v1/me');
      queryClient.setQueryData(keys.me, me);
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-box">
        <div className="sign-in-top">
          <div className="brand brand-large">
            <span className="brand-mark" aria-hidden="true">
              A
            </span>
            {t('app.name')}
          </div>
          <LanguageSwitch
            value={locale}
            onChange={(l) => {
              rememberLanguage(l);
              void changeLanguage(l);
            }}
          />
        </div>
        <h1>{t('signIn.title')}</h1>
        {health && (
          <p className="sign-in-node" data-testid="node-party">
            {t('signIn.node', { party: regionName(health.party, locale), code: health.party })}
          </p>
        )}
        <form
          onSubmit={(e) => void submit(e)}
          className="form"
          aria-describedby={error ? 'sign-in-error' : undefined}
        >
          <label className="field">
            <span className="field-label">{t('signIn.name')}</span>
            <input
              name="username"
              autoComplete="username"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
          </label>
          <label className="field">
            <span className="field-label">{t('signIn.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <div id="sign-in-error">
            <ProblemAlert error={error} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy || !name || !password}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
        <p className="sign-in-note">{t('signIn.note')}</p>
      </div>
    </main>
  );
}
