import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './feedback';

/** The foot of a form: the node's refusal, if it gave one, then the one button that submits. */
export function SubmitBar({
  failure,
  busy,
  label,
  testId,
  onSubmit,
}: {
  readonly failure: unknown;
  readonly busy: boolean;
  readonly label: string;
  readonly testId: string;
  readonly onSubmit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ProblemAlert error={failure} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={onSubmit}
          data-testid={testId}
        >
          {busy ? t('common.saving') : label}
        </button>
      </div>
    </>
  );
}
