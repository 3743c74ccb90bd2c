import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRequests } from '../../api/requests';
import { useSession } from '../../auth/session';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge, TlpBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName, useThreatLabel } from '../warnings/warning-bits';

const URGENCY_TONE = { urgent: 'bad', priority: 'warn', routine: 'muted' } as const;

export function UrgencyBadge({ urgency }: { readonly urgency: keyof typeof URGENCY_TONE }) {
  const { t } = useTranslation();
  return <Badge tone={URGENCY_TONE[urgency]}>{t(`requests.urgency.${urgency}`)}</Badge>;
}

/** Requests for assistance made and received (Art. 3(5)), with what each waits for. */
export default function RequestsListPage() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const session = useSession();
  const partyName = usePartyName();
  const threatLabel = useThreatLabel();
  const [params, setParams] = useSearchParams();
  const direction = params.get('direction') ?? undefined;
  const requests = useRequests({ direction });
  return (
    <div className="page">
      <PageHeader
        title={t('requests.title')}
        subtitle={t('requests.subtitle')}
        actions={
          session.can('requests:submit') && (
            <Link className="button button-primary" to="/requests/new">
              {t('requests.new')}
            </Link>
          )
        }
      />
      <div className="filter-bar">
        <label className="field field-inline">
          <span className="field-label">{t('warnings.direction.label')}</span>
          <select
            value={direction ?? ''}
            onChange={(e) =>
              setParams(e.target.value ? { direction: e.target.value } : {}, { replace: true })
            }
          >
            <option value="">{t('requests.direction.all')}</option>
            <option value="received">{t('requests.direction.received')}</option>
            <option value="sent">{t('requests.direction.sent')}</option>
          </select>
        </label>
      </div>
      <Card>
        {requests.isPending ? (
          <Loading />
        ) : requests.isError ? (
          <ProblemAlert error={requests.error} />
        ) : (
          <table className="table" data-testid="requests-table">
            <thead>
              <tr>
                <th>{t('requests.field.urgency')}</th>
                <th>{t('requests.field.title')}</th>
                <th>{t('warnings.col.parties')}</th>
                <th>{t('warnings.col.state')}</th>
                <th>{t('warnings.col.next')}</th>
                <th>{t('warnings.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('requests.none')}
                  </td>
                </tr>
              )}
              {requests.data.items.map((r) => (
                <tr key={r.id} data-testid="request-row">
                  <td>
                    <UrgencyBadge urgency={r.urgency} />
                  </td>
                  <td>
                    <Link to={`/requests/${r.id}`} lang={r.lang}>
                      {r.title}
                    </Link>
                    <div className="small muted">
                      {threatLabel(r.threatCategory)} <TlpBadge tlp={r.tlp} />
                    </div>
                  </td>
                  <td>
                    {r.direction === 'received'
                      ? t('warnings.fromParty', { party: partyName(r.requesterParty) })
                      : t('warnings.toParties', { parties: partyName(r.addresseeParty) })}
                  </td>
                  <td>
                    <Badge tone="info">{optional(`requests.state.${r.state}`, r.state)}</Badge>
                  </td>
                  <td>
                    {r.nextAction && (
                      <>
                        <div>
                          {t(`requests.next.${r.nextAction.action}`, {
                            party: partyName(r.nextAction.party),
                          })}
                        </div>
                        {r.nextAction.due && <Countdown due={r.nextAction.due} />}
                      </>
                    )}
                  </td>
                  <td>
                    <When at={r.updated} />
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
