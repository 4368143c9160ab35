/** Inline SVG charts for the evaluation report: self-contained (no scripts, no external assets). */

const PALETTE = ['#3b6fd8', '#e0883a', '#3aa57a', '#b04fc4', '#c9453c', '#7a7a7a'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Grouped bars: one group per metric, one bar per series (mode), values in [0, 1]. */
export function groupedBarChart(metrics: readonly string[], series: readonly { name: string; values: readonly number[] }[]): string {
  const groupWidth = 40 + series.length * 34;
  const width = 60 + metrics.length * groupWidth;
  const height = 240;
  const plot = 180;
  const bars = metrics.flatMap((metric, m) =>
    series.map((s, i) => {
      const value = s.values[m] ?? 0;
      const x = 50 + m * groupWidth + 20 + i * 34;
      const h = Math.max(0, Math.min(1, value)) * plot;
      return (
        `<rect x="${x}" y="${20 + plot - h}" width="28" height="${h}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeHtml(s.name)} ${escapeHtml(metric)}: ${value.toFixed(3)}</title></rect>` +
        `<text x="${x + 14}" y="${14 + plot - h}" font-size="10" text-anchor="middle">${value.toFixed(2)}</text>`
      );
    }),
  );
  const labels = metrics.map((metric, m) => `<text x="${50 + m * groupWidth + groupWidth / 2}" y="${plot + 38}" font-size="12" text-anchor="middle">${escapeHtml(metric)}</text>`);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((t) => `<line x1="45" x2="${width - 5}" y1="${20 + plot - t * plot}" y2="${20 + plot - t * plot}" stroke="#ddd"/><text x="40" y="${24 + plot - t * plot}" font-size="10" text-anchor="end">${t}</text>`);
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Metrics per mode">${grid.join('')}${bars.join('')}${labels.join('')}${legend(series.map((s) => s.name), width)}</svg>`;
}

/** One horizontal strip per series: every observation as a tick, with p50 and p95 marked. */
export function latencyStrips(series: readonly { name: string; values: readonly number[]; p50: number; p95: number }[]): string {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const width = 640;
  const rowHeight = 36;
  const height = 30 + series.length * rowHeight;
  const scale = (v: number) => 110 + (v / max) * (width - 130);
  const rows = series.map((s, i) => {
    const y = 20 + i * rowHeight;
    const ticks = s.values.map((v) => `<line x1="${scale(v)}" x2="${scale(v)}" y1="${y}" y2="${y + 18}" stroke="${PALETTE[i % PALETTE.length]}" stroke-opacity="0.35"/>`).join('');
    const marks = [['p50', s.p50], ['p95', s.p95]] as const;
    const labels = marks.map(([label, v]) => `<line x1="${scale(v)}" x2="${scale(v)}" y1="${y - 2}" y2="${y + 20}" stroke="#000" stroke-width="2"><title>${label} ${v.toFixed(1)} ms</title></line>`).join('');
    return `<text x="100" y="${y + 13}" font-size="12" text-anchor="end">${escapeHtml(s.name)}</text>${ticks}${labels}<text x="${width - 5}" y="${y + 13}" font-size="10" text-anchor="end">p50 ${s.p50.toFixed(1)} · p95 ${s.p95.toFixed(1)} ms</text>`;
  });
  const axis = `<text x="110" y="${height - 2}" font-size="10">0 ms</text><text x="${width - 20}" y="${height - 2}" font-size="10" text-anchor="end">${max.toFixed(0)} ms</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Search latency per question">${rows.join('')}${axis}</svg>`;
}

function legend(names: readonly string[], width: number): string {
  return names
    .map((name, i) => `<rect x="${width - 110}" y="${4 + i * 14}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${width - 96}" y="${13 + i * 14}" font-size="11">${escapeHtml(name)}</text>`)
    .join('');
}
