import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useObject, useProfile } from '../../api/queries';
import type { Outcome, StixObject, TlpLevel } from '../../api/types';
import { useLocale } from '../../i18n/use-locale';
import {
  buildObject,
  formFields,
  isEditableKind,
  serverErrors,
  validateForm,
  valuesOf,
  type EditableKind,
  type FieldErrors,
  type FieldName,
  type FormValues,
} from '../../stix/stix-forms';
import { useStixTypeLabel } from '../../stix/use-stix-labels';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { Field, useErrorText } from './editor-fields';

function nowLocalInput(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function initialValues(kind: EditableKind, defaultTlp: string): FormValues {
  const base: FormValues = { tlp: defaultTlp };
  if (kind === 'indicator') return { ...base, pattern_type: 'stix', valid_from: nowLocalInput() };
  if (kind === 'report') return { ...base, published: nowLocalInput() };
  return base;
}

interface EditorProps {
  readonly kind: EditableKind;
  readonly previous?: StixObject;
  readonly initial: FormValues;
  readonly tlpLevels: readonly TlpLevel[];
}

function Editor({ kind, previous, initial, tlpLevels }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const typeLabel = useStixTypeLabel();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [fromServer, setFromServer] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const clientErrors = useMemo(() => validateForm(kind, values, locale), [kind, values, locale]);

  const errorFor = (name: FieldName) =>
    fromServer[name] ??
    (submitted || touched.has(name) || (name === 'pattern' && values.pattern)
      ? clientErrors[name]
      : undefined);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(clientErrors).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const marking = tlpLevels.find((l) => l.code === values.tlp)?.markingDefinitionId;
    const object = buildObject(kind, values, marking, new Date(), () => crypto.randomUUID(), previous);
    setBusy(true);
    try {
      const result = await api<{ outcomes: Outcome[] }>('/api/v1/objects?collection=intel', {
        method: 'POST',
        body: object,
      });
      await queryClient.invalidateQueries({ queryKey: ['objects'] });
      void navigate(`/objects/${result.outcomes[0]?.id ?? object.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problem)
        setFromServer(serverErrors(error.problem.errors ?? [], error.problem.detail));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const title = previous
    ? t('editor.editTitle', { type: typeLabel(kind) })
    : t('editor.newTitle', { type: typeLabel(kind) });
  return (
    <div className="page">
      <PageHeader
        title={title}
        subtitle={previous ? <code className="small">{previous.id}</code> : t('editor.subtitle')}
      />
      <Card>
        <form
          className="form form-wide"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="object-form"
        >
          {formFields[kind].map((spec) => (
            <Field
              key={spec.name}
              spec={spec}
              value={values[spec.name] ?? ''}
              error={errorFor(spec.name)}
              tlpLevels={tlpLevels}
              onChange={(v) => {
                setValues((old) => ({ ...old, [spec.name]: v }));
                setFromServer((old) => ({ ...old, [spec.name]: undefined, _form: undefined }));
              }}
              onBlur={() => setTouched((old) => new Set(old).add(spec.name))}
            />
          ))}
          {fromServer._form && (
            <div className="alert alert-error" role="alert">
              {errorText(fromServer._form)}
            </div>
          )}
          <ProblemAlert error={failure} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="save-object">
              {busy ? t('common.saving') : previous ? t('editor.saveVersion') : t('editor.create')}
            </button>
            <button type="button" className="button" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </button>
            {submitted && Object.keys(clientErrors).length > 0 && (
              <span className="field-error">
                {t('editor.fixErrors', { count: Object.keys(clientErrors).length })}
              </span>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}

function ExistingEditor({ id, tlpLevels }: { readonly id: string; readonly tlpLevels: readonly TlpLevel[] }) {
  const { t } = useTranslation();
  const detail = useObject(id);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ProblemAlert error={detail.error} />;
  const kind = detail.data.object.type;
  if (!isEditableKind(kind)) return <div className="alert alert-error">{t('editor.notEditable')}</div>;
  return (
    <Editor
      kind={kind}
      previous={detail.data.object}
      initial={valuesOf(detail.data.object, detail.data.tlp)}
      tlpLevels={tlpLevels}
    />
  );
}

/** Create a new indicator, report, vulnerability or incident, or a new version of one. */
export default function ObjectEditorPage() {
  const { t } = useTranslation();
  const { kind, id } = useParams();
  const profile = useProfile();
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemAlert error={profile.error} />;
  const tlp = profile.data.markings.tlp;
  const levels = [...tlp.levels].sort((a, b) => a.rank - b.rank);
  if (id) return <ExistingEditor id={id} tlpLevels={levels} />;
  if (!isEditableKind(kind)) return <div className="alert alert-error">{t('editor.notEditable')}</div>;
  return <Editor key={kind} kind={kind} initial={initialValues(kind, tlp.default)} tlpLevels={levels} />;
}
