import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { useActivity } from '../agreement/governance.api';
import { DirectionList, LegalDate } from '../agreement/governance-bits';
import { STATUS_TONE } from './activities-list.page';

/** One joint activity: what, who, when, its status and who bears its costs. */
export default function ActivityDetailPage() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const session = useSession();
  const partyName = usePartyName();
  const { id = '' } = useParams();
  const activity = useActivity(id);
  if (activity.isPending) return <Loading />;
  if (activity.isError) return <ProblemAlert error={activity.error} />;
  const a = activity.data;
  const o = a.object;
  const mayEdit = session.can('activities:write') && a.party === session.me.party;
  return (
    <div className="page" data-testid="activity-detail">
      <PageHeader
        title={a.title}
        subtitle={t('governance.recordedBy', { party: partyName(a.party) })}
        actions={
          mayEdit && (
            <Link className="button" to={`/activities/${a.id}/edit`} data-testid="activity-edit">
              {t('common.edit')}
            </Link>
          )
        }
      />
      <div className="grid-2">
        <Card title={t('governance.activities.details')}>
          <dl className="props">
            <div className="prop-row">
              <dt>{t('governance.activities.field.kind')}</dt>
              <dd>{optional(`governance.activities.kind.${o.activity_kind ?? ''}`, o.activity_kind ?? '—')}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.col.status')}</dt>
              <dd>
                <Badge tone={STATUS_TONE[a.status] ?? 'muted'}>
                  {optional(`governance.activities.status.${a.status}`, a.status)}
                </Badge>
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.activities.field.directions')}</dt>
              <dd>
                <DirectionList codes={o.directions} />
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.activities.field.startDate')}</dt>
              <dd>
                <LegalDate date={o.start_date} />
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.activities.field.endDate')}</dt>
              <dd>
                <LegalDate date={o.end_date} />
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.activities.field.costBearer')}</dt>
              <dd data-testid="activity-cost">
                {optional(`governance.activities.cost.${o.cost_bearer ?? ''}`, o.cost_bearer ?? '—')}
                {o.cost_arrangement && <div className="prewrap">{o.cost_arrangement}</div>}
              </dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.governingVersion')}</dt>
              <dd>{a.governingVersion}</dd>
            </div>
            <div className="prop-row">
              <dt>{t('governance.modified')}</dt>
              <dd>
                <When at={a.modified} />
              </dd>
            </div>
          </dl>
          {o.description && (
            <p className="prewrap" lang={o.lang}>
              {o.description}
            </p>
          )}
        </Card>
        <Card title={t('governance.activities.field.participants')}>
          <table className="table" data-testid="activity-participants">
            <thead>
              <tr>
                <th>{t('governance.col.party')}</th>
                <th>{t('governance.activities.field.participantName')}</th>
                <th>{t('governance.activities.field.participantRole')}</th>
              </tr>
            </thead>
            <tbody>
              {(o.participants ?? []).map((p, i) => (
                <tr key={i}>
                  <td>{partyName(p.party)}</td>
                  <td>{p.name ?? '—'}</td>
                  <td>{p.role ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
