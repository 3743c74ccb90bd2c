import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useObject } from '../../api/queries';
import type { ObjectDetail } from '../../api/types';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { commonProperties, displayName, keyPropertiesOf } from '../../stix/stix-display';
import { editableKinds } from '../../stix/stix-forms';
import { usePropertyLabel, useStixTypeLabel } from '../../stix/use-stix-labels';
import { Badge, OriginBadge, TlpBadge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatUtc } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { ObjectConsents } from '../consents/object-consents';
import { PropertyValue } from './property-value';
import { ReleasePreview } from './release-preview';

const RelationshipGraph = lazy(() => import('./relationship-graph'));

const tabs = ['overview', 'graph', 'json', 'versions'] as const;
type Tab = (typeof tabs)[number];
const isTab = (v: string | null): v is Tab => (tabs as readonly string[]).includes(v ?? '');

const SHOWN_ELSEWHERE = new Set([
  'id',
  'type',
  'spec_version',
  'name',
  'description',
  'object_marking_refs',
  'granular_markings',
]);

function Overview({ detail }: { readonly detail: ObjectDetail }) {
  const { t } = useTranslation();
  const propLabel = usePropertyLabel();
  const object = detail.object;
  const key = keyPropertiesOf(object.type);
  const listed = new Set([...key, ...commonProperties, ...SHOWN_ELSEWHERE]);
  const others = Object.keys(object).filter((k) => !listed.has(k));
  const rows = [...key, ...commonProperties, ...others].filter((k) => object[k] !== undefined);
  const description = typeof object.description === 'string' ? object.description : undefined;
  const markings = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [];
  return (
    <div className="grid-detail">
      <Card title={t('objects.detail.properties')}>
        {description && <p className="description prewrap">{description}</p>}
        <dl className="props" data-testid="object-properties">
          {rows.map((k) => (
            <div key={k} className="prop-row">
              <dt title={k}>{propLabel(k)}</dt>
              <dd>
                <PropertyValue name={k} value={object[k]} />
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('objects.detail.markings')}>
        <div className="marking-box">
          <TlpBadge tlp={detail.tlp} />
          <OriginBadge origin={detail.origin} />
        </div>
        {markings.length > 0 && (
          <ul className="plain-list">
            {markings.map((m) => (
              <li key={m}>
                <code className="small">{m}</code>
              </li>
            ))}
          </ul>
        )}
        {Array.isArray(object.granular_markings) && <p className="muted">{t('objects.detail.granular')}</p>}
      </Card>
    </div>
  );
}

function Versions({ detail }: { readonly detail: ObjectDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card title={t('objects.detail.versions', { count: detail.versions.length })}>
      <table className="table" data-testid="object-versions">
        <thead>
          <tr>
            <th>{t('objects.detail.version')}</th>
            <th>UTC</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v, i) => (
            <tr key={v}>
              <td>{formatDateTime(v, locale)}</td>
              <td>
                <code>{formatUtc(v)}</code>
              </td>
              <td>{i === 0 && <Badge tone="info">{t('objects.detail.latest')}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** One object: key facts for its type, markings, relationships as a graph, raw JSON, versions. */
export default function ObjectDetailPage() {
  const { t } = useTranslation();
  const typeLabel = useStixTypeLabel();
  const session = useSession();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'overview';
  const detail = useObject(id);

  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <div className="page">
        <PageHeader title={t('objects.detail.title')} />
        <ProblemAlert error={detail.error} />
      </div>
    );
  const object = detail.data.object;
  const editable =
    session.can('objects:write') &&
    detail.data.origin === null &&
    (editableKinds as readonly string[]).includes(object.type) &&
    object.revoked !== true;

  return (
    <div className="page" data-testid="object-detail">
      <PageHeader
        title={displayName(object)}
        subtitle={
          <span className="header-badges">
            <Badge tone="info">{typeLabel(object.type)}</Badge>
            <TlpBadge tlp={detail.data.tlp} />
            <OriginBadge origin={detail.data.origin} />
            {object.revoked === true && <Badge tone="bad">{t('objects.revoked')}</Badge>}
            <code className="small">{object.id}</code>
          </span>
        }
        actions={
          editable && (
            <Link className="button" to={`/objects/${object.id}/edit`}>
              {t('common.edit')}
            </Link>
          )
        }
      />
      <div className="tabs" role="tablist" aria-label={t('objects.detail.tabs')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setParams(name === 'overview' ? {} : { tab: name }, { replace: true })}
          >
            {t(`objects.detail.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && <Overview detail={detail.data} />}
        {tab === 'graph' && (
          <Suspense fallback={<Loading />}>
            <RelationshipGraph object={object} />
          </Suspense>
        )}
        {tab === 'json' && (
          <Card>
            <pre className="json" data-testid="object-json" tabIndex={0}>
              {JSON.stringify(object, null, 2)}
            </pre>
          </Card>
        )}
        {tab === 'versions' && <Versions detail={detail.data} />}
      </div>
      {tab === 'overview' && <ReleasePreview objectId={object.id} />}
      {tab === 'overview' && detail.data.origin !== null && <ObjectConsents objectId={object.id} />}
    </div>
  );
}
