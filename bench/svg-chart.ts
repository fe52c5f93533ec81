/** One bar: its label, value, and whether it is the project's own (drawn in the accent colour). */
export interface Bar {
  label: string;
  value: number;
  ours?: boolean;
}

/** A horizontal bar chart: groups of bars on one scale, an optional target line. */
export interface BarChart {
  title: string;
  unit: string;
  groups: { label: string; bars: Bar[] }[];
  /** A vertical line at this value (e.g. a target), with its caption. */
  marker?: { value: number; label: string };
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const format = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

/**
 * Draws a bar chart as a standalone SVG (no dependencies, readable on GitHub), from measured data.
 *
 * @example
 * ```ts
 * writeFileSync('docs/bench-throughput.svg', renderBarChart({ title: 'req/s', unit: 'req/s', groups: [{ label: '', bars: [{ label: 'serve', value: 6000, ours: true }] }] }));
 * ```
 */
export function renderBarChart(chart: BarChart): string {
  const width = 820;
  const labelWidth = 330;
  const plotWidth = width - labelWidth - 90;
  const rowHeight = 22;
  const max = Math.max(...chart.groups.flatMap((g) => g.bars.map((b) => b.value)), chart.marker?.value ?? 0) * 1.05 || 1;
  const x = (value: number) => labelWidth + (value / max) * plotWidth;
  const parts: string[] = [];
  let y = 44;
  for (const group of chart.groups) {
    if (group.label) {
      parts.push(`<text x="12" y="${y + 14}" font-weight="600">${xmlText(group.label)}</text>`);
      y += rowHeight;
    }
    for (const bar of group.bars) {
      const w = Math.max(1, x(bar.value) - labelWidth);
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${xmlText(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${bar.ours ? '#2563eb' : '#9ca3af'}"/>`,
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${format(bar.value)} ${xmlText(chart.unit)}</text>`,
      );
      y += rowHeight;
    }
    y += 8;
  }
  if (chart.marker) {
    const mx = x(chart.marker.value).toFixed(1);
    parts.push(
      `<line x1="${mx}" y1="36" x2="${mx}" y2="${y - 4}" stroke="#dc2626" stroke-dasharray="4 3"/>`,
      `<text x="${mx}" y="32" text-anchor="middle" fill="#dc2626">${xmlText(chart.marker.label)}</text>`,
    );
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${xmlText(chart.title)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="700">${xmlText(chart.title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
