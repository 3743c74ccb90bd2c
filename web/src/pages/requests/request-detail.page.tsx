import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import { requestKeys, requestStep, useRequest, type RequestDetail } from '../../api/requests';
import { useSession } from '../../auth/session';
import { useOptionalT } from '../../i18n/use-optional-t';
import { RefLink } from '../objects/property-value';
import { Badge, TlpBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName, useThreatLabel } from '../warnings/warning-bits';
import { UrgencyBadge } from './requests-list.page';

type StepKind =
  | 'acceptance'
  | 'declination'
  | 'interim-response'
  | 'clarification-request'
  | 'clarification-answer'
  | 'answer'
  | 'closure';
const OPEN = ['submitted', 'received', 'accepted', 'in-progress', 'answered'];

/** The steps this side may take now, as the agreement's procedure allows them. */
export function possibleSteps(
  r: Pick<RequestDetail, 'direction' | 'state' | 'openClarification'>,
  me: string,
  mayDecide: boolean,
): StepKind[] {
  const steps: StepKind[] = [];
  const addressee = r.direction === 'received';
  if (addressee && mayDecide && (r.state === 'submitted' || r.state === 'received'))
    steps.push('acceptance', 'declination');
  if (addressee && (r.state === 'accepted' || r.state === 'in-progress'))
    steps.push('interim-response', 'answer');
  if (r.openClarification?.owedBy === me) steps.push('clarification-answer');
  else if (OPEN.includes(r.state)) steps.push('clarification-request');
  if (!addressee && [...OPEN, 'declined'].includes(r.state)) steps.push('closure');
  return steps;
}

function StepForm({
  request,
  kind,
  onDone,
}: {
  readonly request: RequestDetail;
  readonly kind: StepKind;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [content, setContent] = useState('');
  const needsText = kind === 'answer' || kind === 'interim-response' || kind.startsWith('clarification');
  const step = useMutation({
    mutationFn: () =>
      requestStep(request.id, {
        kind,
        ...(kind === 'declination'
          ? {
              reasons: content
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : content.trim()
            ? { content: content.trim() }
            : {}),
        ...(kind === 'clarification-answer' && request.openClarification?.stepId
          ? { inReplyTo: request.openClarification.stepId }
          : {}),
      }),
    onSuccess: (detail) => {
      client.setQueryData(requestKeys.one(request.id), detail);
      // Closed with the new state in the same render: closing after the refetch could shut a form
      // the user (or a test) had already opened from the buttons that new state shows.
      onDone();
      void client.invalidateQueries({ queryKey: requestKeys.all });
    },
  });
  const required = needsText || kind === 'declination';
  return (
    <form
      className="form form-wide"
      data-testid={`step-form-${kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        step.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">
          {kind === 'declination' ? t('requests.step.reasons') : t('requests.step.content')}
        </span>
        <textarea
          rows={4}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          required={required}
          name="content"
        />
        {kind === 'declination' && <span className="field-hint">{t('warnings.onePerLine')}</span>}
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className={kind === 'declination' ? 'button button-danger' : 'button button-primary'}
          disabled={step.isPending || (required && !content.trim())}
          data-testid={`step-submit-${kind}`}
        >
          {t(`requests.step.kind.${kind}`)}
        </button>
      </div>
      <ProblemAlert error={step.error} />
    </form>
  );
}

/** One request for assistance: facts, assistance sought, legal basis, deadlines, every step, history. */
export default function RequestDetailPage() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const session = useSession();
  const partyName = usePartyName();
  const threatLabel = useThreatLabel();
  const { id = '' } = useParams();
  const request = useRequest(id);
  const profile = useProfile();
  const [open, setOpen] = useState<StepKind | null>(null);
  if (request.isPending) return <Loading />;
  if (request.isError)
    return (
      <div className="page">
        <PageHeader title={t('requests.title')} />
        <ProblemAlert error={request.error} />
      </div>
    );
  const r = request.data;
  const steps = possibleSteps(r, session.me.party, session.can('requests:decide'));
  const provisionLabel = (id: string) => {
    const p = profile.data?.provisions.find((x) => x.id === id);
    return p?.article !== undefined && p.paragraph !== undefined
      ? t('requests.form.paragraph', { article: p.article, paragraph: p.paragraph })
      : id;
  };
  return (
    <div className="page" data-testid="request-detail">
      <PageHeader
        title={r.title}
        subtitle={
          <span className="header-badges">
            <UrgencyBadge urgency={r.urgency} />
            <Badge tone="info">
              <span data-testid="request-state" data-state={r.state}>
                {optional(`requests.state.${r.state}`, r.state)}
              </span>
            </Badge>
            <TlpBadge tlp={r.tlp} />
            <Badge tone="info">{threatLabel(r.threatCategory)}</Badge>
            <span>
              {r.direction === 'received'
                ? t('warnings.fromParty', { party: partyName(r.requesterParty) })
                : t('warnings.toParties', { parties: partyName(r.addresseeParty) })}
            </span>
          </span>
        }
      />
      {r.nextAction && (
        <div className="next-action">
          <strong>
            {t(`requests.next.${r.nextAction.action}`, { party: partyName(r.nextAction.party) })}
          </strong>
          {r.nextAction.due && <Countdown due={r.nextAction.due} />}
        </div>
      )}
      {steps.length > 0 && (
        <div className="warning-actions">
          <div className="form-actions">
            {steps.map((k) => (
              <button
                key={k}
                type="button"
                className={open === k ? 'button button-primary' : 'button'}
                onClick={() => setOpen(open === k ? null : k)}
                data-testid={`step-${k}`}
              >
                {t(`requests.step.kind.${k}`)}
              </button>
            ))}
          </div>
          {open && <StepForm key={open} request={r} kind={open} onDone={() => setOpen(null)} />}
        </div>
      )}
      <div className="grid-warning">
        <div className="stack">
          <Card title={t('requests.field.facts')}>
            <p className="prewrap" lang={r.lang}>
              {r.facts}
            </p>
          </Card>
          <Card title={t('requests.section.steps')}>
            {r.steps.length === 0 ? (
              <p className="muted">{t('requests.noSteps')}</p>
            ) : (
              <ol className="steps" data-testid="request-steps">
                {r.steps.map((s) => (
                  <li key={s.id} data-kind={s.kind}>
                    <div className="text-version-head">
                      <Badge
                        tone={
                          s.kind === 'declination'
                            ? 'bad'
                            : s.kind === 'answer' || s.kind === 'acceptance'
                              ? 'ok'
                              : 'info'
                        }
                      >
                        {optional(`requests.step.kind.${s.kind}`, s.kind)}
                      </Badge>
                      {s.party && <strong>{partyName(s.party)}</strong>}{' '}
                      <span className="small muted">{s.actor}</span> <When at={s.at} />
                    </div>
                    {s.content && <p className="prewrap">{s.content}</p>}
                    {s.reasons.length > 0 && (
                      <ul className="bullet-list">
                        {s.reasons.map((x, i) => (
                          <li key={i}>{x}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <div className="stack">
          <Card title={t('requests.section.request')}>
            <dl className="props">
              <div className="prop-row">
                <dt>{t('requests.field.assistance')}</dt>
                <dd>
                  <ul className="bullet-list">
                    {r.assistance.map((a, i) => (
                      <li key={i}>
                        {t(`requests.assistance.${a.kind}`)}
                        {a.details && <div className="small">{a.details}</div>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div className="prop-row">
                <dt>{t('requests.field.legalBasis')}</dt>
                <dd>{r.legalBasis.map(provisionLabel).join(', ')}</dd>
              </div>
              <div className="prop-row">
                <dt>{t('requests.field.respondBy')}</dt>
                <dd>
                  <When at={r.respondBy} />
                </dd>
              </div>
              <div className="prop-row">
                <dt>{t('warnings.field.relatedRefs')}</dt>
                <dd>
                  {r.relatedRefs.length
                    ? r.relatedRefs.map((x) => (
                        <div key={x}>
                          <RefLink id={x} />
                        </div>
                      ))
                    : '—'}
                </dd>
              </div>
            </dl>
          </Card>
          <Card title={t('warnings.section.deadlines')}>
            {r.deadlines.length === 0 ? (
              <p className="muted">{t('warnings.noDeadlines')}</p>
            ) : (
              <table className="table table-compact">
                <tbody>
                  {r.deadlines.map((d) => (
                    <tr key={d.id}>
                      <td>{optional(`requests.deadline.${d.rule}`, d.rule)}</td>
                      <td>
                        <When at={d.due} />
                        {d.legalDate && (
                          <div className="small muted">
                            {d.legalDate} {d.timeZone}
                          </div>
                        )}
                      </td>
                      <td>
                        {(d.state === 'running' || d.state === 'due-soon' || d.state === 'overdue') &&
                        d.due ? (
                          <Countdown due={d.due} />
                        ) : (
                          <Badge>{optional(`warnings.deadline.state.${d.state}`, d.state)}</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title={t('warnings.section.history')}>
            <table className="table table-compact">
              <tbody>
                {r.history.map((h, i) => (
                  <tr key={i}>
                    <td>
                      <When at={h.at} />
                    </td>
                    <td>
                      {optional(
                        `requests.history.${h.kind.replace(/^step:/, '')}`,
                        optional(`warnings.history.${h.kind}`, h.kind),
                      )}
                    </td>
                    <td>{h.party ? partyName(h.party) : ''}</td>
                    <td>{h.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      </div>
    </div>
  );
}
