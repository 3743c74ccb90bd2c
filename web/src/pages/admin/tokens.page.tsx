import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys, useTokens } from '../../api/queries';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';

/** The secret of a new token, shown once; the node keeps only its hash. */
function NewTokenSecret({ secret, onClose }: { readonly secret: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-warn token-secret" role="alert" data-testid="token-secret">
      <p>
        <strong>{t('tokens.once')}</strong>
      </p>
      <code className="secret" tabIndex={0}>
        {secret}
      </code>
      <div className="form-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            void navigator.clipboard
              .writeText(secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </button>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('tokens.stored')}
        </button>
      </div>
    </div>
  );
}

/** API tokens: mine, or everybody's for admins; create (secret shown once) and revoke. */
export default function TokensPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const queryClient = useQueryClient();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [user, setUser] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | null>(null);
  const manageAll = session.can('tokens:manage');

  const create = useMutation({
    mutationFn: () =>
      api<{ id: string; token: string }>('/api/v1/tokens', {
        method: 'POST',
        body: {
          name,
          ...(user && manageAll ? { user } : {}),
          ...(days ? { expiresDays: Number(days) } : {}),
        },
      }),
    onSuccess: async (result) => {
      setSecret(result.token);
      setName('');
      await queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.tokens }),
  });

  return (
    <div className="page">
      <PageHeader
        title={t('tokens.title')}
        subtitle={manageAll ? t('tokens.subtitleAll') : t('tokens.subtitleMine')}
      />
      <Card title={t('tokens.create')}>
        {secret && <NewTokenSecret secret={secret} onClose={() => setSecret(null)} />}
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <label className="field field-inline">
            <span className="field-label">{t('tokens.name')}</span>
            <input
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="token-name"
            />
          </label>
          {manageAll && (
            <label className="field field-inline">
              <span className="field-label">{t('tokens.user')}</span>
              <input value={user} placeholder={session.me.name} onChange={(e) => setUser(e.target.value)} />
            </label>
          )}
          <label className="field field-inline">
            <span className="field-label">{t('tokens.expiresDays')}</span>
            <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={!name || create.isPending}>
            {t('tokens.createButton')}
          </button>
        </form>
        <ProblemAlert error={create.error} />
      </Card>
      <Card>
        <ProblemAlert error={revoke.error} />
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ProblemAlert error={tokens.error} />
        ) : (
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>{t('tokens.name')}</th>
                <th>{t('tokens.prefix')}</th>
                <th>{t('tokens.user')}</th>
                <th>{t('tokens.created')}</th>
                <th>{t('tokens.expires')}</th>
                <th>{t('tokens.lastUsed')}</th>
                <th>{t('tokens.state')}</th>
                <th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    {t('tokens.none')}
                  </td>
                </tr>
              )}
              {tokens.data.map((tk) => (
                <tr key={tk.id} className={tk.revoked ? 'row-disabled' : ''}>
                  <td>{tk.name}</td>
                  <td>
                    <code>{tk.prefix}…</code>
                  </td>
                  <td>{tk.user}</td>
                  <td>{formatDateTime(tk.created, locale)}</td>
                  <td>{tk.expires ? formatDateTime(tk.expires, locale) : t('tokens.never')}</td>
                  <td>{tk.lastUsed ? formatDateTime(tk.lastUsed, locale) : '—'}</td>
                  <td>
                    {tk.revoked ? (
                      <Badge tone="bad">{t('tokens.revoked')}</Badge>
                    ) : (
                      <Badge tone="ok">{t('tokens.active')}</Badge>
                    )}
                  </td>
                  <td>
                    {!tk.revoked && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        onClick={() =>
                          window.confirm(t('tokens.confirmRevoke', { name: tk.name })) && revoke.mutate(tk.id)
                        }
                      >
                        {t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
