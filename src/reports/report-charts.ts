/*
 * Server-side SVG charts: plain markup, so the same chart shows in the HTML report, in the PDF
 * Chromium prints from it, and in any mail client, with no script.
 */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
}

/** Horizontal grouped bars: one group per label, one bar per series. */
export function groupedBars(rows: ReadonlyArray<{ label: string; values: readonly number[] }>, series: readonly BarSeries[], title: string): string {
  const bar = 14;
  const gap = 10;
  const labelWidth = 220;
  const width = 640;
  const groupHeight = series.length * bar + gap;
  const height = rows.length * groupHeight + 40;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const scale = (width - labelWidth - 60) / max;
  const groups = rows.map((row, i) => {
    const y = 30 + i * groupHeight;
    const bars = row.values.map((v, j) => {
      const s = series[j];
      const w = Math.round(v * scale);
      return `<rect x="${labelWidth}" y="${y + j * bar}" width="${w}" height="${bar - 2}" fill="${s?.colour ?? '#888'}"><title>${esc(s?.name ?? '')}: ${v}</title></rect>`
        + `<text x="${labelWidth + w + 4}" y="${y + j * bar + bar - 4}" font-size="11">${v}</text>`;
    });
    return `<text x="${labelWidth - 6}" y="${y + bar}" font-size="11" text-anchor="end">${esc(row.label)}</text>${bars.join('')}`;
  });
  const legend = series.map((s, j) => `<rect x="${labelWidth + j * 120}" y="6" width="10" height="10" fill="${s.colour}"/><text x="${labelWidth + j * 120 + 14}" y="15" font-size="11">${esc(s.name)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${legend.join('')}${groups.join('')}</svg>`;
}

/** One stacked bar of parts of a whole (in time / late / open). */
export function stackedBar(parts: ReadonlyArray<{ name: string; value: number; colour: string }>, title: string): string {
  const width = 640;
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  let x = 0;
  const rects = parts.map((p) => {
    const w = total === 0 ? 0 : Math.round((p.value / total) * width);
    const rect = `<rect x="${x}" y="0" width="${w}" height="18" fill="${p.colour}"><title>${esc(p.name)}: ${p.value}</title></rect>`;
    x += w;
    return rect;
  });
  const legend = parts.map((p, i) => `<rect x="${i * 160}" y="26" width="10" height="10" fill="${p.colour}"/><text x="${i * 160 + 14}" y="35" font-size="11">${esc(p.name)}: ${p.value}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="40" viewBox="0 0 ${width} 40">${rects.join('')}${legend.join('')}</svg>`;
}

export { esc as escapeHtml };
