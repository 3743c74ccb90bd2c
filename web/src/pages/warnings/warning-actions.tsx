import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { agreements, warningAct, warningKeys, type WarningDetail } from '../../api/warnings';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../ui/feedback';

type Panel = 'acknowledge' | 'assess' | 'close' | 'withdraw' | 'translate' | null;

function useAct(id: string, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ act, body }: { act: string; body?: Record<string, unknown> }) => warningAct(id, act, body),
    onSuccess: (detail) => {
      client.setQueryData(warningKeys.one(id), detail);
      onDone();
      void client.invalidateQueries({ queryKey: warningKeys.all });
    },
  });
}

function AssessForm({
  onSubmit,
  busy,
}: {
  readonly onSubmit: (body: Record<string, unknown>) => void;
  readonly busy: boolean;
}) {
  const { t } = useTranslation();
  const [agreement, setAgreement] = useState<string>('agree');
  const [confidence, setConfidence] = useState('75');
  const [explanation, setExplanation] = useState('');
  const [actions, setActions] = useState('');
  return (
    <form
      className="form form-wide"
      data-testid="assess-form"
      onSubmit={(e) => {
        e.preventDefault();
        const taken = actions
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean);
        onSubmit({
          agreement,
          ...(confidence ? { confidence: Number(confidence) } : {}),
          ...(explanation.trim() ? { explanation: explanation.trim() } : {}),
          ...(taken.length ? { actionsTaken: taken } : {}),
        });
      }}
    >
      <fieldset className="radio-row">
        <legend className="field-label">{t('warnings.assess.agreement')}</legend>
        {agreements.map((a) => (
          <label key={a} className="chip">
            <input
              type="radio"
              name="agreement"
              value={a}
              checked={agreement === a}
              onChange={() => setAgreement(a)}
            />
            {t(`warnings.agreement.${a}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('warnings.assess.confidence')}</span>
        <input
          type="number"
          min={0}
          max={100}
          value={confidence}
          onChange={(e) => setConfidence(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('warnings.assess.explanation')}</span>
        <textarea
          rows={3}
          value={explanation}
          onChange={(e) => setExplanation(e.target.value)}
          name="explanation"
        />
      </label>
      <label className="field">
        <span className="field-label">{t('warnings.assess.actionsTaken')}</span>
        <textarea rows={2} value={actions} onChange={(e) => setActions(e.target.value)} />
        <span className="field-hint">{t('warnings.onePerLine')}</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="assess-submit">
          {t('warnings.act.assess')}
        </button>
      </div>
    </form>
  );
}

function ReasonForm({
  act,
  required,
  onSubmit,
  busy,
}: {
  readonly act: 'close' | 'withdraw' | 'acknowledge';
  readonly required: boolean;
  readonly onSubmit: (text: string) => void;
  readonly busy: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <form
      className="form form-wide"
      data-testid={`${act}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text.trim());
      }}
    >
      <label className="field">
        <span className="field-label">
          {act === 'acknowledge' ? t('warnings.ack.comment') : t('warnings.reason')}
        </span>
        <textarea rows={2} value={text} required={required} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className={act === 'withdraw' ? 'button button-danger' : 'button button-primary'}
          disabled={busy || (required && !text.trim())}
          data-testid={`${act}-submit`}
        >
          {t(`warnings.act.${act}`)}
        </button>
      </div>
    </form>
  );
}

function TranslateForm({
  onSubmit,
  busy,
  have,
}: {
  readonly onSubmit: (body: Record<string, unknown>) => void;
  readonly busy: boolean;
  readonly have: readonly string[];
}) {
  const { t } = useTranslation();
  const options = (['zh', 'ru', 'en'] as const).filter((l) => !have.includes(l));
  const [lang, setLang] = useState<string>(options[0] ?? 'en');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="form form-wide"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          lang,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
        });
      }}
    >
      <label className="field">
        <span className="field-label">{t('warnings.translate.lang')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          {(['zh', 'ru', 'en'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`agreement.language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('warnings.field.title')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} lang={lang} />
      </label>
      <label className="field">
        <span className="field-label">{t('warnings.field.description')}</span>
        <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} lang={lang} />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || (!title.trim() && !description.trim())}
        >
          {t('warnings.act.translate')}
        </button>
      </div>
    </form>
  );
}

/** The acts this user may take on the warning now; the node checks each again. */
export function WarningActions({ warning }: { readonly warning: WarningDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const [panel, setPanel] = useState<Panel>(null);
  const act = useAct(warning.id, () => setPanel(null));
  const ended = warning.state === 'closed' || warning.state === 'withdrawn';
  const received = warning.direction === 'received';
  const mine = warning.addressees.find((a) => a.party === session.me.party);
  const canSend = !received && warning.state === 'draft' && session.can('warnings:send');
  const canAck =
    received &&
    !ended &&
    (mine?.state === 'sent' || mine?.state === 'delivered' || warning.state === 'delivered') &&
    session.can('warnings:acknowledge');
  const canAssess = !ended && warning.state !== 'draft' && !canAck && session.can('warnings:assess');
  const canEnd = !received && !ended && warning.state !== 'draft' && session.can('warnings:send');
  const canTranslate = !ended && session.can('translations:write');
  const toggle = (p: Panel) => setPanel((old) => (old === p ? null : p));

  return (
    <div className="warning-actions" data-testid="warning-actions">
      <div className="form-actions">
        {canSend && (
          <button
            type="button"
            className="button button-primary"
            disabled={act.isPending}
            onClick={() => act.mutate({ act: 'send' })}
            data-testid="act-send"
          >
            {t('warnings.act.send')}
          </button>
        )}
        {canAck && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => toggle('acknowledge')}
            data-testid="act-acknowledge"
          >
            {t('warnings.act.acknowledge')}
          </button>
        )}
        {canAssess && (
          <button type="button" className="button" onClick={() => toggle('assess')} data-testid="act-assess">
            {t('warnings.act.assess')}
          </button>
        )}
        {canTranslate && (
          <button type="button" className="button" onClick={() => toggle('translate')}>
            {t('warnings.act.translate')}
          </button>
        )}
        {canEnd && (
          <>
            <button type="button" className="button" onClick={() => toggle('close')}>
              {t('warnings.act.close')}
            </button>
            <button type="button" className="button button-danger" onClick={() => toggle('withdraw')}>
              {t('warnings.act.withdraw')}
            </button>
          </>
        )}
      </div>
      {panel === 'acknowledge' && (
        <ReasonForm
          act="acknowledge"
          required={false}
          busy={act.isPending}
          onSubmit={(comment) => act.mutate({ act: 'acknowledge', body: comment ? { comment } : {} })}
        />
      )}
      {panel === 'assess' && (
        <AssessForm busy={act.isPending} onSubmit={(body) => act.mutate({ act: 'assess', body })} />
      )}
      {panel === 'close' && (
        <ReasonForm
          act="close"
          required={false}
          busy={act.isPending}
          onSubmit={(reason) => act.mutate({ act: 'close', body: reason ? { reason } : {} })}
        />
      )}
      {panel === 'withdraw' && (
        <ReasonForm
          act="withdraw"
          required
          busy={act.isPending}
          onSubmit={(reason) => act.mutate({ act: 'withdraw', body: { reason } })}
        />
      )}
      {panel === 'translate' && (
        <TranslateForm
          busy={act.isPending}
          have={[warning.lang, ...warning.translations.map((tr) => tr.lang)]}
          onSubmit={(body) => act.mutate({ act: 'translations', body })}
        />
      )}
      <ProblemAlert error={act.error} />
    </div>
  );
}
