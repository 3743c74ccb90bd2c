import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Card } from '../../ui/layout';
import {
  governanceKeys,
  legislationStatuses,
  saveRecord,
  useLaw,
  type LegislationObject,
  type RecordView,
} from '../agreement/governance.api';
import { FieldProblem } from '../agreement/governance-bits';
import { langTag } from './legislation-list.page';
import { useFormSubmission } from '../../ui/form-submission';
import { RecordFormPage } from '../agreement/record-form-page';
import { SubmitBar } from '../../ui/submit-bar';

const LANGUAGES = ['zh', 'ru', 'en'] as const;

interface Draft {
  titles: Record<string, string>;
  summaries: Record<string, string>;
  jurisdiction: string;
  kind: string;
  adoptedOn: string;
  inForceFrom: string;
  inForceUntil: string;
  status: string;
  urls: string;
}

function draftOf(record: RecordView<LegislationObject> | undefined, party: string): Draft {
  const o = record?.object;
  return {
    titles: { ...(o?.titles ?? {}) },
    summaries: { ...(o?.summaries ?? {}) },
    jurisdiction: o?.jurisdiction ?? party,
    kind: o?.legislation_kind ?? 'law',
    adoptedOn: o?.adopted_on ?? '',
    inForceFrom: o?.in_force_from ?? '',
    inForceUntil: o?.in_force_until ?? '',
    status: o?.legislation_status ?? 'in-force',
    urls: (o?.external_references ?? [])
      .map((r) => r.url)
      .filter(Boolean)
      .join('\n'),
  };
}

const nonEmpty = (texts: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(texts)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v),
  );

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function problemsOf(d: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (Object.keys(nonEmpty(d.titles)).length === 0) problems.titles = 'governance.legislation.needTitle';
  if (d.kind && !/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(d.kind))
    problems.kind = 'governance.legislation.badKind';
  if (d.inForceFrom && d.inForceUntil && d.inForceUntil < d.inForceFrom)
    problems.inForceUntil = 'governance.form.endBeforeStart';
  if (lines(d.urls).some((u) => !/^https?:\/\/\S+$/.test(u))) problems.urls = 'governance.legislation.badUrl';
  return problems;
}

function LegislationForm({ record }: { readonly record: RecordView<LegislationObject> | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(record, session.me.party));
  const { submitted, failure, busy, attempt } = useFormSubmission();
  const problems = problemsOf(d);
  const show = (field: string) => (submitted ? problems[field] : undefined);
  // The user's language first.
  const languages = [locale, ...LANGUAGES.filter((l) => l !== locale)];

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const summaries = nonEmpty(d.summaries);
      const urls = lines(d.urls);
      const body = {
        titles: nonEmpty(d.titles),
        ...(Object.keys(summaries).length ? { summaries } : {}),
        jurisdiction: d.jurisdiction,
        ...(d.kind ? { kind: d.kind } : {}),
        ...(d.adoptedOn ? { adoptedOn: d.adoptedOn } : {}),
        ...(d.inForceFrom ? { inForceFrom: d.inForceFrom } : {}),
        ...(d.inForceUntil ? { inForceUntil: d.inForceUntil } : {}),
        status: d.status,
        ...(urls.length ? { urls } : {}),
      };
      const saved = await saveRecord<RecordView>('legislation', record?.id, body);
      await client.invalidateQueries({ queryKey: governanceKeys.all });
      void navigate(`/legislation/${saved.id}`);
    });
  }

  return (
    <Card>
      <form className="form form-wide" noValidate onSubmit={(e) => e.preventDefault()} data-testid="law-form">
        <p className="field-hint">{t('governance.legislation.languagesHint')}</p>
        <div className="side-by-side">
          {languages.map((lang) => (
            <fieldset key={lang} className="text-version" lang={langTag(lang)}>
              <legend className="field-label">{t(`agreement.language.${lang}`)}</legend>
              <label className="field">
                <span className="field-label">{t('governance.legislation.field.title')}</span>
                <input
                  id={`law-title-${lang}`}
                  value={d.titles[lang] ?? ''}
                  onChange={(e) => setD({ ...d, titles: { ...d.titles, [lang]: e.target.value } })}
                />
              </label>
              <label className="field">
                <span className="field-label">{t('governance.legislation.field.summary')}</span>
                <textarea
                  id={`law-summary-${lang}`}
                  rows={4}
                  value={d.summaries[lang] ?? ''}
                  onChange={(e) => setD({ ...d, summaries: { ...d.summaries, [lang]: e.target.value } })}
                />
              </label>
            </fieldset>
          ))}
        </div>
        <FieldProblem problem={show('titles')} />
        <div className="form-row">
          <label className="field field-inline">
            <span className="field-label">{t('governance.legislation.field.jurisdiction')}</span>
            <select
              id="law-jurisdiction"
              value={d.jurisdiction}
              onChange={(e) => setD({ ...d, jurisdiction: e.target.value })}
            >
              {(profile.data?.parties ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {pickText(p.name, locale)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.legislation.field.kind')}</span>
            <input id="law-kind" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value })} />
            <FieldProblem problem={show('kind')} />
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.col.status')}</span>
            <select
              id="law-status-field"
              value={d.status}
              onChange={(e) => setD({ ...d, status: e.target.value })}
            >
              {legislationStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`governance.legislation.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-row">
          <label className="field field-inline">
            <span className="field-label">{t('governance.legislation.field.adoptedOn')}</span>
            <input
              type="date"
              value={d.adoptedOn}
              onChange={(e) => setD({ ...d, adoptedOn: e.target.value })}
            />
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.legislation.field.inForceFrom')}</span>
            <input
              type="date"
              value={d.inForceFrom}
              onChange={(e) => setD({ ...d, inForceFrom: e.target.value })}
            />
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.legislation.field.inForceUntil')}</span>
            <input
              type="date"
              value={d.inForceUntil}
              onChange={(e) => setD({ ...d, inForceUntil: e.target.value })}
            />
            <FieldProblem problem={show('inForceUntil')} />
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('governance.legislation.field.urls')}</span>
          <textarea
            id="law-urls"
            rows={2}
            value={d.urls}
            onChange={(e) => setD({ ...d, urls: e.target.value })}
          />
          <span className="field-hint">{t('governance.legislation.urlsHint')}</span>
          <FieldProblem problem={show('urls')} />
        </label>
        <SubmitBar
          failure={failure}
          busy={busy}
          label={t('governance.legislation.share')}
          testId="law-submit"
          onSubmit={() => void submit()}
        />
      </form>
    </Card>
  );
}

/** Shares a national law or regulation with every other Party, or a new version of one this Party shared. */
export default function LegislationFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useLaw(id);
  return (
    <RecordFormPage
      id={id}
      existing={existing}
      title={id ? t('governance.legislation.edit') : t('governance.legislation.add')}
      subtitle={t('governance.legislation.formSubtitle')}
    >
      {(record) => <LegislationForm record={record} />}
    </RecordFormPage>
  );
}
