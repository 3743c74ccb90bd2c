import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useProfile } from '../../api/queries';
import {
  assistanceKinds,
  requestKeys,
  urgencies,
  type RequestDetail,
  type Urgency,
} from '../../api/requests';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { useFormSubmission } from '../../ui/form-submission';
import { SubmitBar } from '../../ui/submit-bar';

/** What must be fixed before the request can go: field → message key. */
export function requestProblems(d: {
  title: string;
  facts: string;
  threatCategory: string;
  addressee: string;
  assistance: string[];
  otherDetails: string;
  legalBasis: string[];
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.title.trim()) problems.title = 'editor.error.required';
  if (!d.facts.trim()) problems.facts = 'editor.error.required';
  if (!d.threatCategory) problems.threatCategory = 'editor.error.required';
  if (!d.addressee) problems.addressee = 'warnings.form.needAddressee';
  if (d.assistance.length === 0) problems.assistance = 'requests.form.needAssistance';
  if (d.assistance.includes('other') && !d.otherDetails.trim())
    problems.otherDetails = 'requests.form.needDetails';
  if (d.legalBasis.length === 0) problems.legalBasis = 'requests.form.needBasis';
  return problems;
}

/** A request for assistance to another Party's competent authority (Art. 3(5)), with its legal basis. */
export default function RequestFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [d, setD] = useState({
    title: '',
    facts: '',
    threatCategory: '',
    addressee: '',
    assistance: [] as string[],
    otherDetails: '',
    legalBasis: ['art-3.5'],
    urgency: 'priority' as Urgency,
    respondBy: '',
    tlp: 'amber',
  });
  const { submitted, failure, busy, attempt } = useFormSubmission();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const peers = profile.data.parties.filter((p) => p.code !== session.me.party);
  const article3 = profile.data.provisions.filter(
    (p) => p.part === 'article' && p.article === 3 && p.paragraph !== undefined,
  );
  const problems = requestProblems(d);
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
      const body = {
        title: d.title.trim(),
        lang: locale,
        legalBasis: d.legalBasis,
        threatCategory: d.threatCategory,
        facts: d.facts.trim(),
        urgency: d.urgency,
        addressee: d.addressee,
        tlp: d.tlp,
        assistance: d.assistance.map((kind) =>
          kind === 'other' ? { kind, details: d.otherDetails.trim() } : { kind },
        ),
        ...(d.respondBy ? { respondBy: d.respondBy } : {}),
      };
      const created = await api<RequestDetail>('/api/v1/requests', { method: 'POST', body });
      await client.invalidateQueries({ queryKey: requestKeys.all });
      void navigate(`/requests/${created.id}`);
    });
  }

  return (
    <div className="page">
      <PageHeader title={t('requests.new')} subtitle={t('requests.form.subtitle')} />
      <Card>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => e.preventDefault()}
          data-testid="request-form"
        >
          <label className="field">
            <span className="field-label">{t('requests.field.title')} *</span>
            <input
              id="request-title"
              value={d.title}
              onChange={(e) => setD({ ...d, title: e.target.value })}
            />
            {problem('title')}
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('requests.field.addressee')} *</legend>
            {peers.map((p) => (
              <label key={p.code} className="chip">
                <input
                  type="radio"
                  name="addressee"
                  value={p.code}
                  checked={d.addressee === p.code}
                  onChange={() => setD({ ...d, addressee: p.code })}
                />
                {pickText(p.name, locale)}
              </label>
            ))}
            {problem('addressee')}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('requests.field.facts')} *</span>
            <textarea
              id="request-facts"
              rows={5}
              value={d.facts}
              onChange={(e) => setD({ ...d, facts: e.target.value })}
            />
            {problem('facts')}
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('requests.field.assistance')} *</legend>
            {assistanceKinds.map((k) => (
              <label key={k} className="chip">
                <input
                  type="checkbox"
                  checked={d.assistance.includes(k)}
                  onChange={(e) => setD({ ...d, assistance: toggle(d.assistance, k, e.target.checked) })}
                />
                {t(`requests.assistance.${k}`)}
              </label>
            ))}
            {problem('assistance')}
          </fieldset>
          {d.assistance.includes('other') && (
            <label className="field">
              <span className="field-label">{t('requests.field.otherDetails')} *</span>
              <input value={d.otherDetails} onChange={(e) => setD({ ...d, otherDetails: e.target.value })} />
              {problem('otherDetails')}
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('warnings.field.threatCategory')} *</span>
            <select
              id="request-threat"
              value={d.threatCategory}
              onChange={(e) => setD({ ...d, threatCategory: e.target.value })}
            >
              <option value="">{t('warnings.form.chooseThreat')}</option>
              {profile.data.threats.map((th) => (
                <option key={th.code} value={th.code}>
                  {pickText(th.label, locale)} ({th.provision})
                </option>
              ))}
            </select>
            {problem('threatCategory')}
          </label>
          <fieldset className="radio-row">
            <legend className="field-label">{t('requests.field.legalBasis')} *</legend>
            {article3.map((p) => (
              <label key={p.id} className="chip" title={pickText(p.text, locale)}>
                <input
                  type="checkbox"
                  checked={d.legalBasis.includes(p.id)}
                  onChange={(e) => setD({ ...d, legalBasis: toggle(d.legalBasis, p.id, e.target.checked) })}
                />
                {t('requests.form.paragraph', { article: p.article ?? 3, paragraph: p.paragraph ?? 0 })}
              </label>
            ))}
            {problem('legalBasis')}
          </fieldset>
          <fieldset className="radio-row">
            <legend className="field-label">{t('requests.field.urgency')}</legend>
            {urgencies.map((u) => (
              <label key={u} className="chip">
                <input
                  type="radio"
                  name="urgency"
                  checked={d.urgency === u}
                  onChange={() => setD({ ...d, urgency: u })}
                />
                {t(`requests.urgency.${u}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('requests.field.respondBy')}</span>
            <input
              type="date"
              value={d.respondBy}
              onChange={(e) => setD({ ...d, respondBy: e.target.value })}
            />
            <span className="field-hint">{t('requests.form.respondByHint')}</span>
          </label>
          <SubmitBar
            failure={failure}
            busy={busy}
            label={t('requests.form.submit')}
            testId="request-submit"
            onSubmit={() => void submit()}
          />
        </form>
      </Card>
    </div>
  );
}
