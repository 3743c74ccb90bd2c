import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { ProblemAlert } from '../../ui/feedback';
import { AgendaEditor, agendaBody, agendaProblem, type AgendaDraft } from './consultation-bits';
import {
  consultationKeys,
  consultationStep,
  localInputToUtc,
  possibleSteps,
  utcToLocalInput,
  type Consultation,
  type StepKind,
} from './consultations.api';

type Body = { kind: StepKind } & Record<string, unknown>;

/** Takes a step and puts the consultation the node answers with into the cache. */
export function useStep(id: string, onDone: () => void = () => undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => consultationStep(id, body),
    onSuccess: (detail) => {
      client.setQueryData(consultationKeys.one(id), detail);
      onDone();
      void client.invalidateQueries({ queryKey: consultationKeys.all });
    },
  });
}

function usePartyOptions(): Array<{ code: string; name: string }> {
  const profile = useProfile();
  const locale = useLocale();
  return (profile.data?.parties ?? []).map((p) => ({ code: p.code, name: pickText(p.name, locale) }));
}

function CommentField({
  value,
  onChange,
  label,
}: {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly label: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <textarea rows={2} value={value} name="comment" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function SimpleStep({
  kind,
  busy,
  onSubmit,
}: {
  readonly kind: 'acceptance' | 'minutes-approval' | 'cancellation';
  readonly busy: boolean;
  readonly onSubmit: (body: Body) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const label =
    kind === 'acceptance'
      ? t('consultations.act.acceptance')
      : kind === 'minutes-approval'
        ? t('consultations.act.minutes-approval')
        : t('consultations.act.cancellation');
  return (
    <form
      className="form form-wide"
      data-testid={`${kind}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ kind, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      }}
    >
      <CommentField
        value={comment}
        onChange={setComment}
        label={kind === 'cancellation' ? t('consultations.form.reason') : t('consultations.form.comment')}
      />
      <div className="form-actions">
        <button
          type="submit"
          className={kind === 'cancellation' ? 'button button-danger' : 'button button-primary'}
          disabled={busy}
          data-testid={`${kind}-submit`}
        >
          {label}
        </button>
      </div>
    </form>
  );
}

function CounterProposal({
  consultation,
  busy,
  onSubmit,
}: {
  readonly consultation: Consultation;
  readonly busy: boolean;
  readonly onSubmit: (body: Body) => void;
}) {
  const { t } = useTranslation();
  const terms = consultation.terms;
  const [starts, setStarts] = useState(utcToLocalInput(terms.startsAt));
  const [ends, setEnds] = useState(utcToLocalInput(terms.endsAt));
  const [place, setPlace] = useState(terms.place);
  const [agenda, setAgenda] = useState<AgendaDraft[]>(
    terms.agenda.map((a) => ({ title: a.title, refs: a.relatedRefs.join('\n') })),
  );
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const problem = agendaProblem(agenda);
  const incomplete = !localInputToUtc(starts) || !localInputToUtc(ends) || !place.trim();
  return (
    <form
      className="form form-wide"
      data-testid="counter-proposal-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problem || incomplete) return;
        onSubmit({
          kind: 'counter-proposal',
          startsAt: localInputToUtc(starts),
          endsAt: localInputToUtc(ends),
          timeZone: terms.timeZone,
          place: place.trim(),
          agenda: agendaBody(agenda),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        });
      }}
    >
      <div className="form-grid form-grid-2">
        <label className="field">
          <span className="field-label">{t('consultations.field.startsAt')} *</span>
          <input type="datetime-local" value={starts} onChange={(e) => setStarts(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('consultations.field.endsAt')} *</span>
          <input type="datetime-local" value={ends} onChange={(e) => setEnds(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('consultations.field.place')} *</span>
        <input value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      {tried && incomplete && (
        <span className="field-error" role="alert">
          {t('consultations.form.required')}
        </span>
      )}
      <AgendaEditor
        rows={agenda}
        onChange={setAgenda}
        idPrefix="counter"
        problem={tried ? problem : undefined}
      />
      <CommentField value={comment} onChange={setComment} label={t('consultations.form.comment')} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={busy}
          data-testid="counter-proposal-submit"
        >
          {t('consultations.act.counter-proposal')}
        </button>
      </div>
    </form>
  );
}

interface Attendee {
  party: string;
  name: string;
  role: string;
}
type Decision = Record<'zh' | 'ru', string>;
interface ActionDraft {
  title: string;
  ownerParty: string;
  owner: string;
  dueOn: string;
}

function MinutesForm({
  consultation,
  busy,
  onSubmit,
}: {
  readonly consultation: Consultation;
  readonly busy: boolean;
  readonly onSubmit: (body: Body) => void;
}) {
  const { t } = useTranslation();
  const parties = usePartyOptions().filter((p) => consultation.parties.includes(p.code));
  const before = consultation.minutes;
  const [texts, setTexts] = useState<Record<string, string>>({
    zh: before?.texts.zh ?? '',
    ru: before?.texts.ru ?? '',
    en: before?.texts.en ?? '',
  });
  const [attendance, setAttendance] = useState<Attendee[]>(
    before?.attendance.map((a) => ({ party: a.party, name: a.name, role: a.role ?? '' })) ?? [],
  );
  const [decisions, setDecisions] = useState<Decision[]>(
    before?.decisions.map((d) => ({ zh: d.zh ?? '', ru: d.ru ?? '' })) ?? [],
  );
  const [actions, setActions] = useState<ActionDraft[]>(
    consultation.actionItems.map((a) => ({
      title: a.title,
      ownerParty: a.ownerParty,
      owner: a.owner ?? '',
      dueOn: a.dueOn,
    })),
  );
  const [tried, setTried] = useState(false);
  const firstParty = parties[0]?.code ?? '';
  const missingText = !texts.zh?.trim() && !texts.ru?.trim();
  const badAction = actions.some((a) => !a.title.trim() || !a.dueOn);
  const edit = <T,>(list: T[], set: (v: T[]) => void, i: number, patch: Partial<T>) =>
    set(list.map((x, n) => (n === i ? { ...x, ...patch } : x)));

  return (
    <form
      className="form form-wide"
      data-testid="minutes-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (missingText || badAction) return;
        const minutes = Object.fromEntries(
          Object.entries(texts)
            .filter(([, v]) => v.trim())
            .map(([k, v]) => [k, v.trim()]),
        );
        onSubmit({
          kind: 'minutes',
          minutes,
          attendance: attendance
            .filter((a) => a.name.trim())
            .map((a) => ({
              party: a.party,
              name: a.name.trim(),
              ...(a.role.trim() ? { role: a.role.trim() } : {}),
            })),
          decisions: decisions
            .map((d) =>
              Object.fromEntries(
                Object.entries(d)
                  .filter(([, v]) => v.trim())
                  .map(([k, v]) => [k, v.trim()]),
              ),
            )
            .filter((d) => Object.keys(d).length > 0),
          actionItems: actions.map((a, i) => ({
            code: `a${i + 1}`,
            title: a.title.trim(),
            ownerParty: a.ownerParty,
            ...(a.owner.trim() ? { owner: a.owner.trim() } : {}),
            dueOn: a.dueOn,
          })),
        });
      }}
    >
      <fieldset>
        <legend className="field-label">{t('consultations.section.minutes')} *</legend>
        <div className="side-by-side">
          {(['zh', 'ru', 'en'] as const).map((l) => (
            <label key={l} className="field">
              <span className="field-label">
                {l === 'zh'
                  ? t('consultations.minutes.textZh')
                  : l === 'ru'
                    ? t('consultations.minutes.textRu')
                    : t('consultations.minutes.textEn')}
              </span>
              <textarea
                rows={6}
                lang={l}
                name={`minutes-${l}`}
                value={texts[l] ?? ''}
                onChange={(e) => setTexts({ ...texts, [l]: e.target.value })}
              />
            </label>
          ))}
        </div>
        {tried && missingText && (
          <span className="field-error" role="alert">
            {t('consultations.form.needMinutesText')}
          </span>
        )}
      </fieldset>
      <fieldset>
        <legend className="field-label">{t('consultations.section.attendance')}</legend>
        {attendance.map((a, i) => (
          <div key={i} className="agenda-row">
            <label className="field">
              <span className="field-label">{t('consultations.field.party')}</span>
              <select
                value={a.party}
                onChange={(e) => edit(attendance, setAttendance, i, { party: e.target.value })}
              >
                {parties.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-grow">
              <span className="field-label">{t('consultations.field.name')}</span>
              <input
                value={a.name}
                onChange={(e) => edit(attendance, setAttendance, i, { name: e.target.value })}
              />
            </label>
            <label className="field field-grow">
              <span className="field-label">{t('consultations.field.role')}</span>
              <input
                value={a.role}
                onChange={(e) => edit(attendance, setAttendance, i, { role: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => setAttendance(attendance.filter((_, n) => n !== i))}
            >
              {t('consultations.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setAttendance([...attendance, { party: firstParty, name: '', role: '' }])}
        >
          {t('consultations.form.addAttendee')}
        </button>
      </fieldset>
      <fieldset>
        <legend className="field-label">{t('consultations.section.decisions')}</legend>
        {decisions.map((d, i) => (
          <div key={i} className="agenda-row">
            <label className="field field-grow">
              <span className="field-label">{t('consultations.minutes.decisionZh', { n: i + 1 })}</span>
              <textarea
                rows={2}
                lang="zh"
                value={d.zh}
                onChange={(e) => edit(decisions, setDecisions, i, { zh: e.target.value })}
              />
            </label>
            <label className="field field-grow">
              <span className="field-label">{t('consultations.minutes.decisionRu', { n: i + 1 })}</span>
              <textarea
                rows={2}
                lang="ru"
                value={d.ru}
                onChange={(e) => edit(decisions, setDecisions, i, { ru: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => setDecisions(decisions.filter((_, n) => n !== i))}
            >
              {t('consultations.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setDecisions([...decisions, { zh: '', ru: '' }])}
        >
          {t('consultations.form.addDecision')}
        </button>
      </fieldset>
      <fieldset>
        <legend className="field-label">{t('consultations.section.actionItems')}</legend>
        {actions.map((a, i) => (
          <div key={i} className="agenda-row">
            <label className="field field-grow">
              <span className="field-label">{t('consultations.field.action')}</span>
              <input
                value={a.title}
                onChange={(e) => edit(actions, setActions, i, { title: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('consultations.field.ownerParty')}</span>
              <select
                value={a.ownerParty}
                onChange={(e) => edit(actions, setActions, i, { ownerParty: e.target.value })}
              >
                {parties.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('consultations.field.owner')}</span>
              <input
                value={a.owner}
                onChange={(e) => edit(actions, setActions, i, { owner: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('consultations.field.dueOn')}</span>
              <input
                type="date"
                value={a.dueOn}
                onChange={(e) => edit(actions, setActions, i, { dueOn: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => setActions(actions.filter((_, n) => n !== i))}
            >
              {t('consultations.form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setActions([...actions, { title: '', ownerParty: firstParty, owner: '', dueOn: '' }])
          }
        >
          {t('consultations.form.addAction')}
        </button>
        {tried && badAction && (
          <span className="field-error" role="alert">
            {t('consultations.form.badAction')}
          </span>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="minutes-submit">
          {t('consultations.act.minutes')}
        </button>
      </div>
    </form>
  );
}

const PANEL_STEPS = [
  'acceptance',
  'counter-proposal',
  'minutes',
  'minutes-approval',
  'cancellation',
] as const;
type PanelStep = (typeof PANEL_STEPS)[number];

/** The steps this user may take now, each opening its form; nothing shows when the role or state allows none. */
export function ConsultationActions({ consultation }: { readonly consultation: Consultation }) {
  const { t } = useTranslation();
  const session = useSession();
  const [panel, setPanel] = useState<PanelStep | null>(null);
  const step = useStep(consultation.id, () => setPanel(null));
  const allowed = possibleSteps(consultation, session.me.party, session.can('consultations:write'));
  const shown = PANEL_STEPS.filter((s) => allowed.has(s));
  if (shown.length === 0) return null;
  const label = (s: PanelStep) =>
    s === 'acceptance'
      ? t('consultations.act.acceptance')
      : s === 'counter-proposal'
        ? t('consultations.act.counter-proposal')
        : s === 'minutes'
          ? consultation.minutes
            ? t('consultations.act.minutesAgain')
            : t('consultations.act.minutes')
          : s === 'minutes-approval'
            ? t('consultations.act.minutes-approval')
            : t('consultations.act.cancellation');
  const submit = (body: Body) => step.mutate(body);
  return (
    <div className="warning-actions" data-testid="consultation-actions">
      <div className="row-actions">
        {shown.map((s) => (
          <button
            key={s}
            type="button"
            className={`button${s === 'cancellation' ? ' button-danger' : panel === s ? ' button-primary' : ''}`}
            aria-expanded={panel === s}
            onClick={() => {
              step.reset();
              setPanel(panel === s ? null : s);
            }}
            data-testid={`act-${s}`}
          >
            {label(s)}
          </button>
        ))}
      </div>
      {step.isError && <ProblemAlert error={step.error} />}
      {(panel === 'acceptance' || panel === 'minutes-approval' || panel === 'cancellation') && (
        <SimpleStep kind={panel} busy={step.isPending} onSubmit={submit} />
      )}
      {panel === 'counter-proposal' && (
        <CounterProposal consultation={consultation} busy={step.isPending} onSubmit={submit} />
      )}
      {panel === 'minutes' && (
        <MinutesForm consultation={consultation} busy={step.isPending} onSubmit={submit} />
      )}
    </div>
  );
}
