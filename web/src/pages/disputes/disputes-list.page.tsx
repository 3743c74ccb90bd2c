import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { DisputeStateBadge, useProvisionLabel } from './dispute-bits';
import { lastActivity, useDisputes } from './disputes.api';

/** Disputes on the interpretation or application of the agreement, newest first. */
export default function DisputesListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const provisionLabel = useProvisionLabel();
  const disputes = useDisputes();
  return (
    <div className="page">
      <PageHeader
        title={t('disputes.title')}
        subtitle={t('disputes.subtitle')}
        actions={
          session.can('disputes:write') && (
            <Link className="button button-primary" to="/disputes/new" data-testid="raise-dispute">
              {t('disputes.raise')}
            </Link>
          )
        }
      />
      <Card>
        {disputes.isPending ? (
          <Loading />
        ) : disputes.isError ? (
          <ProblemAlert error={disputes.error} />
        ) : (
          <table className="table" data-testid="disputes-table">
            <thead>
              <tr>
                <th>{t('disputes.field.title')}</th>
                <th>{t('disputes.field.state')}</th>
                <th>{t('disputes.field.provisions')}</th>
                <th>{t('disputes.field.parties')}</th>
                <th>{t('disputes.field.lastStep')}</th>
              </tr>
            </thead>
            <tbody>
              {disputes.data.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('disputes.none')}
                  </td>
                </tr>
              )}
              {disputes.data.items.map((d) => {
                const last = d.steps.at(-1);
                return (
                  <tr key={d.id} data-testid="dispute-row">
                    <td>
                      <Link to={`/disputes/${d.id}`}>{d.title}</Link>
                      <div className="small muted">
                        {t('disputes.raisedBy', { party: partyName(d.raisingParty) })}
                      </div>
                    </td>
                    <td>
                      <DisputeStateBadge state={d.state} />
                    </td>
                    <td>{d.provisions.map(provisionLabel).join('; ')}</td>
                    <td>{d.parties.map(partyName).join(', ')}</td>
                    <td>
                      <When at={lastActivity(d)} />
                      <div className="small muted">
                        {last ? t(`disputes.step.${last.kind}`) : t('disputes.step.raised')}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
