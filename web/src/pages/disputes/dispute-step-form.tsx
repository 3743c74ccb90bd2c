import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemAlert } from '../../ui/feedback';
import { langTag, useLanguageName } from './dispute-bits';
import {
  datedStepKinds,
  disputeKeys,
  filledTexts,
  takeDisputeStep,
  type Dispute,
  type DisputeStepKind,
} from './disputes.api';

const STIX_ID = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;

interface EvidenceRow {
  objectId: string;
  description: string;
}

/** What must be fixed before the step can be taken: field → message key. */
export function stepProblems(
  kind: DisputeStepKind,
  content: Readonly<Record<string, string>>,
  evidence: readonly EvidenceRow[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (Object.keys(filledTexts(content)).length === 0) problems.content = 'disputes.form.needText';
  if (kind === 'evidence') {
    const ids = evidence.map((e) => e.objectId.trim()).filter(Boolean);
    if (ids.length === 0) problems.evidence = 'disputes.form.needEvidence';
    else if (ids.some((id) => !STIX_ID.test(id))) problems.evidence = 'disputes.form.badObjectId';
  }
  return problems;
}

/** One step of this node's Party on a dispute: its text in one or more languages, and what the kind needs. */
export function DisputeStepForm({
  dispute,
  kind,
  languages,
  onDone,
}: {
  readonly dispute: Dispute;
  readonly kind: DisputeStepKind;
  readonly languages: readonly string[];
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const languageName = useLanguageName();
  const [content, setContent] = useState<Record<string, string>>({});
  const [heldOn, setHeldOn] = useState('');
  const [evidence, setEvidence] = useState<EvidenceRow[]>([{ objectId: '', description: '' }]);
  const [submitted, setSubmitted] = useState(false);
  const problems = stepProblems(kind, content, evidence);
  const step = useMutation({
    mutationFn: () =>
      takeDisputeStep(dispute.id, {
        kind,
        content: filledTexts(content),
        ...(heldOn && datedStepKinds.includes(kind) ? { heldOn } : {}),
        ...(kind === 'evidence'
          ? {
              evidence: evidence
                .filter((e) => e.objectId.trim())
                .map((e) => ({
                  objectId: e.objectId.trim(),
                  ...(e.description.trim() ? { description: e.description.trim() } : {}),
                })),
            }
          : {}),
      }),
    onSuccess: (updated) => {
      client.setQueryData(disputeKeys.one(dispute.id), updated);
      onDone();
      void client.invalidateQueries({ queryKey: disputeKeys.all });
    },
  });
  const problem = (field: string) =>
    submitted && problems[field] ? (
      <span className="field-error" role="alert">
        {t(problems[field] ?? '')}
      </span>
    ) : null;
  return (
    <form
      className="form form-wide"
      noValidate
      data-testid={`dispute-step-form-${kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(problems).length === 0) step.mutate();
      }}
    >
      <p className="field-hint">{t(`disputes.stepHint.${kind}`)}</p>
      {languages.map((l) => (
        <label key={l} className="field">
          <span className="field-label">{t('disputes.form.textIn', { language: languageName(l) })}</span>
          <textarea
            name={`content-${l}`}
            rows={4}
            lang={langTag(l)}
            value={content[l] ?? ''}
            onChange={(e) => setContent({ ...content, [l]: e.target.value })}
          />
        </label>
      ))}
      {problem('content')}
      {datedStepKinds.includes(kind) && (
        <label className="field field-inline">
          <span className="field-label">{t('disputes.field.heldOn')}</span>
          <input type="date" name="heldOn" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </label>
      )}
      {kind === 'evidence' && (
        <fieldset className="field">
          <legend className="field-label">{t('disputes.field.evidence')} *</legend>
          <span className="field-hint">{t('disputes.form.evidenceHint')}</span>
          {evidence.map((row, i) => (
            <div key={i} className="form-row">
              <label className="field field-grow">
                <span className="field-label">{t('disputes.form.objectId')}</span>
                <input
                  name={`evidence-${i}`}
                  className="mono"
                  value={row.objectId}
                  onChange={(e) =>
                    setEvidence(evidence.map((r, j) => (j === i ? { ...r, objectId: e.target.value } : r)))
                  }
                />
              </label>
              <label className="field field-grow">
                <span className="field-label">{t('disputes.form.evidenceDescription')}</span>
                <input
                  name={`evidence-description-${i}`}
                  value={row.description}
                  onChange={(e) =>
                    setEvidence(evidence.map((r, j) => (j === i ? { ...r, description: e.target.value } : r)))
                  }
                />
              </label>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => setEvidence([...evidence, { objectId: '', description: '' }])}
            >
              {t('disputes.form.addEvidence')}
            </button>
          </div>
          {problem('evidence')}
        </fieldset>
      )}
      {kind === 'outcome' && (
        <div className="alert alert-warn" role="note">
          {t('disputes.form.outcomeFinal')}
        </div>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className={kind === 'outcome' ? 'button button-danger' : 'button button-primary'}
          disabled={step.isPending}
          data-testid={`dispute-step-submit-${kind}`}
        >
          {t(`disputes.action.${kind}`)}
        </button>
      </div>
      <ProblemAlert error={step.error} />
    </form>
  );
}
