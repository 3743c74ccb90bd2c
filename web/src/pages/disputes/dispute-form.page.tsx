import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import type { Provision } from '../../api/types';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { langTag, provisionLabel, useLanguageName } from './dispute-bits';
import { disputeKeys, filledTexts, raiseDispute } from './disputes.api';
import { useFormSubmission } from '../../ui/form-submission';

/** What must be fixed before the dispute can be raised: field → message key. */
export function disputeProblems(d: {
  title: string;
  provisions: readonly string[];
  parties: readonly string[];
  subject: Readonly<Record<string, string>>;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.title.trim()) problems.title = 'editor.error.required';
  if (d.provisions.length === 0) problems.provisions = 'disputes.form.needProvision';
  if (d.parties.length < 2) problems.parties = 'disputes.form.needParty';
  if (Object.keys(filledTexts(d.subject)).length === 0) problems.subject = 'disputes.form.needSubject';
  return problems;
}

const SNIPPET = 140;
const PICKER: React.CSSProperties = {
  maxHeight: 360,
  overflowY: 'auto',
  border: '1px solid #d8dee6',
  borderRadius: 4,
  padding: '6px 8px',
};
const CHOICE: React.CSSProperties = { display: 'flex', gap: 6, alignItems: 'baseline', padding: '2px 0' };
const SNIPPET_STYLE: React.CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  minWidth: 0,
};
const PLAIN: React.CSSProperties = { border: 0, padding: 0, margin: 0 };

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET ? `${line.slice(0, SNIPPET)}…` : line;
}

/** Raises a dispute on the interpretation or application of the agreement, citing its provisions. */
export default function DisputeFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const languageName = useLanguageName();
  const me = session.me.party;
  const [title, setTitle] = useState('');
  const [provisions, setProvisions] = useState<string[]>([]);
  const [others, setOthers] = useState<string[] | null>(null);
  const [subject, setSubject] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');
  const { submitted, failure, busy, attempt } = useFormSubmission();

  const filtered = useMemo(() => {
    const all = profile.data?.provisions ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return all;
    return all.filter(
      (p: Provision) =>
        p.id.toLowerCase().includes(needle) ||
        provisionLabel(p, t).toLowerCase().includes(needle) ||
        Object.values(p.text).some((x) => x.toLowerCase().includes(needle)),
    );
  }, [profile.data, filter, t]);

  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const p = profile.data;
  const peers = p.parties.filter((x) => x.code !== me).map((x) => x.code);
  const chosenOthers = others ?? peers;
  const parties = [me, ...chosenOthers];
  const languages = [
    ...p.languages.authentic,
    ...p.languages.working.filter((l) => !p.languages.authentic.includes(l)),
  ];
  const ordered = [locale, ...languages.filter((l) => l !== locale)].filter((l) => languages.includes(l));
  const problems = disputeProblems({ title, provisions, parties, subject });
  const problem = (field: string) =>
    submitted && problems[field] ? (
      <span className="field-error" role="alert">
        {t(problems[field] ?? '')}
      </span>
    ) : null;
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const created = await raiseDispute({
        title: title.trim(),
        provisions: p.provisions.filter((x) => provisions.includes(x.id)).map((x) => x.id),
        parties,
        subject: filledTexts(subject),
      });
      await client.invalidateQueries({ queryKey: disputeKeys.all });
      void navigate(`/disputes/${created.id}`);
    });
  }

  return (
    <div className="page">
      <PageHeader title={t('disputes.raise')} subtitle={t('disputes.form.subtitle')} />
      <Card>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="dispute-form"
        >
          <label className="field">
            <span className="field-label">{t('disputes.field.title')} *</span>
            <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
            {problem('title')}
          </label>
          {peers.length > 1 && (
            <fieldset className="radio-row">
              <legend className="field-label">{t('disputes.field.parties')} *</legend>
              {p.parties.map((x) => (
                <label key={x.code} className="chip">
                  <input
                    type="checkbox"
                    name="parties"
                    value={x.code}
                    checked={x.code === me || chosenOthers.includes(x.code)}
                    disabled={x.code === me}
                    onChange={(e) => setOthers(toggle(chosenOthers, x.code, e.target.checked))}
                  />
                  {pickText(x.name, locale)}
                </label>
              ))}
              {problem('parties')}
            </fieldset>
          )}
          {peers.length <= 1 && (
            <div className="field">
              <span className="field-label">{t('disputes.field.parties')}</span>
              <span>{p.parties.map((x) => pickText(x.name, locale)).join(', ')}</span>
            </div>
          )}
          <fieldset className="field" style={PLAIN}>
            <legend className="field-label">{t('disputes.field.provisions')} *</legend>
            <label className="field">
              <span className="field-hint">{t('disputes.form.filter')}</span>
              <input
                type="search"
                name="provision-filter"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </label>
            {provisions.length > 0 && (
              <div className="small" data-testid="chosen-provisions">
                {t('disputes.form.chosen', {
                  list: p.provisions
                    .filter((x) => provisions.includes(x.id))
                    .map((x) => provisionLabel(x, t))
                    .join('; '),
                })}
              </div>
            )}
            <div className="provision-picker" data-testid="provision-picker" style={PICKER}>
              {filtered.map((x) => (
                <label key={x.id} className="provision-choice" style={CHOICE}>
                  <input
                    type="checkbox"
                    name="provisions"
                    value={x.id}
                    checked={provisions.includes(x.id)}
                    onChange={(e) => setProvisions(toggle(provisions, x.id, e.target.checked))}
                  />
                  <strong className="nowrap">{provisionLabel(x, t)}</strong>
                  <span className="small muted" lang={langTag(locale)} style={SNIPPET_STYLE}>
                    {snippet(pickText(x.text, locale))}
                  </span>
                </label>
              ))}
              {filtered.length === 0 && <span className="muted">{t('disputes.form.noMatch')}</span>}
            </div>
            {problem('provisions')}
          </fieldset>
          <fieldset className="field" style={PLAIN}>
            <legend className="field-label">{t('disputes.field.subject')} *</legend>
            <span className="field-hint">{t('disputes.form.subjectHint')}</span>
            {ordered.map((l) => (
              <label key={l} className="field">
                <span className="field-label">{languageName(l)}</span>
                <textarea
                  name={`subject-${l}`}
                  rows={4}
                  lang={langTag(l)}
                  value={subject[l] ?? ''}
                  onChange={(e) => setSubject({ ...subject, [l]: e.target.value })}
                />
              </label>
            ))}
            {problem('subject')}
          </fieldset>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy}
              data-testid="dispute-submit"
            >
              {t('disputes.form.submit')}
            </button>
          </div>
          <ProblemAlert error={failure} />
        </form>
      </Card>
    </div>
  );
}
