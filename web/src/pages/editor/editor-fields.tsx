import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { SearchResult, TlpLevel } from '../../api/types';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { displayName } from '../../stix/stix-display';
import { listOf, type FieldError, type FieldSpec } from '../../stix/stix-forms';
import { useStixTypeLabel } from '../../stix/use-stix-labels';

/** The text of a field error in the UI language. */
export function useErrorText(): (error: FieldError) => string {
  const { t } = useTranslation();
  return (error) => ('text' in error ? error.text : t(error.key, error.values ?? {}));
}

/** Shows where in the pattern the problem is: the text with the offending character marked. */
function PatternCaret({ pattern, position }: { readonly pattern: string; readonly position: number }) {
  const { t } = useTranslation();
  const lineStart = pattern.lastIndexOf('\n', position - 1) + 1;
  const lineEndAt = pattern.indexOf('\n', position);
  const lineEnd = lineEndAt < 0 ? pattern.length : lineEndAt;
  const line = pattern.slice(lineStart, lineEnd);
  const column = position - lineStart;
  const lineNo = pattern.slice(0, position).split('\n').length;
  return (
    <div className="pattern-caret" data-testid="pattern-caret" data-position={position}>
      <div className="small">{t('editor.patternAt', { line: lineNo, column: column + 1 })}</div>
      <pre>
        {line.slice(0, column)}
        <mark>{line.slice(column, column + 1) || ' '}</mark>
        {line.slice(column + 1)}
        {'\n'}
        {' '.repeat(column)}^
      </pre>
    </div>
  );
}

function RefPicker({ onAdd }: { readonly onAdd: (id: string) => void }) {
  const { t } = useTranslation();
  const typeLabel = useStixTypeLabel();
  const [text, setText] = useState('');
  const results = useQuery({
    queryKey: ['objects', 'picker', text],
    queryFn: ({ signal }) => api<SearchResult>(`/api/v1/objects${query({ q: text, limit: 8 })}`, { signal }),
    enabled: text.trim().length >= 2,
  });
  return (
    <div className="ref-picker">
      <input
        type="search"
        aria-label={t('editor.refSearch')}
        placeholder={t('editor.refSearch')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {results.data && text.trim().length >= 2 && (
        <ul className="picker-results" role="listbox" aria-label={t('editor.refResults')}>
          {results.data.items.length === 0 && <li className="muted">{t('objects.none')}</li>}
          {results.data.items.map((item) => (
            <li key={item.id}>
              <button type="button" className="link-button" onClick={() => onAdd(item.id)}>
                {typeLabel(item.type)} · {displayName(item.object)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface FieldProps {
  readonly spec: FieldSpec;
  readonly value: string;
  readonly error: FieldError | undefined;
  readonly onChange: (value: string) => void;
  readonly onBlur: () => void;
  readonly tlpLevels: readonly TlpLevel[];
}

function Control({
  spec,
  value,
  onChange,
  onBlur,
  tlpLevels,
  describedBy,
  invalid,
}: FieldProps & { readonly describedBy: string | undefined; readonly invalid: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = `field-${spec.name}`;
  const common = {
    id,
    name: spec.name,
    onBlur,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
    required: spec.required ?? false,
  };
  switch (spec.kind) {
    case 'textarea':
      return <textarea {...common} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'pattern':
      return (
        <textarea
          {...common}
          className="mono"
          rows={3}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="[ipv4-addr:value = '198.51.100.1']"
        />
      );
    case 'refs':
      return (
        <>
          <textarea
            {...common}
            className="mono"
            rows={4}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <RefPicker
            onAdd={(ref) => !listOf(value).includes(ref) && onChange([...listOf(value), ref].join('\n'))}
          />
        </>
      );
    case 'datetime':
      return (
        <input {...common} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} />
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          min={0}
          max={100}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'select':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {spec.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'tlp':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {tlpLevels.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name} — {pickText(l.label, locale)}
            </option>
          ))}
        </select>
      );
    case 'checklist': {
      const chosen = listOf(value);
      const toggle = (o: string) =>
        onChange((chosen.includes(o) ? chosen.filter((c) => c !== o) : [...chosen, o]).join(', '));
      return (
        <div
          className="checklist"
          id={id}
          role="group"
          aria-labelledby={`label-${spec.name}`}
          aria-describedby={describedBy}
        >
          {spec.options?.map((o) => (
            <label key={o} className="chip">
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={() => toggle(o)}
                onBlur={onBlur}
              />
              {t(`vocab.${spec.name}.${o}`)}
            </label>
          ))}
        </div>
      );
    }
    case 'text':
      return <input {...common} type="text" value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** One labelled form field with its hint and, when there is one, its error right below it. */
export function Field(props: FieldProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { spec, error, value } = props;
  const hintKey = `editor.hint.${spec.name}`;
  const hint = i18n.exists(hintKey) ? t(hintKey) : undefined;
  const describedBy =
    [hint ? `hint-${spec.name}` : '', error ? `error-${spec.name}` : ''].filter(Boolean).join(' ') ||
    undefined;
  const labelled = spec.kind === 'checklist' ? 'legend' : 'label';
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`} data-testid={`field-${spec.name}`}>
      {labelled === 'label' ? (
        <label className="field-label" htmlFor={`field-${spec.name}`}>
          {t(`editor.field.${spec.name}`)}
          {spec.required && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
      ) : (
        <span className="field-label" id={`label-${spec.name}`}>
          {t(`editor.field.${spec.name}`)}
        </span>
      )}
      <Control {...props} describedBy={describedBy} invalid={Boolean(error)} />
      {hint && (
        <div className="field-hint" id={`hint-${spec.name}`}>
          {hint}
        </div>
      )}
      {error && (
        <div
          className="field-error"
          id={`error-${spec.name}`}
          role="alert"
          data-testid={`error-${spec.name}`}
        >
          {errorText(error)}
          {spec.kind === 'pattern' && error.position !== undefined && (
            <PatternCaret pattern={value} position={error.position} />
          )}
        </div>
      )}
    </div>
  );
}
