import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { RefLink } from '../objects/property-value';
import { usePartyName } from '../warnings/warning-bits';
import { ConsentStateBadge, useRecipientLabel } from './consent-bits';
import { consentStates, useConsents, type ConsentState } from './consents.api';
import { useUrlFilters } from '../../ui/url-filters';

const SHOWN_OBJECTS = 3;
const directions = ['received', 'sent'] as const;
type Direction = (typeof directions)[number];
const isDirection = (v: string | null): v is Direction => (directions as readonly string[]).includes(v ?? '');
const isState = (v: string | null): v is ConsentState =>
  (consentStates as readonly string[]).includes(v ?? '');

/** Consent requests sent to the Parties that provided information, and received from the others (Art. 6(2)). */
export default function ConsentsListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const recipientLabel = useRecipientLabel();
  const { params, setFilter } = useUrlFilters();
  const direction = isDirection(params.get('direction')) ? (params.get('direction') as Direction) : undefined;
  const state = isState(params.get('state')) ? (params.get('state') as ConsentState) : undefined;
  const consents = useConsents({ direction, state });
  return (
    <div className="page">
      <PageHeader
        title={t('consents.title')}
        subtitle={t('consents.subtitle')}
        actions={
          session.can('consents:request') && (
            <Link className="button button-primary" to="/consents/new">
              {t('consents.new')}
            </Link>
          )
        }
      />
      <div className="filter-bar">
        <label className="field field-inline">
          <span className="field-label">{t('consents.filter.direction')}</span>
          <select
            value={direction ?? ''}
            onChange={(e) => setFilter('direction', e.target.value)}
            data-testid="consents-direction"
          >
            <option value="">{t('consents.direction.all')}</option>
            {directions.map((d) => (
              <option key={d} value={d}>
                {t(`consents.direction.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('consents.filter.state')}</span>
          <select
            value={state ?? ''}
            onChange={(e) => setFilter('state', e.target.value)}
            data-testid="consents-state"
          >
            <option value="">{t('consents.filter.anyState')}</option>
            {consentStates.map((s) => (
              <option key={s} value={s}>
                {t(`consents.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Card>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <ProblemAlert error={consents.error} />
        ) : (
          <table className="table" data-testid="consents-table">
            <thead>
              <tr>
                <th>{t('consents.col.state')}</th>
                <th>{t('consents.field.purpose')}</th>
                <th>{t('consents.col.parties')}</th>
                <th>{t('consents.field.objects')}</th>
                <th>{t('consents.field.recipient')}</th>
                <th>{t('consents.field.requested')}</th>
                <th>{t('consents.field.decided')}</th>
                <th>{t('consents.field.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {consents.data.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    {t('consents.none')}
                  </td>
                </tr>
              )}
              {consents.data.map((c) => (
                <tr key={c.id} data-testid="consent-row" data-state={c.state}>
                  <td>
                    <ConsentStateBadge state={c.state} />
                  </td>
                  <td className="cell-wrap">
                    <Link to={`/consents/${c.id}`}>{c.purpose}</Link>
                  </td>
                  <td>
                    {c.direction === 'received'
                      ? t('consents.fromParty', { party: partyName(c.requestingParty) })
                      : t('consents.toParty', { party: partyName(c.originatingParty) })}
                  </td>
                  <td>
                    {c.objects.slice(0, SHOWN_OBJECTS).map((id) => (
                      <div key={id}>
                        <RefLink id={id} />
                      </div>
                    ))}
                    {c.objects.length > SHOWN_OBJECTS && (
                      <div className="small muted">
                        {t('consents.moreObjects', { count: c.objects.length - SHOWN_OBJECTS })}
                      </div>
                    )}
                  </td>
                  <td>{recipientLabel(c.recipient)}</td>
                  <td>
                    <When at={c.requested} />
                  </td>
                  <td>
                    <When at={c.decision?.decided} />
                  </td>
                  <td>
                    <When at={c.decision ? c.decision.expires : c.requestedUntil} />
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
