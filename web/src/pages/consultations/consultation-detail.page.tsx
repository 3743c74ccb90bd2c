import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { localeTags } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { ConsultationActions, useStep } from './consultation-actions';
import { AgendaList, ConsultationStateBadge, IcsLink, KindBadge } from './consultation-bits';
import {
  icsOf,
  orderedLanguages,
  possibleSteps,
  useConsultation,
  type ActionItemView,
  type Consultation,
} from './consultations.api';

const langTag = (l: string) => (l === 'zh' || l === 'ru' || l === 'en' ? localeTags[l] : l);

function useAuthentic(): string[] {
  const profile = useProfile();
  return [...(profile.data?.languages.authentic ?? ['zh', 'ru'])];
}

function Terms({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const partyName = usePartyName();
  return (
    <dl className="props" data-testid="consultation-terms">
      <div className="prop-row">
        <dt>{t('consultations.field.kind')}</dt>
        <dd>
          <KindBadge kind={c.kind} />
        </dd>
      </div>
      <div className="prop-row">
        <dt>{t('consultations.field.dates')}</dt>
        <dd>
          <When at={c.terms.startsAt} /> → <When at={c.terms.endsAt} />
          <div className="small muted">
            {t('consultations.venueDates', {
              start: formatDate(c.localDates.start, locale),
              end: formatDate(c.localDates.end, locale),
              zone: c.terms.timeZone,
            })}
          </div>
        </dd>
      </div>
      <div className="prop-row">
        <dt>{t('consultations.field.place')}</dt>
        <dd data-testid="consultation-place">{c.terms.place}</dd>
      </div>
      <div className="prop-row">
        <dt>{t('consultations.field.host')}</dt>
        <dd>{partyName(c.host)}</dd>
      </div>
      <div className="prop-row">
        <dt>{t('consultations.field.proposer')}</dt>
        <dd>{partyName(c.proposer)}</dd>
      </div>
      <div className="prop-row">
        <dt>{t('consultations.field.termsBy')}</dt>
        <dd>{partyName(c.terms.party)}</dd>
      </div>
    </dl>
  );
}

/** Each Party taking part: whether it accepted the current terms and approved the minutes. */
function Acceptances({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <table className="table table-compact" data-testid="consultation-acceptances">
      <thead>
        <tr>
          <th>{t('consultations.field.party')}</th>
          <th>{t('consultations.col.terms')}</th>
          <th>{t('consultations.col.minutes')}</th>
        </tr>
      </thead>
      <tbody>
        {c.parties.map((p) => (
          <tr key={p} data-party={p}>
            <td>{partyName(p)}</td>
            <td>
              {c.terms.party === p ? (
                <Badge tone="info">{t('consultations.acceptance.author')}</Badge>
              ) : c.acceptedBy.includes(p) || (c.state !== 'proposed' && c.state !== 'cancelled') ? (
                <Badge tone="ok">{t('consultations.acceptance.accepted')}</Badge>
              ) : (
                <Badge tone="muted">{t('consultations.acceptance.waiting')}</Badge>
              )}
            </td>
            <td>
              {!c.minutes ? (
                <span className="muted">—</span>
              ) : c.minutes.party === p ? (
                <Badge tone="info">{t('consultations.acceptance.recorder')}</Badge>
              ) : c.approvedBy.includes(p) ? (
                <Badge tone="ok">{t('consultations.acceptance.approved')}</Badge>
              ) : (
                <Badge tone="muted">{t('consultations.acceptance.waiting')}</Badge>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The minutes text in each language, side by side: the authentic languages always, English when given. */
function MinutesTexts({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const partyName = usePartyName();
  const authentic = useAuthentic();
  if (!c.minutes) return <p className="muted">{t('consultations.noMinutes')}</p>;
  const minutes = c.minutes;
  const languages = orderedLanguages([minutes.texts], authentic);
  return (
    <>
      <p className="small muted">
        {t('consultations.minutes.recordedBy', { party: partyName(minutes.party) })}
      </p>
      <div className="side-by-side" data-testid="consultation-minutes">
        {languages.map((l) => (
          <section key={l} lang={langTag(l)} className="text-version" data-lang={l}>
            <div className="text-version-head">
              <Badge tone={authentic.includes(l) ? 'ok' : 'muted'}>
                {optional(`agreement.language.${l}`, l)}
              </Badge>
            </div>
            {minutes.texts[l]?.trim() ? (
              <p className="prewrap">{minutes.texts[l]}</p>
            ) : (
              <p className="muted">{t('consultations.minutes.missing')}</p>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

function Decisions({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const authentic = useAuthentic();
  const decisions = c.minutes?.decisions ?? [];
  if (decisions.length === 0) return <p className="muted">{t('consultations.noDecisions')}</p>;
  const languages = orderedLanguages(decisions, authentic);
  return (
    <table className="table table-compact" data-testid="consultation-decisions">
      <thead>
        <tr>
          <th>#</th>
          {languages.map((l) => (
            <th key={l}>{optional(`agreement.language.${l}`, l)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {decisions.map((d, i) => (
          <tr key={i}>
            <td>{i + 1}</td>
            {languages.map((l) => (
              <td key={l} lang={langTag(l)} className="prewrap">
                {d[l] ?? '—'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeadlineCell({ item }: { readonly item: ActionItemView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const d = item.deadline;
  const due = d?.due ?? `${item.dueOn}T23:59:59Z`;
  const overdue = d ? d.state === 'overdue' || d.state === 'escalated' : Date.parse(due) < Date.now();
  return (
    <>
      <div>
        {formatDate(item.dueOn, locale)}
        {d?.timeZone && <span className="small muted"> ({d.timeZone})</span>}
      </div>
      {item.done ? (
        <Badge tone={d?.metLate ? 'warn' : 'ok'}>
          {d?.metLate ? t('consultations.action.doneLate') : t('consultations.action.done')}
        </Badge>
      ) : (
        <>
          {overdue && <Badge tone="bad">{t('consultations.action.overdue')}</Badge>} <Countdown due={due} />
        </>
      )}
    </>
  );
}

function ActionItems({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const step = useStep(c.id);
  const mayComplete = possibleSteps(c, session.me.party, session.can('consultations:write')).has(
    'action-completed',
  );
  if (c.actionItems.length === 0) return <p className="muted">{t('consultations.noActions')}</p>;
  return (
    <>
      {step.isError && <ProblemAlert error={step.error} />}
      <table className="table table-compact" data-testid="consultation-actions-table">
        <thead>
          <tr>
            <th>{t('consultations.field.action')}</th>
            <th>{t('consultations.field.owner')}</th>
            <th>{t('consultations.field.dueOn')}</th>
            <th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {c.actionItems.map((a) => (
            <tr key={a.code} data-testid="action-item" data-code={a.code}>
              <td>{a.title}</td>
              <td>
                {partyName(a.ownerParty)}
                {a.owner && <div className="small muted">{a.owner}</div>}
              </td>
              <td>
                <DeadlineCell item={a} />
              </td>
              <td>
                {mayComplete && !a.done && a.ownerParty === session.me.party && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={step.isPending}
                    onClick={() => step.mutate({ kind: 'action-completed', actionCode: a.code })}
                    data-testid="complete-action"
                  >
                    {t('consultations.act.action-completed')}
                  </button>
                )}
                {a.done && (
                  <span className="small muted">
                    <When at={a.done.at} /> {partyName(a.done.by)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Attendance({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const people = c.minutes?.attendance ?? [];
  if (people.length === 0) return <p className="muted">{t('consultations.noAttendance')}</p>;
  return (
    <table className="table table-compact" data-testid="consultation-attendance">
      <tbody>
        {people.map((a, i) => (
          <tr key={i}>
            <td>{partyName(a.party)}</td>
            <td>{a.name}</td>
            <td className="muted">{a.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Steps({ c }: { readonly c: Consultation }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const partyName = usePartyName();
  return (
    <ol className="steps" data-testid="consultation-steps">
      <li data-kind="proposal">
        <strong>{t('consultations.step.proposal')}</strong> · {partyName(c.proposer)}
      </li>
      {c.steps.map((s) => (
        <li key={s.id} data-kind={s.kind}>
          <strong>{optional(`consultations.step.${s.kind}`, s.kind)}</strong> · {partyName(s.party)} ·{' '}
          <span className="muted">{s.actor}</span>
          <div className="small">
            <When at={s.at} />
          </div>
          {s.comment && <p className="prewrap small">{s.comment}</p>}
        </li>
      ))}
    </ol>
  );
}

/** One consultation: terms, acceptances, agenda, minutes side by side, decisions, action items, steps. */
export default function ConsultationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const partyName = usePartyName();
  const consultation = useConsultation(id);
  if (consultation.isPending) return <Loading />;
  if (consultation.isError)
    return (
      <div className="page">
        <PageHeader title={t('consultations.title')} />
        <ProblemAlert error={consultation.error} />
      </div>
    );
  const c = consultation.data;
  return (
    <div className="page" data-testid="consultation-detail">
      <PageHeader
        title={c.title}
        subtitle={
          <span className="header-badges">
            <KindBadge kind={c.kind} />
            <ConsultationStateBadge state={c.state} />
            <span>{t('consultations.hostedBy', { host: partyName(c.host) })}</span>
          </span>
        }
        actions={<IcsLink href={icsOf(c.id)} label={t('consultations.icsOne')} testId="ics-one" />}
      />
      <ConsultationActions consultation={c} />
      <div className="grid-warning">
        <div className="stack">
          <Card title={t('consultations.section.agenda')}>
            <AgendaList agenda={c.terms.agenda} />
          </Card>
          <Card title={t('consultations.section.minutes')}>
            <MinutesTexts c={c} />
          </Card>
          <Card title={t('consultations.section.decisions')}>
            <Decisions c={c} />
          </Card>
          <Card title={t('consultations.section.actionItems')}>
            <ActionItems c={c} />
          </Card>
        </div>
        <div className="stack">
          <Card title={t('consultations.section.terms')}>
            <Terms c={c} />
          </Card>
          <Card title={t('consultations.section.acceptances')}>
            <Acceptances c={c} />
          </Card>
          <Card title={t('consultations.section.attendance')}>
            <Attendance c={c} />
          </Card>
          <Card title={t('consultations.section.steps')}>
            <Steps c={c} />
          </Card>
        </div>
      </div>
    </div>
  );
}
