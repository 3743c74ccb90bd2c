import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  federationKeys,
  usePeerCard,
  usePeers,
  type ChannelComparison,
  type Peer,
} from '../../api/federation';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatNumber } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';

function Comparison({ label, c }: { readonly label: string; readonly c: ChannelComparison }) {
  const { t } = useTranslation();
  const consistent = c.firstDivergence === null;
  return (
    <div>
      <strong>{label}</strong> {t('peers.reconcile.counts', { mine: c.mine, theirs: c.theirs })}{' '}
      {consistent ? (
        <Badge tone="ok">{t('peers.reconcile.consistent')}</Badge>
      ) : (
        <Badge tone="bad">{t('peers.reconcile.diverged', { index: c.firstDivergence?.index ?? 0 })}</Badge>
      )}
    </div>
  );
}

function PeerRow({ peer }: { readonly peer: Peer }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const optional = useOptionalT();
  const session = useSession();
  const partyName = usePartyName();
  const client = useQueryClient();
  const sync = useMutation({
    mutationFn: () => api<{ pulled: number }>(`/api/v1/peers/${peer.party}/sync`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['federation'] }),
  });
  const reconcile = useMutation({
    mutationFn: () =>
      api<{ sent: ChannelComparison; received: ChannelComparison }>(
        `/api/v1/ledger/reconcile/${peer.party}`,
        { method: 'POST' },
      ),
  });
  const revoke = useMutation({
    mutationFn: () => api(`/api/v1/peers/${peer.party}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationKeys.peers }),
  });
  const active = peer.status === 'active';
  return (
    <>
      <tr data-testid={`peer-${peer.party}`}>
        <td>
          <strong>{partyName(peer.party)}</strong> <span className="muted">{peer.party}</span>
          <div className="small">
            <code>{peer.url}</code>
          </div>
        </td>
        <td>
          <Badge tone={active ? (peer.failures > 0 ? 'warn' : 'ok') : 'bad'}>
            {optional(`peers.status.${peer.status}`, peer.status)}
          </Badge>
          {peer.lastError && <div className="small field-error">{peer.lastError}</div>}
        </td>
        <td>{peer.lastContact ? formatDateTime(peer.lastContact, locale) : '—'}</td>
        <td>
          {formatNumber(peer.pending, locale)}
          {peer.pending > 0 && (
            <div className="small muted">{t('peers.lag', { seconds: peer.lagSeconds })}</div>
          )}
        </td>
        <td>
          <code className="small">{peer.fingerprint}</code>
        </td>
        <td>
          <div className="row-actions">
            {active && session.can('ledger:verify') && (
              <>
                <button
                  type="button"
                  className="button button-small"
                  disabled={sync.isPending}
                  onClick={() => sync.mutate()}
                  data-testid={`sync-${peer.party}`}
                >
                  {t('peers.sync')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={reconcile.isPending}
                  onClick={() => reconcile.mutate()}
                  data-testid={`reconcile-${peer.party}`}
                >
                  {t('peers.reconcile.button')}
                </button>
              </>
            )}
            {active && session.can('peers:manage') && (
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() =>
                  window.confirm(t('peers.confirmRevoke', { party: partyName(peer.party) })) &&
                  revoke.mutate()
                }
              >
                {t('peers.revoke')}
              </button>
            )}
          </div>
        </td>
      </tr>
      {(sync.data || reconcile.data || sync.error || reconcile.error || revoke.error) && (
        <tr>
          <td colSpan={6} data-testid={`peer-result-${peer.party}`}>
            {sync.data && <div>{t('peers.synced', { count: sync.data.pulled })}</div>}
            {reconcile.data && (
              <>
                <Comparison label={t('peers.reconcile.sent')} c={reconcile.data.sent} />
                <Comparison label={t('peers.reconcile.received')} c={reconcile.data.received} />
              </>
            )}
            <ProblemAlert error={sync.error ?? reconcile.error ?? revoke.error} />
          </td>
        </tr>
      )}
    </>
  );
}

function AddPeer() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [card, setCard] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  let parsed: unknown;
  let parseError = false;
  try {
    parsed = card.trim() ? (JSON.parse(card) as unknown) : undefined;
  } catch {
    parseError = true;
  }
  const add = useMutation({
    mutationFn: () =>
      api('/api/v1/peers', { method: 'POST', body: { card: parsed, fingerprint: fingerprint.trim() } }),
    onSuccess: async () => {
      setCard('');
      setFingerprint('');
      await client.invalidateQueries({ queryKey: federationKeys.peers });
    },
  });
  return (
    <form
      className="form form-wide"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">{t('peers.add.card')}</span>
        <textarea
          className="mono"
          rows={5}
          value={card}
          onChange={(e) => setCard(e.target.value)}
          aria-invalid={parseError}
        />
        {parseError && <span className="field-error">{t('peers.add.notJson')}</span>}
      </label>
      <label className="field">
        <span className="field-label">{t('peers.add.fingerprint')}</span>
        <input className="mono" value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} />
        <span className="field-hint">{t('peers.add.fingerprintHint')}</span>
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={add.isPending || parseError || !parsed || !fingerprint.trim()}
        >
          {t('peers.add.button')}
        </button>
      </div>
      <ProblemAlert error={add.error} />
    </form>
  );
}

/** The other Parties' nodes: state, lag, last contact; sync, reconcile the ledger, add or revoke. */
export default function PeersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const peers = usePeers();
  const card = usePeerCard(true);
  return (
    <div className="page">
      <PageHeader title={t('peers.title')} subtitle={t('peers.subtitle')} />
      <Card>
        {peers.isPending ? (
          <Loading />
        ) : peers.isError ? (
          <ProblemAlert error={peers.error} />
        ) : (
          <table className="table" data-testid="peers-table">
            <thead>
              <tr>
                <th>{t('peers.col.party')}</th>
                <th>{t('peers.col.status')}</th>
                <th>{t('peers.col.lastContact')}</th>
                <th>{t('peers.col.pending')}</th>
                <th>{t('peers.col.fingerprint')}</th>
                <th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {peers.data.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('peers.none')}
                  </td>
                </tr>
              )}
              {peers.data.map((p) => (
                <PeerRow key={p.party} peer={p} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="grid-2">
        <Card title={t('peers.card.title')}>
          <p className="muted small">{t('peers.card.hint')}</p>
          {card.data && (
            <>
              <div className="field-label">{t('peers.col.fingerprint')}</div>
              <code className="secret" data-testid="own-fingerprint">
                {card.data.fingerprint}
              </code>
              <details>
                <summary>{t('peers.card.json')}</summary>
                <pre className="json">{JSON.stringify(card.data, null, 2)}</pre>
              </details>
            </>
          )}
          <ProblemAlert error={card.error} />
        </Card>
        {session.can('peers:manage') && (
          <Card title={t('peers.add.title')}>
            <AddPeer />
          </Card>
        )}
      </div>
    </div>
  );
}
