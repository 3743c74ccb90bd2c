import { useTranslation } from 'react-i18next';

const TLP_CLASSES: Readonly<Record<string, string>> = {
  clear: 'tlp-clear',
  white: 'tlp-clear',
  green: 'tlp-green',
  amber: 'tlp-amber',
  'amber+strict': 'tlp-amber',
  red: 'tlp-red',
};

/** The TLP 2.0 label in FIRST's colours (coloured text on black), or "unmarked". */
export function TlpBadge({ tlp }: { readonly tlp: string | null | undefined }) {
  const { t } = useTranslation();
  if (!tlp) return <span className="badge badge-muted">{t('tlp.none')}</span>;
  return (
    <span className={`badge tlp ${TLP_CLASSES[tlp] ?? 'tlp-clear'}`} title={t('tlp.title')}>
      TLP:{tlp.toUpperCase()}
    </span>
  );
}

export function OriginBadge({ origin }: { readonly origin: string | null | undefined }) {
  const { t } = useTranslation();
  return origin ? (
    <span className="badge badge-origin">{t('origin.from', { party: origin })}</span>
  ) : (
    <span className="badge badge-local">{t('origin.local')}</span>
  );
}

/** A neutral or coloured label; `tone` picks the colour. */
export function Badge({
  tone = 'muted',
  children,
  title,
}: {
  readonly tone?: 'muted' | 'ok' | 'warn' | 'bad' | 'info';
  readonly children: React.ReactNode;
  readonly title?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
