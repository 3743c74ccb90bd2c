import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import { formatTime, localZone } from '../ui/format';

/** Local time (with its zone) and UTC, ticking each second: deadlines cross borders. */
export function Clock() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="clock" aria-label={t('clock.label')}>
      <span title={localZone()}>
        <span className="clock-label">{t('clock.local')}</span> <time>{formatTime(now, locale)}</time>
      </span>
      <span>
        <span className="clock-label">UTC</span> <time>{formatTime(now, locale, 'UTC')}</time>
      </span>
    </div>
  );
}
