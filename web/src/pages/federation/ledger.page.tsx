import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLedger, type VerifyReport } from '../../api/federation';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatNumber, formatUtc } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';

const PAGE = 100;

function Verification() {
  const { t } = useTranslation();
  const locale = useLocale();
  const verify = useMutation({
    mutationFn: () => api<VerifyReport>('/api/v1/ledger/verify', { method: 'POST' }),
  });
  const report = verify.data;
  return (
    <Card title={t('ledger.verify.title')} testId="ledger-verify">
      <p className="muted small">{t('ledger.verify.hint')}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={verify.isPending}
        onClick={() => verify.mutate()}
        data-testid="verify-ledger"
      >
        {verify.isPending ? t('ledger.verify.running') : t('ledger.verify.button')}
      </button>
      {report && (
        <div
          className={`alert ${report.ok ? 'alert-ok' : 'alert-error'}`}
          role="status"
          data-testid="verify-result"
          data-ok={report.ok}
        >
          <strong>
            {report.ok ? t('ledger.verify.ok') : t('ledger.verify.failed', { count: report.problems.length })}
          </strong>{' '}
          {t('ledger.verify.counts', {
            entries: formatNumber(report.entries, locale),
            bundles: formatNumber(report.bundles, locale),
            objects: formatNumber(report.objects, locale),
          })}
          {report.problems.length > 0 && (
            <ul>
              {report.problems.slice(0, 50).map((p, i) => (
                <li key={i}>
                  <code>{p.where}</code> {p.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ProblemAlert error={verify.error} />
    </Card>
  );
}

/** The hash-chained record of every object sent and received, with verification from the page. */
export default function LedgerPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const optional = useOptionalT();
  const session = useSession();
  const partyName = usePartyName();
  const [from, setFrom] = useState<number | undefined>(undefined);
  const ledger = useLedger(from);
  const entries = [...(ledger.data?.entries ?? [])].reverse();
  const oldest = ledger.data?.entries[0]?.seq;

  return (
    <div className="page">
      <PageHeader
        title={t('ledger.title')}
        subtitle={
          ledger.data?.head
            ? t('ledger.head', {
                seq: formatNumber(ledger.data.head.seq, locale),
                hash: ledger.data.head.hash.slice(0, 16),
              })
            : t('ledger.subtitle')
        }
        actions={
          <Link className="button" to="/peers">
            {t('nav.peers')}
          </Link>
        }
      />
      {session.can('ledger:verify') && <Verification />}
      <Card>
        {ledger.isPending ? (
          <Loading />
        ) : ledger.isError ? (
          <ProblemAlert error={ledger.error} />
        ) : (
          <>
            <table className="table table-compact" data-testid="ledger-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('ledger.col.at')}</th>
                  <th>{t('ledger.col.kind')}</th>
                  <th>{t('ledger.col.party')}</th>
                  <th>{t('ledger.col.object')}</th>
                  <th>{t('ledger.col.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t('ledger.none')}
                    </td>
                  </tr>
                )}
                {entries.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td title={formatUtc(e.at)}>{formatDateTime(e.at, locale)}</td>
                    <td>
                      <Badge
                        tone={
                          e.kind.startsWith('sent') ? 'info' : e.kind.startsWith('received') ? 'ok' : 'muted'
                        }
                      >
                        {optional(`ledger.kind.${e.kind}`, e.kind)}
                      </Badge>
                      {e.channelIndex !== null && <span className="small muted"> #{e.channelIndex}</span>}
                    </td>
                    <td>{partyName(e.party)}</td>
                    <td className="cell-wrap">
                      {e.objectId ? <code className="small">{e.objectId}</code> : '—'}
                    </td>
                    <td>
                      <code className="small" title={e.entryHash}>
                        {e.entryHash.slice(0, 12)}…
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="form-actions">
              {oldest !== undefined && oldest > 1 && (
                <button type="button" className="button" onClick={() => setFrom(Math.max(1, oldest - PAGE))}>
                  {t('ledger.older')}
                </button>
              )}
              {from !== undefined && (
                <button type="button" className="button" onClick={() => setFrom(undefined)}>
                  {t('ledger.newest')}
                </button>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
