import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useObject, useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { isStixId } from '../../stix/stix-display';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';
import { ConsentObject } from './consent-bits';
import { consentKeys, requestConsent } from './consents.api';
import { useFormSubmission } from '../../ui/form-submission';
import { SubmitBar } from '../../ui/submit-bar';

const recipientKinds = ['third-party', 'party', 'public'] as const;
type RecipientKind = (typeof recipientKinds)[number];

export interface ConsentDraft {
  readonly objects: readonly string[];
  readonly recipientKind: RecipientKind;
  readonly thirdParty: string;
  readonly party: string;
  readonly purpose: string;
}

/** What must be fixed before the request can go: field → message key. */
export function consentProblems(d: ConsentDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.objects.length === 0) problems.objects = 'consents.form.needObject';
  if (d.recipientKind === 'third-party' && !d.thirdParty.trim())
    problems.recipient = 'consents.form.needRecipient';
  if (d.recipientKind === 'party' && !d.party) problems.recipient = 'consents.form.needRecipient';
  if (!d.purpose.trim()) problems.purpose = 'editor.error.required';
  return problems;
}

/** The recipient as the API spells it: "public", "third-party:NAME" or a Party code. */
export function recipientOf(d: ConsentDraft): string {
  if (d.recipientKind === 'public') return 'public';
  if (d.recipientKind === 'party') return d.party;
  return `third-party:${d.thirdParty.trim()}`;
}

/** Which Party will be asked: the one that provided the first object. */
function Originator({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  const object = useObject(id);
  if (!object.data) return null;
  return object.data.origin ? (
    <p data-testid="consent-originator">
      {t('consents.form.askedOf', { party: partyName(object.data.origin) })}
    </p>
  ) : (
    <p className="alert alert-warn" role="alert">
      {t('consents.form.localObject')}
    </p>
  );
}

/** Asks the Party that provided information for consent to disclose it (Art. 6(2)). */
export default function ConsentFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [d, setD] = useState<ConsentDraft>({
    objects: [...new Set(params.getAll('object').filter(isStixId))],
    recipientKind: 'third-party',
    thirdParty: '',
    party: '',
    purpose: '',
  });
  const [until, setUntil] = useState('');
  const [adding, setAdding] = useState('');
  const { submitted, failure, busy, attempt } = useFormSubmission();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const parties = profile.data.parties.filter((p) => p.code !== session.me.party);
  const problems = consentProblems(d);
  const problem = (field: string) =>
    submitted && problems[field] ? (
      <span className="field-error" role="alert">
        {t(problems[field] ?? '')}
      </span>
    ) : null;
  const addObject = () => {
    const id = adding.trim();
    if (!isStixId(id)) return;
    if (!d.objects.includes(id)) setD({ ...d, objects: [...d.objects, id] });
    setAdding('');
  };

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const created = await requestConsent({
        objects: [...d.objects],
        recipient: recipientOf(d),
        purpose: d.purpose.trim(),
        lang: locale,
        ...(until ? { until } : {}),
      });
      await client.invalidateQueries({ queryKey: consentKeys.all });
      void navigate(`/consents/${created.id}`);
    });
  }

  return (
    <div className="page">
      <PageHeader title={t('consents.new')} subtitle={t('consents.form.subtitle')} />
      <Card>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => e.preventDefault()}
          data-testid="consent-form"
        >
          <fieldset className="checklist">
            <legend className="field-label">{t('consents.field.objects')} *</legend>
            <ul className="plain-list" data-testid="consent-form-objects">
              {d.objects.map((id) => (
                <li key={id}>
                  <ConsentObject id={id} />{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setD({ ...d, objects: d.objects.filter((o) => o !== id) })}
                  >
                    {t('consents.form.remove')}
                  </button>
                </li>
              ))}
            </ul>
            {d.objects[0] && <Originator id={d.objects[0]} />}
            <div className="form-row">
              <label className="field field-grow">
                <span className="field-label">{t('consents.form.addObject')}</span>
                <input
                  value={adding}
                  onChange={(e) => setAdding(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addObject();
                    }
                  }}
                  placeholder="malware--…"
                />
              </label>
              <button
                type="button"
                className="button"
                onClick={addObject}
                disabled={!isStixId(adding.trim())}
              >
                {t('consents.form.add')}
              </button>
            </div>
            {problem('objects')}
          </fieldset>
          <fieldset className="radio-row">
            <legend className="field-label">{t('consents.field.recipient')} *</legend>
            {recipientKinds.map((k) => (
              <label key={k} className="chip">
                <input
                  type="radio"
                  name="recipient-kind"
                  value={k}
                  checked={d.recipientKind === k}
                  onChange={() => setD({ ...d, recipientKind: k })}
                />
                {t(`consents.form.recipientKind.${k}`)}
              </label>
            ))}
          </fieldset>
          {d.recipientKind === 'third-party' && (
            <label className="field">
              <span className="field-label">{t('consents.form.thirdPartyName')} *</span>
              <input
                id="consent-third-party"
                value={d.thirdParty}
                maxLength={100}
                onChange={(e) => setD({ ...d, thirdParty: e.target.value })}
              />
              <span className="field-hint">{t('consents.form.thirdPartyHint')}</span>
              {problem('recipient')}
            </label>
          )}
          {d.recipientKind === 'party' && (
            <label className="field">
              <span className="field-label">{t('consents.form.party')} *</span>
              <select
                id="consent-party"
                value={d.party}
                onChange={(e) => setD({ ...d, party: e.target.value })}
              >
                <option value="">{t('consents.form.chooseParty')}</option>
                {parties.map((p) => (
                  <option key={p.code} value={p.code}>
                    {pickText(p.name, locale)}
                  </option>
                ))}
              </select>
              {problem('recipient')}
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('consents.field.purpose')} *</span>
            <textarea
              id="consent-purpose"
              rows={4}
              value={d.purpose}
              onChange={(e) => setD({ ...d, purpose: e.target.value })}
            />
            {problem('purpose')}
          </label>
          <label className="field">
            <span className="field-label">{t('consents.field.until')}</span>
            <input id="consent-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
            <span className="field-hint">{t('consents.form.untilHint')}</span>
          </label>
          <SubmitBar
            failure={failure}
            busy={busy}
            label={t('consents.form.submit')}
            testId="consent-submit"
            onSubmit={() => void submit()}
          />
        </form>
      </Card>
    </div>
  );
}
