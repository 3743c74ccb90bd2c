import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useProfile } from '../../api/queries';
import { severities, warningKeys, type Severity, type WarningDetail } from '../../api/warnings';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { isStixId } from '../../stix/stix-display';
import { TlpBadge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { useFormSubmission } from '../../ui/form-submission';

const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

interface Draft {
  title: string;
  lang: string;
  description: string;
  severity: Severity;
  threatCategory: string;
  addressees: string[];
  recommendedActions: string;
  affectedSectors: string;
  affectedProducts: string;
  relatedRefs: string;
  tlp: string;
}

/** What must be fixed before the warning can go: keys of the form's own messages. */
export function draftProblems(
  d: Pick<Draft, 'title' | 'threatCategory' | 'addressees' | 'relatedRefs'>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.title.trim()) problems.title = 'editor.error.required';
  if (!d.threatCategory) problems.threatCategory = 'editor.error.required';
  if (d.addressees.length === 0) problems.addressees = 'warnings.form.needAddressee';
  if (lines(d.relatedRefs).some((r) => !isStixId(r))) problems.relatedRefs = 'warnings.form.badRef';
  return problems;
}

/** A new early warning to the other Parties' competent authorities: sent at once or kept as a draft. */
export default function WarningFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>({
    title: '',
    lang: locale,
    description: '',
    severity: 'high',
    threatCategory: '',
    addressees: [],
    recommendedActions: '',
    affectedSectors: '',
    affectedProducts: '',
    relatedRefs: '',
    tlp: 'amber',
  });
  const { submitted, failure, busy, attempt } = useFormSubmission();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const peers = profile.data.parties.filter((p) => p.code !== session.me.party);
  const problems = draftProblems(draft);
  const problemOf = (field: string) => (submitted && problems[field] ? t(problems[field]) : undefined);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));

  async function submit(send: boolean) {
    await attempt(Object.keys(problems).length === 0, async () => {
      const body = {
        title: draft.title.trim(),
        lang: draft.lang,
        severity: draft.severity,
        threatCategory: draft.threatCategory,
        addressees: draft.addressees,
        tlp: draft.tlp,
        send,
        ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
        ...(lines(draft.recommendedActions).length
          ? { recommendedActions: lines(draft.recommendedActions) }
          : {}),
        ...(draft.affectedSectors.trim()
          ? {
              affectedSectors: draft.affectedSectors
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(lines(draft.affectedProducts).length ? { affectedProducts: lines(draft.affectedProducts) } : {}),
        ...(lines(draft.relatedRefs).length ? { relatedRefs: lines(draft.relatedRefs) } : {}),
      };
      const created = await api<WarningDetail>('/api/v1/warnings', { method: 'POST', body });
      await client.invalidateQueries({ queryKey: warningKeys.all });
      void navigate(`/warnings/${created.id}`);
    });
  }

  const issues = failure instanceof ApiError ? (failure.problem?.errors ?? []) : [];
  return (
    <div className="page">
      <PageHeader title={t('warnings.new')} subtitle={t('warnings.form.subtitle')} />
      <Card>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => e.preventDefault()}
          data-testid="warning-form"
        >
          <div className="form-row form-row-top">
            <label className="field field-grow">
              <span className="field-label">{t('warnings.field.title')} *</span>
              <input
                id="warning-title"
                value={draft.title}
                onChange={(e) => set('title', e.target.value)}
                lang={draft.lang}
                aria-invalid={Boolean(problemOf('title'))}
              />
              {problemOf('title') && (
                <span className="field-error" role="alert">
                  {problemOf('title')}
                </span>
              )}
            </label>
            <label className="field">
              <span className="field-label">{t('warnings.field.lang')}</span>
              <select value={draft.lang} onChange={(e) => set('lang', e.target.value)}>
                {(['zh', 'ru', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`agreement.language.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span className="field-label">{t('warnings.field.description')}</span>
            <textarea
              rows={5}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
              lang={draft.lang}
            />
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('warnings.field.severity')} *</legend>
            {severities.map((s) => (
              <label key={s} className="chip">
                <input
                  type="radio"
                  name="severity"
                  value={s}
                  checked={draft.severity === s}
                  onChange={() => set('severity', s)}
                />
                {t(`warnings.severity.${s}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('warnings.field.threatCategory')} *</span>
            <select
              id="warning-threat"
              value={draft.threatCategory}
              onChange={(e) => set('threatCategory', e.target.value)}
              aria-invalid={Boolean(problemOf('threatCategory'))}
            >
              <option value="">{t('warnings.form.chooseThreat')}</option>
              {profile.data.threats.map((th) => (
                <option key={th.code} value={th.code}>
                  {pickText(th.label, locale)} ({th.provision})
                </option>
              ))}
            </select>
            {problemOf('threatCategory') && (
              <span className="field-error" role="alert">
                {problemOf('threatCategory')}
              </span>
            )}
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('warnings.field.addressees')} *</legend>
            {peers.map((p) => (
              <label key={p.code} className="chip">
                <input
                  type="checkbox"
                  name="addressee"
                  value={p.code}
                  checked={draft.addressees.includes(p.code)}
                  onChange={(e) =>
                    set(
                      'addressees',
                      e.target.checked
                        ? [...draft.addressees, p.code]
                        : draft.addressees.filter((a) => a !== p.code),
                    )
                  }
                />
                {pickText(p.name, locale)}
              </label>
            ))}
            {problemOf('addressees') && (
              <span className="field-error" role="alert">
                {problemOf('addressees')}
              </span>
            )}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('warnings.field.recommendedActions')}</span>
            <textarea
              rows={3}
              value={draft.recommendedActions}
              onChange={(e) => set('recommendedActions', e.target.value)}
            />
            <span className="field-hint">{t('warnings.onePerLine')}</span>
          </label>
          <div className="form-grid form-grid-2">
            <label className="field">
              <span className="field-label">{t('warnings.field.affectedSectors')}</span>
              <input value={draft.affectedSectors} onChange={(e) => set('affectedSectors', e.target.value)} />
              <span className="field-hint">{t('editor.hint.labels')}</span>
            </label>
            <label className="field">
              <span className="field-label">{t('warnings.field.affectedProducts')}</span>
              <textarea
                rows={2}
                value={draft.affectedProducts}
                onChange={(e) => set('affectedProducts', e.target.value)}
              />
            </label>
          </div>
          <label className="field">
            <span className="field-label">{t('warnings.field.relatedRefs')}</span>
            <textarea
              className="mono"
              rows={2}
              value={draft.relatedRefs}
              onChange={(e) => set('relatedRefs', e.target.value)}
              aria-invalid={Boolean(problemOf('relatedRefs'))}
            />
            <span className="field-hint">{t('editor.hint.object_refs')}</span>
            {problemOf('relatedRefs') && (
              <span className="field-error" role="alert">
                {problemOf('relatedRefs')}
              </span>
            )}
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('editor.field.tlp')}</legend>
            {TLP_LEVELS.map((l) => (
              <label key={l} className="chip">
                <input
                  type="radio"
                  name="tlp"
                  value={l}
                  checked={draft.tlp === l}
                  onChange={() => set('tlp', l)}
                />
                <TlpBadge tlp={l} />
              </label>
            ))}
          </fieldset>
          {failure !== null && (
            <div>
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
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void submit(true)}
              data-testid="warning-send"
            >
              {t('warnings.form.sendNow')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void submit(false)}>
              {t('warnings.form.saveDraft')}
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}
