import { useQueries } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../../api/client';
import { keys } from '../../api/queries';
import type { SearchResult } from '../../api/types';
import { filterTypes } from '../../stix/stix-display';
import { useStixTypeLabel } from '../../stix/use-stix-labels';
import { Card } from '../../ui/layout';

const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
// FIRST TLP 2.0 colours; CLEAR is drawn grey so it shows on a white page.
const TLP_FILL: Readonly<Record<string, string>> = {
  clear: '#9aa5b1',
  green: '#33cc00',
  amber: '#ffc000',
  'amber+strict': '#e09b00',
  red: '#ff2b2b',
};
const CHART_TYPES = filterTypes.slice(0, 12);

function useCounts(filters: ReadonlyArray<{ type?: string[]; tlp?: string[] }>) {
  return useQueries({
    queries: filters.map((f) => ({
      queryKey: keys.objectCount(f),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<SearchResult>(`/api/v1/objects${query({ ...f, limit: 1 })}`, { signal }).then((r) => r.total),
      staleTime: 30_000,
    })),
  });
}

/** Objects by type and by TLP, from the node's counts; a bar opens the list so filtered. */
export default function DashboardCharts() {
  const { t } = useTranslation();
  const typeLabel = useStixTypeLabel();
  const navigate = useNavigate();
  const byType = useCounts(CHART_TYPES.map((type) => ({ type: [type] })));
  const byTlp = useCounts(TLP_LEVELS.map((tlp) => ({ tlp: [tlp] })));
  const [total] = useCounts([{}]);
  const typeData = CHART_TYPES.map((type, i) => ({
    key: type,
    label: typeLabel(type),
    count: byType[i]?.data ?? 0,
  })).filter((d) => d.count > 0);
  const tlpData: Array<{ key: string; label: string; count: number }> = TLP_LEVELS.map((tlp, i) => ({
    key: tlp,
    label: tlp.toUpperCase(),
    count: byTlp[i]?.data ?? 0,
  }));
  // The API cannot filter on "no TLP"; what the levels do not cover is unmarked.
  const marked = tlpData.reduce((sum, d) => sum + d.count, 0);
  if (total?.data !== undefined && byTlp.every((q) => q.data !== undefined))
    tlpData.unshift({ key: '', label: t('tlp.none'), count: Math.max(0, total.data - marked) });
  const typesReady = byType.every((q) => !q.isPending);

  return (
    <div className="grid-2">
      <Card title={t('dashboard.charts.byType')} testId="chart-by-type">
        {typesReady && typeData.length === 0 ? (
          <p className="muted">{t('dashboard.charts.empty')}</p>
        ) : (
          <div
            className="chart"
            role="img"
            aria-label={t('dashboard.charts.byTypeAria', {
              summary: typeData.map((d) => `${d.label} ${d.count}`).join(', '),
            })}
          >
            <ResponsiveContainer width="100%" height={Math.max(160, typeData.length * 26 + 40)}>
              <BarChart data={typeData} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis type="category" dataKey="label" width={120} fontSize={12} interval={0} />
                <Tooltip />
                <Bar
                  dataKey="count"
                  name={t('dashboard.charts.count')}
                  fill="#1d4e89"
                  cursor="pointer"
                  onClick={(d: { payload?: { key?: string } }) =>
                    d.payload?.key && void navigate(`/objects?type=${d.payload.key}`)
                  }
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </Card>
      <Card title={t('dashboard.charts.byTlp')} testId="chart-by-tlp">
        <div
          className="chart"
          role="img"
          aria-label={t('dashboard.charts.byTlpAria', {
            summary: tlpData.map((d) => `${d.label} ${d.count}`).join(', '),
          })}
        >
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={tlpData} margin={{ left: 0, right: 16, top: 4, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={11} interval={0} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Bar
                dataKey="count"
                name={t('dashboard.charts.count')}
                cursor="pointer"
                onClick={(d: { payload?: { key?: string } }) =>
                  d.payload?.key && void navigate(`/objects?tlp=${encodeURIComponent(d.payload.key)}`)
                }
              >
                {tlpData.map((d) => (
                  <Cell key={d.key || 'none'} fill={TLP_FILL[d.key] ?? '#cfd6df'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
    </div>
  );
}
