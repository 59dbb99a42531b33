/** Renders a series as asciichart lines of a given size (resampled to the width; never wraps). */
import { createRequire } from 'node:module';
import { compactNumber, downsample } from '../returns/chart-render.js';
import { scaleForPlot } from '../returns/chart-scale.js';
import { fit } from './format.js';

interface AsciiChart {
  plot(series: number[] | number[][], config?: { height?: number; min?: number; max?: number; format?: (x: number, i: number) => string; padding?: string }): string;
}

let chart: AsciiChart | undefined;
function asciichart(): AsciiChart {
  // asciichart ships no types; a typed require keeps the declaration local.
  chart ??= createRequire(import.meta.url)('asciichart') as AsciiChart;
  return chart;
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
    const scaled = scaleForPlot([downsample(finite, Math.max(2, width - labelWidth - 2))], plotHeight - 1);
    const data = scaled.ok ? (scaled.data[0] as number[]) : [0, 0];
    const text = asciichart().plot(data, {
      height: plotHeight - 1,
      min: 0,
      max: plotHeight - 1,
      format: (x) => compactNumber(scaled.ok ? scaled.label(x) : 0).padStart(labelWidth),
    });
    for (const l of text.split('\n')) lines.push(fit(l, width));
  }
  while (lines.length < height) lines.push('');
  return lines.slice(0, height);
}
