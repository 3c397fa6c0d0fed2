import type { NumberFormats } from '../i18n/index.js';
import type { ReleaseScore } from '../model.js';
import { escapeControlCharacters } from './printable.js';

/**
 * Escapes text for HTML element content and double-quoted attribute values. Control and
 * bidirectional formatting characters become visible escapes, as in the text reports.
 */
export function escapeHtml(text: string): string {
  return escapeControlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A point on the gauge's half circle for a score from 0 (left) to 100 (right). */
function gaugePoint(score: number, radius: number): { x: number; y: number } {
  const angle = Math.PI * (1 - Math.min(100, Math.max(0, score)) / 100);
  return { x: round(100 + radius * Math.cos(angle)), y: round(100 - radius * Math.sin(angle)) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function arc(from: number, to: number, radius: number): string {
  const start = gaugePoint(from, radius);
  const end = gaugePoint(to, radius);
  return `M ${start.x} ${start.y} A ${radius} ${radius} 0 0 1 ${end.x} ${end.y}`;
}

export interface GaugeLabels {
  title: string;
  minimum: string;
  target: string;
}

/**
 * Draws the score as a half-circle gauge: an arc filled up to the score over a failing zone below
 * `minimum` and an acceptable zone up to 100, with ticks at the minimum and at the target.
 */
export function gaugeSvg(score: number, minimum: number, format: NumberFormats, labels: GaugeLabels): string {
  const radius = 80;
  const tick = (value: number, label: string): string => {
    const inner = gaugePoint(value, radius - 14);
    const outer = gaugePoint(value, radius + 14);
    // A label near the right end sits under its tick, where the horizontal tick would cross it.
    const text = gaugePoint(value, radius + 26);
    if (value >= 95) text.y += 14;
    return `<line x1="${inner.x}" y1="${inner.y}" x2="${outer.x}" y2="${outer.y}" class="tick"/><text x="${text.x}" y="${text.y}" class="tick-label">${escapeHtml(label)} ${escapeHtml(format.percent(value))}</text>`;
  };
  return [
    `<svg class="gauge" viewBox="-45 -20 290 145" role="img" aria-label="${escapeHtml(`${labels.title}: ${format.percent(score)}`)}">`,
    `<path d="${arc(0, minimum, radius)}" class="zone-failing"/>`,
    `<path d="${arc(minimum, 100, radius)}" class="zone-acceptable"/>`,
    `<path d="${arc(0, score, radius)}" class="value"/>`,
    tick(minimum, labels.minimum),
    tick(100, labels.target),
    `<text x="100" y="96" class="gauge-value">${escapeHtml(format.percent(score))}</text>`,
    '</svg>',
  ].join('');
}

/** Draws the overall score of each release as a line, with the minimum as a dashed line. */
export function trendSvg(releases: readonly ReleaseScore[], minimum: number, format: NumberFormats, title: string): string {
  const width = 560;
  const height = 220;
  const left = 48;
  const right = 40;
  const top = 16;
  const bottom = 56;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (index: number): number => round(releases.length === 1 ? left + plotWidth / 2 : left + (plotWidth * index) / (releases.length - 1));
  const y = (score: number): number => round(top + plotHeight * (1 - score / 100));

  const grid = [0, 50, 100]
    .map((value) => `<line x1="${left}" y1="${y(value)}" x2="${width - right}" y2="${y(value)}" class="grid"/><text x="${left - 6}" y="${y(value) + 4}" class="axis-label axis-y">${escapeHtml(format.percent(value))}</text>`)
    .join('');
  const minimumLine = `<line x1="${left}" y1="${y(minimum)}" x2="${width - right}" y2="${y(minimum)}" class="minimum-line"/>`;
  const points = releases.map((release, index) => `${x(index)},${y(release.score)}`).join(' ');
  const dots = releases
    .map((release, index) => `<circle cx="${x(index)}" cy="${y(release.score)}" r="4" class="dot level-${release.level}"><title>${escapeHtml(`${release.release}: ${format.percent(release.score)}`)}</title></circle><text x="${x(index)}" y="${height - bottom + 18}" class="axis-label axis-x">${escapeHtml(release.release)}</text>`)
    .join('');
  return `<svg class="trend" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${grid}${minimumLine}<polyline points="${points}" class="trend-line"/>${dots}</svg>`;
}
