import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card } from '../../ui/layout';
import {
  authorityExtension,
  governanceKeys,
  saveRecord,
  useAuthority,
  type AuthorityContact,
  type RecordView,
} from '../agreement/governance.api';
import { FieldProblem, toggle } from '../agreement/governance-bits';
import { useFormSubmission } from '../../ui/form-submission';
import { RecordFormPage } from '../agreement/record-form-page';
import { SubmitBar } from '../../ui/submit-bar';

const CHANNELS = ['phone', 'email', 'fax', 'post', 'other'] as const;

interface ContactDraft {
  channel: AuthorityContact['channel'];
  value: string;
  name: string;
  alwaysAvailable: boolean;
}

interface Draft {
  name: string;
  description: string;
  roles: string;
  areas: string[];
  contacts: ContactDraft[];
  status: 'active' | 'withdrawn';
}

const emptyContact = (): ContactDraft => ({ channel: 'phone', value: '', name: '', alwaysAvailable: true });

function draftOf(record: RecordView | undefined): Draft {
  const ext = record ? authorityExtension(record.object) : undefined;
  return {
    name: record?.title ?? '',
    description: typeof record?.object.description === 'string' ? record.object.description : '',
    roles: (ext?.authority_roles ?? []).join(', '),
    areas: [...(ext?.areas ?? [])],
    contacts: ext?.contacts?.length
      ? ext.contacts.map((c) => ({
          channel: c.channel,
          value: c.value,
          name: c.name ?? '',
          alwaysAvailable: Boolean(c.always_available),
        }))
      : [emptyContact()],
    status: ext?.authority_status ?? 'active',
  };
}

const splitRoles = (roles: string): string[] =>
  roles
    .split(/[,，;\n]/)
    .map((r) => r.trim())
    .filter(Boolean);

function problemsOf(d: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.name.trim()) problems.name = 'governance.form.required';
  if (splitRoles(d.roles).length === 0) problems.roles = 'governance.form.required';
  if (d.areas.length === 0) problems.areas = 'governance.form.chooseOne';
  return problems;
}

function AuthorityForm({ record }: { readonly record: RecordView | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(record));
  const { submitted, failure, busy, attempt } = useFormSubmission();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const problems = problemsOf(d);
  const show = (field: string) => (submitted ? problems[field] : undefined);
  const setContact = (i: number, change: Partial<ContactDraft>) =>
    setD({ ...d, contacts: d.contacts.map((c, j) => (j === i ? { ...c, ...change } : c)) });

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const body = {
        name: d.name.trim(),
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
        roles: splitRoles(d.roles),
        areas: d.areas,
        contacts: d.contacts
          .filter((c) => c.value.trim())
          .map((c) => ({
            channel: c.channel,
            value: c.value.trim(),
            alwaysAvailable: c.alwaysAvailable,
            ...(c.name.trim() ? { name: c.name.trim() } : {}),
          })),
        status: d.status,
      };
      await saveRecord<RecordView>('authorities', record?.id, body);
      await client.invalidateQueries({ queryKey: governanceKeys.all });
      void navigate('/authorities');
    });
  }

  return (
    <Card>
      <form
        className="form form-wide"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        data-testid="authority-form"
      >
        <label className="field">
          <span className="field-label">{t('governance.authorities.field.name')} *</span>
          <input id="authority-name" value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
          <FieldProblem problem={show('name')} />
        </label>
        <label className="field">
          <span className="field-label">{t('governance.authorities.field.description')}</span>
          <textarea
            id="authority-description"
            rows={3}
            value={d.description}
            onChange={(e) => setD({ ...d, description: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('governance.authorities.field.roles')} *</span>
          <input
            id="authority-roles"
            value={d.roles}
            onChange={(e) => setD({ ...d, roles: e.target.value })}
          />
          <span className="field-hint">{t('governance.authorities.rolesHint')}</span>
          <FieldProblem problem={show('roles')} />
        </label>
        <fieldset className="radio-row">
          <legend className="field-label">{t('governance.authorities.field.areas')} *</legend>
          {profile.data.directions.map((dir) => (
            <label key={dir.code} className="chip" title={dir.provision}>
              <input
                type="checkbox"
                value={dir.code}
                checked={d.areas.includes(dir.code)}
                onChange={(e) => setD({ ...d, areas: toggle(d.areas, dir.code, e.target.checked) })}
              />
              {pickText(dir.label, locale)}
            </label>
          ))}
          <FieldProblem problem={show('areas')} />
        </fieldset>
        <fieldset>
          <legend className="field-label">{t('governance.authorities.field.contacts')}</legend>
          {d.contacts.map((c, i) => (
            <div className="form-row" key={i} data-testid="contact-row">
              <label className="field field-inline">
                <span className="field-label">{t('governance.authorities.field.channel')}</span>
                <select
                  value={c.channel}
                  onChange={(e) => setContact(i, { channel: e.target.value as ContactDraft['channel'] })}
                >
                  {CHANNELS.map((ch) => (
                    <option key={ch} value={ch}>
                      {t(`governance.authorities.channel.${ch}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field-inline field-grow">
                <span className="field-label">{t('governance.authorities.field.contactValue')}</span>
                <input
                  name={`contact-value-${i}`}
                  value={c.value}
                  onChange={(e) => setContact(i, { value: e.target.value })}
                />
              </label>
              <label className="field field-inline">
                <span className="field-label">{t('governance.authorities.field.contactName')}</span>
                <input value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />
              </label>
              <label className="chip">
                <input
                  type="checkbox"
                  checked={c.alwaysAvailable}
                  onChange={(e) => setContact(i, { alwaysAvailable: e.target.checked })}
                />
                {t('governance.authorities.always')}
              </label>
              <button
                type="button"
                className="button button-small"
                onClick={() => setD({ ...d, contacts: d.contacts.filter((_, j) => j !== i) })}
              >
                {t('governance.form.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => setD({ ...d, contacts: [...d.contacts, emptyContact()] })}
          >
            {t('governance.authorities.addContact')}
          </button>
        </fieldset>
        <label className="field">
          <span className="field-label">{t('governance.col.status')}</span>
          <select
            id="authority-status"
            value={d.status}
            onChange={(e) => setD({ ...d, status: e.target.value === 'withdrawn' ? 'withdrawn' : 'active' })}
          >
            <option value="active">{t('governance.authorities.status.active')}</option>
            <option value="withdrawn">{t('governance.authorities.status.withdrawn')}</option>
          </select>
        </label>
        <p className="field-hint">{t('governance.authorities.keysHint')}</p>
        <SubmitBar
          failure={failure}
          busy={busy}
          label={t('governance.authorities.share')}
          testId="authority-submit"
          onSubmit={() => void submit()}
        />
      </form>
    </Card>
  );
}

/** Adds a competent authority of this node's Party, or makes a new version of one (its Party only). */
export default function AuthorityFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useAuthority(id);
  return (
    <RecordFormPage
      id={id}
      existing={existing}
      title={id ? t('governance.authorities.edit') : t('governance.authorities.add')}
      subtitle={t('governance.authorities.formSubtitle')}
    >
      {(record) => <AuthorityForm record={record} />}
    </RecordFormPage>
  );
}
