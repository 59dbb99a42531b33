/** Renders a series as asciichart lines of a given size (resampled to the width; never wraps). */
import { createRequire } from 'node:module';
import { fit } from './format.js';

interface AsciiChart {
  plot(series: number[] | number[][], config?: { height?: number; format?: (x: number, i: number) => string; padding?: string }): string;
}

let chart: AsciiChart | undefined;
function asciichart(): AsciiChart {
  // asciichart ships no types; a typed require keeps the declaration local.
  chart ??= createRequire(import.meta.url)('asciichart') as AsciiChart;
  return chart;
}

/** Keeps the last value of each bucket so the final point is the latest close. */
export function resample(series: readonly number[], width: number): number[] {
  if (series.length <= width) return [...series];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const idx = Math.min(series.length - 1, Math.round(((i + 1) * series.length) / width) - 1);
    out.push(series[idx] as number);
  }
  return out;
}

function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100) return x.toFixed(0);
  return x.toFixed(2);
}

/** Exactly `height` lines of at most `width` columns. */
export function chartLines(title: string, series: readonly number[], width: number, height: number): string[] {
  const lines = [fit(title, width)];
  const plotHeight = height - 1;
  const finite = series.filter((x) => Number.isFinite(x));
  if (finite.length < 2 || plotHeight < 2 || width < 16) {
    lines.push(fit(finite.length < 2 ? '  no price history for this range yet' : '', width));
  } else {
    const labelWidth = 8;
    const data = resample(finite, Math.max(2, width - labelWidth - 2));
    const text = asciichart().plot(data, {
      height: plotHeight - 1,
      format: (x) => compact(x).padStart(labelWidth),
    });
    for (const l of text.split('\n')) lines.push(fit(l, width));
  }
  while (lines.length < height) lines.push('');
  return lines.slice(0, height);
}
