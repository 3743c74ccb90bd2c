import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate, localZone } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { AgendaEditor, agendaBody, agendaProblem, type AgendaDraft } from './consultation-bits';
import {
  consultationKeys,
  localInputToUtc,
  proposeConsultation,
  useSchedule,
  type ConsultationKind,
} from './consultations.api';
import { useFormSubmission } from '../../ui/form-submission';

interface Draft {
  kind: ConsultationKind;
  window: string;
  title: string;
  starts: string;
  ends: string;
  place: string;
  host: string;
  timeZone: string;
  agenda: AgendaDraft[];
}

/** What must be filled in before the proposal can go: field → catalog key. The node checks the rest. */
export function proposalProblems(d: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.kind === 'regular' && !d.window) problems.window = 'consultations.form.needWindow';
  if (!d.title.trim()) problems.title = 'consultations.form.required';
  if (!localInputToUtc(d.starts)) problems.starts = 'consultations.form.required';
  if (!localInputToUtc(d.ends)) problems.ends = 'consultations.form.required';
  if (!d.place.trim()) problems.place = 'consultations.form.required';
  const agenda = agendaProblem(d.agenda);
  if (agenda) problems.agenda = agenda;
  return problems;
}

function FieldError({ message }: { readonly message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

/** Proposes consultations: a regular one in a window of the schedule, or an extraordinary one on any dates. */
export default function ConsultationFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const schedule = useSchedule();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: params.get('kind') === 'regular' ? 'regular' : 'extraordinary',
    window: params.get('window') ?? '',
    title: '',
    starts: '',
    ends: '',
    place: '',
    host: session.me.party,
    timeZone: '',
    agenda: [{ title: '', refs: '' }],
  }));
  const { submitted, failure, busy, attempt } = useFormSubmission();
  if (profile.isPending || schedule.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  if (schedule.isError) return <ProblemAlert error={schedule.error} />;

  const open = schedule.data.windows.filter((w) => !w.consultation);
  const window =
    draft.kind === 'regular' ? schedule.data.windows.find((w) => w.start === draft.window) : undefined;
  const problems = proposalProblems(draft);
  const problemOf = (field: string) => (submitted && problems[field] ? t(problems[field]) : undefined);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));
  const partyName = (code: string) => {
    const p = profile.data.parties.find((x) => x.code === code);
    return p ? pickText(p.name, locale) : code;
  };

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const host = draft.kind === 'regular' ? window?.host : draft.host;
      const created = await proposeConsultation({
        kind: draft.kind,
        title: draft.title.trim(),
        startsAt: localInputToUtc(draft.starts),
        endsAt: localInputToUtc(draft.ends),
        place: draft.place.trim(),
        agenda: agendaBody(draft.agenda),
        lang: locale,
        ...(host ? { host } : {}),
        ...(draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {}),
      });
      await client.invalidateQueries({ queryKey: consultationKeys.all });
      void navigate(`/consultations/${created.id}`);
    });
  }

  const issues = failure instanceof ApiError ? (failure.problem?.errors ?? []) : [];
  return (
    <div className="page">
      <PageHeader title={t('consultations.propose')} subtitle={t('consultations.form.subtitle')} />
      <Card>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="consultation-form"
        >
          <fieldset className="radio-row">
            <legend className="field-label">{t('consultations.field.kind')}</legend>
            {(['extraordinary', 'regular'] as const).map((k) => (
              <label key={k} className="chip">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={draft.kind === k}
                  onChange={() => set('kind', k)}
                />
                {k === 'regular' ? t('consultations.kind.regular') : t('consultations.kind.extraordinary')}
              </label>
            ))}
          </fieldset>
          {draft.kind === 'regular' && (
            <label className="field">
              <span className="field-label">{t('consultations.form.window')} *</span>
              <select
                id="consultation-window"
                value={draft.window}
                onChange={(e) => set('window', e.target.value)}
                aria-invalid={Boolean(problemOf('window'))}
              >
                <option value="">{t('consultations.form.chooseWindow')}</option>
                {open.map((w) => (
                  <option key={w.start} value={w.start}>
                    {t('consultations.form.windowOption', {
                      start: formatDate(w.start, locale),
                      end: formatDate(w.end, locale),
                      host: partyName(w.host),
                    })}
                  </option>
                ))}
              </select>
              {window && (
                <span className="field-hint" data-testid="window-host">
                  {t('consultations.form.windowHost', { host: partyName(window.host) })}
                </span>
              )}
              <FieldError message={problemOf('window')} />
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('consultations.field.title')} *</span>
            <input
              id="consultation-title"
              value={draft.title}
              onChange={(e) => set('title', e.target.value)}
              aria-invalid={Boolean(problemOf('title'))}
            />
            <FieldError message={problemOf('title')} />
          </label>
          <div className="form-grid form-grid-2">
            <label className="field">
              <span className="field-label">{t('consultations.field.startsAt')} *</span>
              <input
                id="consultation-starts"
                type="datetime-local"
                value={draft.starts}
                min={window ? `${window.start}T00:00` : undefined}
                max={window ? `${window.end}T23:59` : undefined}
                onChange={(e) => set('starts', e.target.value)}
                aria-invalid={Boolean(problemOf('starts'))}
              />
              <FieldError message={problemOf('starts')} />
            </label>
            <label className="field">
              <span className="field-label">{t('consultations.field.endsAt')} *</span>
              <input
                id="consultation-ends"
                type="datetime-local"
                value={draft.ends}
                min={window ? `${window.start}T00:00` : undefined}
                max={window ? `${window.end}T23:59` : undefined}
                onChange={(e) => set('ends', e.target.value)}
                aria-invalid={Boolean(problemOf('ends'))}
              />
              <FieldError message={problemOf('ends')} />
            </label>
          </div>
          <span className="field-hint">{t('consultations.form.localTime', { zone: localZone() })}</span>
          <label className="field">
            <span className="field-label">{t('consultations.field.place')} *</span>
            <input
              id="consultation-place"
              value={draft.place}
              onChange={(e) => set('place', e.target.value)}
              aria-invalid={Boolean(problemOf('place'))}
            />
            <FieldError message={problemOf('place')} />
          </label>
          <div className="form-grid form-grid-2">
            {draft.kind === 'extraordinary' && (
              <label className="field">
                <span className="field-label">{t('consultations.field.host')}</span>
                <select
                  id="consultation-host"
                  value={draft.host}
                  onChange={(e) => set('host', e.target.value)}
                >
                  {profile.data.parties.map((p) => (
                    <option key={p.code} value={p.code}>
                      {pickText(p.name, locale)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field">
              <span className="field-label">{t('consultations.field.timeZone')}</span>
              <input
                id="consultation-zone"
                value={draft.timeZone}
                placeholder="Asia/Shanghai"
                onChange={(e) => set('timeZone', e.target.value)}
              />
              <span className="field-hint">{t('consultations.form.zoneHint')}</span>
            </label>
          </div>
          <AgendaEditor
            rows={draft.agenda}
            onChange={(rows) => set('agenda', rows)}
            idPrefix="propose"
            problem={submitted ? problems.agenda : undefined}
          />
          {failure !== null && (
            <div data-testid="propose-problem">
              <ProblemAlert error={failure} />
              {issues.length > 0 && (
                <ul className="field-error">
                  {issues.map((i, n) => (
                    <li key={n}>
                      {i.path} {i.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy}
              data-testid="propose-submit"
            >
              {t('consultations.form.submit')}
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}
