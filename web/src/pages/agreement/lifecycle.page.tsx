import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import {
  governanceKeys,
  lifecycleKinds,
  localToUtc,
  recordLifecycle,
  useAgreementState,
  useSurvivors,
  type AgreementState,
  type AgreementStatus,
  type ComputedDate,
  type LifecycleKind,
  type NoticeState,
} from './governance.api';
import { FieldProblem, LegalDate } from './governance-bits';
import { useFormSubmission } from '../../ui/form-submission';

const STATUS_TONE: Readonly<Record<AgreementStatus, 'muted' | 'ok' | 'warn' | 'bad' | 'info'>> = {
  'not-recorded': 'muted',
  signed: 'info',
  'in-force': 'ok',
  terminating: 'warn',
  terminated: 'bad',
};

/** A computed date with the article that yields it, its text and what it is counted from. */
function Computed({ date, testId, label }: { readonly date: ComputedDate; readonly testId: string; readonly label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack" data-testid={testId} data-date={date.date} data-provision={date.provision}>
      <div>
        <strong>{label}: </strong>
        <LegalDate date={date.date} />{' '}
        <span className="small muted">
          ({date.at === 'start-of-day' ? t('governance.lifecycle.startOfDay') : t('governance.lifecycle.endOfDay')}
          {date.instant && (
            <>
              {' · '}
              <When at={date.instant} />
            </>
          )}
          )
        </span>
      </div>
      <div className="small">
        {t('governance.lifecycle.yieldedBy', { provision: date.provision, days: date.days })}{' '}
        {t('governance.lifecycle.countedFrom')} <LegalDate date={date.eventDate} />
        {date.timeZone && <span className="muted"> ({date.timeZone})</span>}
      </div>
      {date.provisionText && (
        <blockquote className="small muted" lang={locale}>
          {pickText(date.provisionText, locale)}
        </blockquote>
      )}
    </div>
  );
}

function Notice({ notice, kind }: { readonly notice: NoticeState; readonly kind: 'notification' | 'termination-notice' }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <li data-kind={kind} data-testid={`timeline-${kind}`} data-party={notice.party}>
      <div>
        <strong>
          {kind === 'notification'
            ? t('governance.lifecycle.notificationOf', { party: partyName(notice.party) })
            : t('governance.lifecycle.terminationOf', { party: partyName(notice.party) })}
        </strong>{' '}
        <span className="small muted">
          {t('governance.lifecycle.sent')} <When at={notice.sentAt} />
        </span>
      </div>
      <ul className="plain-list small">
        {notice.receipts.map((r) => (
          <li key={r.id} data-testid="timeline-receipt" data-party={r.party}>
            {t('governance.lifecycle.receivedBy', { party: partyName(r.party) })} <When at={r.receivedAt} /> ·{' '}
            {t('governance.lifecycle.legalDate')} <LegalDate date={r.legalDate} />
          </li>
        ))}
        {notice.awaitingReceipt.map((p) => (
          <li key={p} className="muted">
            {t('governance.lifecycle.awaitingReceipt', { party: partyName(p) })}
          </li>
        ))}
      </ul>
    </li>
  );
}

function Timeline({ state }: { readonly state: AgreementState }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <ol className="steps" data-testid="lifecycle-timeline">
      {state.signature ? (
        <li data-kind="signature" data-testid="timeline-signature">
          <strong>{t('governance.lifecycle.kind.signature')}</strong> <LegalDate date={state.signature.signedOn} />
          {state.signature.place && <> · {state.signature.place}</>}
          <div className="small muted">{t('governance.recordedBy', { party: partyName(state.signature.party) })}</div>
        </li>
      ) : (
        <li className="muted">{t('governance.lifecycle.noSignature')}</li>
      )}
      {state.versions.map((v) => (
        <li key={v.version} data-kind="version" data-testid="timeline-version" data-version={v.version}>
          <div>
            <strong>
              {v.protocolId
                ? t('governance.lifecycle.protocolVersion', { version: v.version, name: v.name ?? '' })
                : t('governance.lifecycle.agreementVersion', { version: v.version })}
            </strong>{' '}
            <span className="small muted">
              {t('governance.lifecycle.signedOn')} <LegalDate date={v.signedOn} />
            </span>
          </div>
          <ol className="steps">
            {v.notifications.map((n) => (
              <Notice key={n.id} notice={n} kind="notification" />
            ))}
            {v.awaitingNotification.map((p) => (
              <li key={p} className="muted" data-testid="awaiting-notification" data-party={p}>
                {t('governance.lifecycle.awaitingNotification', { party: partyName(p) })}
              </li>
            ))}
            <li data-kind="acceptance">
              {v.entryIntoForce ? (
                <Computed
                  date={v.entryIntoForce}
                  testId={v.protocolId ? `entry-into-force-${v.version}` : 'entry-into-force'}
                  label={t('governance.lifecycle.entryIntoForce')}
                />
              ) : (
                <span className="muted" data-testid={v.protocolId ? undefined : 'entry-pending'}>
                  {t('governance.lifecycle.entryPending')}
                </span>
              )}
            </li>
          </ol>
        </li>
      ))}
      {state.termination && (
        <>
          <Notice notice={state.termination} kind="termination-notice" />
          {state.termination.effective && (
            <li data-kind="declination">
              <Computed
                date={state.termination.effective}
                testId="termination-effective"
                label={t('governance.lifecycle.terminationEffective')}
              />
            </li>
          )}
        </>
      )}
    </ol>
  );
}

function SurvivorsCard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const optional = useOptionalT();
  const survivors = useSurvivors();
  if (survivors.isPending) return <Loading />;
  if (survivors.isError) return <ProblemAlert error={survivors.error} />;
  const s = survivors.data;
  return (
    <Card title={t('governance.lifecycle.survivors', { provision: s.provision })} testId="survivors">
      <ul className="bullet-list">
        {s.rules.map((r) => (
          <li key={r.code}>{pickText(r.label, locale)}</li>
        ))}
      </ul>
      {s.items.length === 0 ? (
        <p className="small muted">{t('governance.lifecycle.noSurvivingItems')}</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('governance.lifecycle.item')}</th>
              <th>{t('governance.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {s.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={i.kind === 'activity' ? `/activities/${i.id}` : `/requests/${i.id}`}>{i.title}</Link>
                </td>
                <td>
                  {i.kind === 'activity'
                    ? optional(`governance.activities.status.${i.status}`, i.status)
                    : optional(`requests.state.${i.status}`, i.status)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

interface Draft {
  kind: LifecycleKind;
  signedOn: string;
  place: string;
  version: string;
  name: string;
  description: string;
  at: string;
  notification: string;
}

const EMPTY: Draft = { kind: 'signature', signedOn: '', place: '', version: '', name: '', description: '', at: '', notification: '' };

function problemsOf(d: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  if ((d.kind === 'signature' || d.kind === 'protocol') && !d.signedOn) problems.signedOn = 'governance.form.required';
  if (d.kind === 'protocol' && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(d.version))
    problems.version = 'governance.lifecycle.badVersion';
  if (d.kind === 'receipt' && !d.notification) problems.notification = 'governance.form.required';
  return problems;
}

/** Records one act of this node's Party in the agreement's life. */
function RecordForm({ state }: { readonly state: AgreementState }) {
  const { t } = useTranslation();
  const session = useSession();
  const partyName = usePartyName();
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(EMPTY);
  const { submitted, failure, busy, attempt, reset } = useFormSubmission();
  const [done, setDone] = useState(false);
  const problems = problemsOf(d);
  const show = (field: string) => (submitted ? problems[field] : undefined);
  const own = session.me.party;
  const notices = [
    ...state.versions.flatMap((v) => v.notifications.map((n) => ({ notice: n, version: v.version, termination: false }))),
    ...(state.termination ? [{ notice: state.termination, version: '', termination: true }] : []),
  ].filter((n) => n.notice.party !== own && n.notice.awaitingReceipt.includes(own));
  const toNotify = state.versions.filter((v) => v.awaitingNotification.includes(own)).map((v) => v.version);

  async function submit() {
    setDone(false);
    const at = localToUtc(d.at);
    const body: Record<string, unknown> = { kind: d.kind };
    if (d.kind === 'signature' || d.kind === 'protocol') body.signedOn = d.signedOn;
    if (d.kind === 'signature' && d.place.trim()) body.place = d.place.trim();
    if ((d.kind === 'protocol' || d.kind === 'notification') && d.version) body.version = d.version;
    if (d.kind === 'protocol' && d.name.trim()) body.name = d.name.trim();
    if (d.description.trim()) body.description = d.description.trim();
    if ((d.kind === 'notification' || d.kind === 'termination-notice') && at) body.sentAt = at;
    if (d.kind === 'receipt') {
      body.notification = d.notification;
      if (at) body.receivedAt = at;
    }
    const sent = d;
    await attempt(Object.keys(problems).length === 0, async () => {
      await recordLifecycle(body);
      // The user may have chosen another kind while the node worked: only the draft that was sent is cleared.
      setD((current) => (current === sent ? { ...EMPTY, kind: sent.kind } : current));
      reset();
      setDone(true);
      await client.invalidateQueries({ queryKey: governanceKeys.all });
    });
  }

  const atLabel =
    d.kind === 'receipt' ? t('governance.lifecycle.field.receivedAt') : t('governance.lifecycle.field.sentAt');
  return (
    <Card title={t('governance.lifecycle.record')} testId="lifecycle-form-card">
      <form className="form" noValidate onSubmit={(e) => e.preventDefault()} data-testid="lifecycle-form">
        <label className="field">
          <span className="field-label">{t('governance.lifecycle.field.kind')}</span>
          <select
            id="lifecycle-kind"
            value={d.kind}
            onChange={(e) => {
              setD({ ...EMPTY, kind: e.target.value as LifecycleKind });
              reset();
              setDone(false);
            }}
          >
            {lifecycleKinds.map((k) => (
              <option key={k} value={k}>
                {t(`governance.lifecycle.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {(d.kind === 'signature' || d.kind === 'protocol') && (
          <label className="field">
            <span className="field-label">{t('governance.lifecycle.field.signedOn')} *</span>
            <input
              id="lifecycle-signed-on"
              type="date"
              value={d.signedOn}
              onChange={(e) => setD({ ...d, signedOn: e.target.value })}
            />
            <FieldProblem problem={show('signedOn')} />
          </label>
        )}
        {d.kind === 'signature' && (
          <label className="field">
            <span className="field-label">{t('governance.lifecycle.field.place')}</span>
            <input id="lifecycle-place" value={d.place} onChange={(e) => setD({ ...d, place: e.target.value })} />
          </label>
        )}
        {d.kind === 'protocol' && (
          <>
            <label className="field">
              <span className="field-label">{t('governance.lifecycle.field.version')} *</span>
              <input
                id="lifecycle-version"
                value={d.version}
                placeholder="1.1.0"
                onChange={(e) => setD({ ...d, version: e.target.value })}
              />
              <FieldProblem problem={show('version')} />
            </label>
            <label className="field">
              <span className="field-label">{t('governance.lifecycle.field.name')}</span>
              <input id="lifecycle-name" value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
            </label>
          </>
        )}
        {d.kind === 'notification' && toNotify.length > 1 && (
          <label className="field">
            <span className="field-label">{t('governance.lifecycle.field.version')}</span>
            <select id="lifecycle-notify-version" value={d.version} onChange={(e) => setD({ ...d, version: e.target.value })}>
              <option value="">{t('governance.lifecycle.oldestVersion')}</option>
              {toNotify.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        {d.kind === 'receipt' && (
          <label className="field">
            <span className="field-label">{t('governance.lifecycle.field.notification')} *</span>
            <select
              id="lifecycle-notification"
              value={d.notification}
              onChange={(e) => setD({ ...d, notification: e.target.value })}
            >
              <option value="">{notices.length ? t('governance.lifecycle.chooseNotice') : t('governance.lifecycle.noNotice')}</option>
              {notices.map(({ notice, version, termination }) => (
                <option key={notice.id} value={notice.id}>
                  {termination
                    ? t('governance.lifecycle.terminationOf', { party: partyName(notice.party) })
                    : `${t('governance.lifecycle.notificationOf', { party: partyName(notice.party) })} (${version})`}
                </option>
              ))}
            </select>
            <FieldProblem problem={show('notification')} />
          </label>
        )}
        {d.kind !== 'signature' && d.kind !== 'protocol' && (
          <label className="field">
            <span className="field-label">{atLabel}</span>
            <input
              id="lifecycle-at"
              type="datetime-local"
              step={1}
              value={d.at}
              onChange={(e) => setD({ ...d, at: e.target.value })}
            />
            <span className="field-hint">{t('governance.lifecycle.atHint')}</span>
          </label>
        )}
        <label className="field">
          <span className="field-label">{t('governance.lifecycle.field.description')}</span>
          <textarea
            id="lifecycle-description"
            rows={2}
            value={d.description}
            onChange={(e) => setD({ ...d, description: e.target.value })}
          />
        </label>
        <ProblemAlert error={failure} />
        {done && (
          <div className="alert alert-ok" role="status" data-testid="lifecycle-recorded">
            {t('governance.lifecycle.recorded')}
          </div>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void submit()}
            data-testid="lifecycle-submit"
          >
            {busy ? t('common.saving') : t('governance.lifecycle.recordSubmit')}
          </button>
        </div>
      </form>
    </Card>
  );
}

/** The agreement's life: signature, notifications and receipts, entry into force, protocols, termination, survivors. */
export default function LifecyclePage() {
  const { t } = useTranslation();
  const session = useSession();
  const state = useAgreementState();
  if (state.isPending) return <Loading />;
  if (state.isError) return <ProblemAlert error={state.error} />;
  const s = state.data;
  return (
    <div className="page" data-testid="lifecycle">
      <PageHeader
        title={t('governance.lifecycle.title')}
        subtitle={t('governance.lifecycle.subtitle', { id: s.agreement })}
        actions={
          <Link className="button" to="/agreement">
            {t('governance.lifecycle.provisions')}
          </Link>
        }
      />
      <div className="grid-detail">
        <div className="stack">
          <Card title={t('governance.lifecycle.state')} testId="lifecycle-state">
            <p>
              <Badge tone={STATUS_TONE[s.status]}>
                <span data-testid="agreement-status" data-status={s.status}>
                  {t(`governance.lifecycle.status.${s.status}`)}
                </span>
              </Badge>{' '}
              <span className="small muted">
                {t('governance.lifecycle.governingVersion', { version: s.governingVersion })}
              </span>
            </p>
          </Card>
          <Card title={t('governance.lifecycle.timeline')}>
            <Timeline state={s} />
          </Card>
          <SurvivorsCard />
        </div>
        <div className="stack">{session.can('agreement:record') && <RecordForm state={s} />}</div>
      </div>
    </div>
  );
}
