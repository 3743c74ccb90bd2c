import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card } from '../../ui/layout';
import {
  activityKinds,
  activityStatuses,
  costBearers,
  governanceKeys,
  saveRecord,
  useActivity,
  type ActivityObject,
  type GovernanceProfile,
  type RecordView,
} from '../agreement/governance.api';
import { FieldProblem, toggle } from '../agreement/governance-bits';
import { useFormSubmission } from '../../ui/form-submission';
import { RecordFormPage } from '../agreement/record-form-page';
import { SubmitBar } from '../../ui/submit-bar';

interface ParticipantDraft {
  party: string;
  name: string;
  role: string;
}

interface Draft {
  title: string;
  description: string;
  kind: string;
  directions: string[];
  participants: ParticipantDraft[];
  startDate: string;
  endDate: string;
  status: string;
  costBearer: string;
  costArrangement: string;
}

function draftOf(
  record: RecordView<ActivityObject> | undefined,
  party: string,
  defaultBearer: string,
): Draft {
  const o = record?.object;
  return {
    title: record?.title ?? '',
    description: o?.description ?? '',
    kind: o?.activity_kind ?? 'working-meeting',
    directions: [...(o?.directions ?? [])],
    participants: o?.participants?.length
      ? o.participants.map((p) => ({ party: p.party, name: p.name ?? '', role: p.role ?? '' }))
      : [{ party, name: '', role: '' }],
    startDate: o?.start_date ?? '',
    endDate: o?.end_date ?? '',
    status: o?.activity_status ?? 'proposed',
    costBearer: o?.cost_bearer ?? defaultBearer,
    costArrangement: o?.cost_arrangement ?? '',
  };
}

function problemsOf(d: Draft, defaultBearer: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.title.trim()) problems.title = 'governance.form.required';
  if (d.directions.length === 0) problems.directions = 'governance.form.chooseOne';
  if (d.participants.length === 0) problems.participants = 'governance.form.chooseOne';
  if (!d.startDate) problems.startDate = 'governance.form.required';
  if (d.endDate && d.startDate && d.endDate < d.startDate)
    problems.endDate = 'governance.form.endBeforeStart';
  if (d.costBearer !== defaultBearer && !d.costArrangement.trim())
    problems.costArrangement = 'governance.activities.arrangementRequired';
  return problems;
}

function ActivityForm({
  record,
  profile,
}: {
  readonly record: RecordView<ActivityObject> | undefined;
  readonly profile: GovernanceProfile;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const defaultBearer = profile.financing?.defaultCostBearer ?? 'own-party';
  const [d, setD] = useState<Draft>(() => draftOf(record, session.me.party, defaultBearer));
  const { submitted, failure, busy, attempt } = useFormSubmission();
  const problems = problemsOf(d, defaultBearer);
  const show = (field: string) => (submitted ? problems[field] : undefined);
  const setParticipant = (i: number, change: Partial<ParticipantDraft>) =>
    setD({ ...d, participants: d.participants.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  const alternative = d.costBearer !== defaultBearer;

  async function submit() {
    await attempt(Object.keys(problems).length === 0, async () => {
      const body = {
        title: d.title.trim(),
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
        lang: record?.object.lang ?? locale,
        kind: d.kind,
        directions: d.directions,
        participants: d.participants.map((p) => ({
          party: p.party,
          ...(p.name.trim() ? { name: p.name.trim() } : {}),
          ...(p.role.trim() ? { role: p.role.trim() } : {}),
        })),
        startDate: d.startDate,
        ...(d.endDate ? { endDate: d.endDate } : {}),
        status: d.status,
        costBearer: d.costBearer,
        ...(alternative && d.costArrangement.trim() ? { costArrangement: d.costArrangement.trim() } : {}),
      };
      const saved = await saveRecord<RecordView>('activities', record?.id, body);
      await client.invalidateQueries({ queryKey: governanceKeys.all });
      void navigate(`/activities/${saved.id}`);
    });
  }

  // Art. 3: the directions of cooperation, each with its paragraph.
  return (
    <Card>
      <form
        className="form form-wide"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        data-testid="activity-form"
      >
        <label className="field">
          <span className="field-label">{t('governance.activities.field.title')} *</span>
          <input
            id="activity-title"
            value={d.title}
            onChange={(e) => setD({ ...d, title: e.target.value })}
          />
          <FieldProblem problem={show('title')} />
        </label>
        <label className="field">
          <span className="field-label">{t('governance.activities.field.description')}</span>
          <textarea
            id="activity-description"
            rows={4}
            value={d.description}
            onChange={(e) => setD({ ...d, description: e.target.value })}
          />
        </label>
        <div className="form-row">
          <label className="field field-inline">
            <span className="field-label">{t('governance.activities.field.kind')} *</span>
            <select id="activity-kind" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value })}>
              {activityKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`governance.activities.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.col.status')}</span>
            <select
              id="activity-status"
              value={d.status}
              onChange={(e) => setD({ ...d, status: e.target.value })}
            >
              {activityStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`governance.activities.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.activities.field.startDate')} *</span>
            <input
              id="activity-start"
              type="date"
              value={d.startDate}
              onChange={(e) => setD({ ...d, startDate: e.target.value })}
            />
            <FieldProblem problem={show('startDate')} />
          </label>
          <label className="field field-inline">
            <span className="field-label">{t('governance.activities.field.endDate')}</span>
            <input
              id="activity-end"
              type="date"
              value={d.endDate}
              onChange={(e) => setD({ ...d, endDate: e.target.value })}
            />
            <FieldProblem problem={show('endDate')} />
          </label>
        </div>
        <fieldset className="radio-row" data-testid="activity-directions">
          <legend className="field-label">{t('governance.activities.directionsArt3')} *</legend>
          {profile.directions.map((dir) => (
            <label key={dir.code} className="chip" title={dir.provision}>
              <input
                type="checkbox"
                value={dir.code}
                checked={d.directions.includes(dir.code)}
                onChange={(e) => setD({ ...d, directions: toggle(d.directions, dir.code, e.target.checked) })}
              />
              {pickText(dir.label, locale)} <span className="small muted">{dir.provision}</span>
            </label>
          ))}
          <FieldProblem problem={show('directions')} />
        </fieldset>
        <fieldset>
          <legend className="field-label">{t('governance.activities.field.participants')} *</legend>
          {d.participants.map((p, i) => (
            <div className="form-row" key={i} data-testid="participant-row">
              <label className="field field-inline">
                <span className="field-label">{t('governance.col.party')}</span>
                <select value={p.party} onChange={(e) => setParticipant(i, { party: e.target.value })}>
                  {profile.parties.map((party) => (
                    <option key={party.code} value={party.code}>
                      {pickText(party.name, locale)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field-inline field-grow">
                <span className="field-label">{t('governance.activities.field.participantName')}</span>
                <input value={p.name} onChange={(e) => setParticipant(i, { name: e.target.value })} />
              </label>
              <label className="field field-inline">
                <span className="field-label">{t('governance.activities.field.participantRole')}</span>
                <input value={p.role} onChange={(e) => setParticipant(i, { role: e.target.value })} />
              </label>
              <button
                type="button"
                className="button button-small"
                onClick={() => setD({ ...d, participants: d.participants.filter((_, j) => j !== i) })}
              >
                {t('governance.form.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              setD({
                ...d,
                participants: [...d.participants, { party: session.me.party, name: '', role: '' }],
              })
            }
          >
            {t('governance.activities.addParticipant')}
          </button>
          <FieldProblem problem={show('participants')} />
        </fieldset>
        <fieldset className="radio-row" data-testid="activity-costs">
          <legend className="field-label">{t('governance.activities.field.costBearer')}</legend>
          {[defaultBearer, ...costBearers.filter((c) => c !== defaultBearer)].map((c) => (
            <label key={c} className="chip">
              <input
                type="radio"
                name="costBearer"
                value={c}
                checked={d.costBearer === c}
                onChange={() => setD({ ...d, costBearer: c })}
              />
              {t(`governance.activities.cost.${c}`)}
              {c === defaultBearer && (
                <span className="small muted">
                  {' '}
                  {t('governance.activities.costDefault', { provision: profile.financing?.provision ?? '' })}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        {alternative && (
          <label className="field">
            <span className="field-label">{t('governance.activities.field.costArrangement')} *</span>
            <textarea
              id="activity-arrangement"
              rows={3}
              value={d.costArrangement}
              onChange={(e) => setD({ ...d, costArrangement: e.target.value })}
            />
            <span className="field-hint">{t('governance.activities.arrangementHint')}</span>
            <FieldProblem problem={show('costArrangement')} />
          </label>
        )}
        <SubmitBar
          failure={failure}
          busy={busy}
          label={t('common.save')}
          testId="activity-submit"
          onSubmit={() => void submit()}
        />
      </form>
    </Card>
  );
}

/** Records a joint activity, or a new version of one this Party recorded. */
export default function ActivityFormPage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const { id } = useParams();
  const existing = useActivity(id);
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  return (
    <RecordFormPage
      id={id}
      existing={existing}
      title={id ? t('governance.activities.edit') : t('governance.activities.add')}
      subtitle={t('governance.activities.formSubtitle')}
    >
      {(record) => <ActivityForm record={record} profile={profile.data} />}
    </RecordFormPage>
  );
}
