import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { ConsultationStateBadge, IcsLink, KindBadge } from './consultation-bits';
import { MonthCalendar } from './consultation-calendar';
import {
  ICS_ALL,
  useConsultations,
  useSchedule,
  type Consultation,
  type Schedule,
} from './consultations.api';

function ConsultationTable({
  items,
  testId,
  empty,
}: {
  readonly items: readonly Consultation[];
  readonly testId: string;
  readonly empty: string;
}) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('consultations.field.title')}</th>
          <th>{t('consultations.field.dates')}</th>
          <th>{t('consultations.field.place')}</th>
          <th>{t('consultations.field.host')}</th>
          <th>{t('consultations.field.state')}</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {items.map((c) => (
          <tr key={c.id} data-testid="consultation-row">
            <td>
              <Link to={`/consultations/${c.id}`}>{c.title}</Link>
              <div className="small">
                <KindBadge kind={c.kind} />
              </div>
            </td>
            <td className="nowrap">
              <When at={c.terms.startsAt} />
              <div className="small muted">
                → <When at={c.terms.endsAt} />
              </div>
            </td>
            <td>{c.terms.place}</td>
            <td>{partyName(c.host)}</td>
            <td>
              <ConsultationStateBadge state={c.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScheduleTable({
  schedule,
  mayPropose,
}: {
  readonly schedule: Schedule;
  readonly mayPropose: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const partyName = usePartyName();
  return (
    <>
      <p className="small muted">
        {t('consultations.schedule.cadence', {
          count: schedule.perYear,
          provision: schedule.provision,
          rotation: schedule.rotation.map(partyName).join(' → '),
        })}
      </p>
      <table className="table table-compact" data-testid="consultation-schedule">
        <thead>
          <tr>
            <th>{t('consultations.schedule.window')}</th>
            <th>{t('consultations.field.host')}</th>
            <th>{t('consultations.schedule.planned')}</th>
          </tr>
        </thead>
        <tbody>
          {schedule.windows.map((w) => (
            <tr key={w.start} data-testid="schedule-window" data-host={w.host}>
              <td className="nowrap">
                {formatDate(w.start, locale)} – {formatDate(w.end, locale)}
              </td>
              <td>{partyName(w.host)}</td>
              <td>
                {w.consultation ? (
                  <>
                    <Link to={`/consultations/${w.consultation.id}`}>{w.consultation.title}</Link>{' '}
                    <ConsultationStateBadge state={w.consultation.state} />
                  </>
                ) : mayPropose ? (
                  <Link to={`/consultations/new?kind=regular&window=${w.start}`}>
                    {t('consultations.schedule.propose')}
                  </Link>
                ) : (
                  <span className="muted">{t('consultations.schedule.none')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Consultations ahead and behind, the regular schedule with its hosts, a month calendar and the .ics of all. */
export default function ConsultationsListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const consultations = useConsultations();
  const schedule = useSchedule();
  const mayPropose = session.can('consultations:write');
  const now = Date.now();
  const items = consultations.data?.items ?? [];
  const upcoming = items.filter((c) => new Date(c.terms.endsAt).getTime() >= now);
  const past = items.filter((c) => new Date(c.terms.endsAt).getTime() < now).reverse();

  return (
    <div className="page">
      <PageHeader
        title={t('consultations.title')}
        subtitle={t('consultations.subtitle')}
        actions={
          <>
            <IcsLink href={ICS_ALL} label={t('consultations.icsAll')} testId="ics-all" />
            {mayPropose && (
              <Link className="button button-primary" to="/consultations/new" data-testid="propose-link">
                {t('consultations.propose')}
              </Link>
            )}
          </>
        }
      />
      <div className="grid-warning">
        <div className="stack">
          <Card title={t('consultations.section.upcoming')}>
            {consultations.isPending ? (
              <Loading />
            ) : consultations.isError ? (
              <ProblemAlert error={consultations.error} />
            ) : (
              <ConsultationTable
                items={upcoming}
                testId="consultations-upcoming"
                empty={t('consultations.noneUpcoming')}
              />
            )}
          </Card>
          <Card title={t('consultations.section.calendar')}>
            <MonthCalendar
              consultations={items}
              windows={schedule.data?.windows ?? []}
              partyName={partyName}
            />
          </Card>
          <Card title={t('consultations.section.past')}>
            {consultations.isSuccess && (
              <ConsultationTable
                items={past}
                testId="consultations-past"
                empty={t('consultations.nonePast')}
              />
            )}
          </Card>
        </div>
        <div className="stack">
          <Card title={t('consultations.section.schedule')}>
            {schedule.isPending ? (
              <Loading />
            ) : schedule.isError ? (
              <ProblemAlert error={schedule.error} />
            ) : (
              <ScheduleTable schedule={schedule.data} mayPropose={mayPropose} />
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
