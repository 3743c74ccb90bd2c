import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/types';
import { uiLocales } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { Card, PageHeader } from '../../ui/layout';
import {
  isValidPeriod,
  quickPeriod,
  quickPeriods,
  reportUrl,
  type Period,
  type QuickPeriod,
} from './report-period';

/**
 * Reports for a period, in Chinese, Russian or English, as HTML or PDF. The preview frames the
 * node's own HTML report: the app's CSP allows same-origin frames (default-src 'self'), and the
 * report carries no script, so the frame is sandboxed.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [period, setPeriod] = useState<Period>(() => quickPeriod('lastQuarter', new Date()));
  const [quick, setQuick] = useState<QuickPeriod | null>('lastQuarter');
  const [lang, setLang] = useState<Locale>(locale);
  const [preview, setPreview] = useState<string | null>(null);
  const valid = isValidPeriod(period);
  const choose = (kind: QuickPeriod) => {
    setQuick(kind);
    setPeriod(quickPeriod(kind, new Date()));
  };
  const setBound = (bound: 'from' | 'to', value: string) => {
    setQuick(null);
    setPeriod({ ...period, [bound]: value });
  };
  return (
    <div className="page" data-testid="reports">
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      <Card title={t('reports.period')}>
        <form
          className="form form-wide"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) setPreview(reportUrl(period, lang, 'html'));
          }}
          data-testid="report-form"
        >
          <fieldset className="radio-row">
            <legend className="field-label">{t('reports.quick.label')}</legend>
            {quickPeriods.map((kind) => (
              <button
                key={kind}
                type="button"
                className={quick === kind ? 'button button-small button-primary' : 'button button-small'}
                aria-pressed={quick === kind}
                onClick={() => choose(kind)}
                data-testid={`period-${kind}`}
              >
                {t(`reports.quick.${kind}`)}
              </button>
            ))}
          </fieldset>
          <div className="form-row">
            <label className="field field-inline">
              <span className="field-label">{t('reports.from')}</span>
              <input
                type="date"
                name="from"
                value={period.from}
                max={period.to || undefined}
                onChange={(e) => setBound('from', e.target.value)}
              />
            </label>
            <label className="field field-inline">
              <span className="field-label">{t('reports.to')}</span>
              <input
                type="date"
                name="to"
                value={period.to}
                min={period.from || undefined}
                onChange={(e) => setBound('to', e.target.value)}
              />
            </label>
            <label className="field field-inline">
              <span className="field-label">{t('reports.language')}</span>
              <select name="lang" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
                {uiLocales.map((l) => (
                  <option key={l} value={l}>
                    {t(`agreement.language.${l}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="field-hint">{t('reports.periodHint')}</p>
          {!valid && (
            <div className="alert alert-error" role="alert">
              {t('reports.badPeriod')}
            </div>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!valid}
              data-testid="report-preview"
            >
              {t('reports.preview')}
            </button>
            {valid ? (
              <>
                <a
                  className="button"
                  href={reportUrl(period, lang, 'html')}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="report-open-html"
                >
                  {t('reports.openHtml')}
                </a>
                <a
                  className="button"
                  href={reportUrl(period, lang, 'pdf')}
                  download
                  data-testid="report-download-pdf"
                >
                  {t('reports.downloadPdf')}
                </a>
              </>
            ) : null}
          </div>
          <p className="field-hint">{t('reports.pdfHint')}</p>
        </form>
      </Card>
      {preview && (
        <Card title={t('reports.previewTitle')} testId="report-preview-card">
          <iframe
            className="report-frame"
            src={preview}
            title={t('reports.previewTitle')}
            sandbox=""
            data-testid="report-frame"
            style={{
              width: '100%',
              height: '70vh',
              border: '1px solid #d8dee6',
              borderRadius: 4,
              background: '#fff',
            }}
          />
        </Card>
      )}
    </div>
  );
}
