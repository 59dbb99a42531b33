/** The `chart` command's drawing: one or two daily series as an asciichart plot sized to a terminal. */
import { createRequire } from 'node:module';

import { scaleForPlot } from './chart-scale.js';

interface AsciiChart {
  plot(series: number[] | number[][], config?: { height?: number; min?: number; max?: number; format?: (x: number) => string; colors?: string[] }): string;
  green: string;
  blue: string;
  magenta: string;
}

export const RANGES = ['1M', '3M', '6M', 'YTD', '1Y', '5Y', 'MAX'] as const;
export type ChartRange = (typeof RANGES)[number];

/** The last value of each of `width` buckets, so the final point is the latest day. */
export function downsample(series: ArrayLike<number>, width: number): number[] {
  const n = series.length;
  if (n <= width) return Array.from(series);
  const out: number[] = [];
  for (let i = 0; i < width; i++) out.push(series[Math.min(n - 1, Math.round(((i + 1) * n) / width) - 1)] as number);
  return out;
}

/** A short axis label: 1.23B, 4.56M, 12.3k, 950, 9.87. */
export function compactNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1e15) return x.toExponential(2);
  if (a !== 0 && a < 0.01) return x.toExponential(1);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100) return x.toFixed(0);
  return x.toFixed(2);
}

export interface PlotSize {
  columns: number;
  rows: number;
}

/** Plots series (same length) into at most `columns` x `rows - 3` characters (room for title and legend). */
export function plotSeries(series: ArrayLike<number>[], size: PlotSize, color: boolean): string {
  const chart = createRequire(import.meta.url)('asciichart') as AsciiChart;
  const labelWidth = 10;
  const width = Math.max(10, size.columns - labelWidth - 2);
  const height = Math.max(4, Math.min(30, size.rows - 4));
  const scaled = scaleForPlot(series.map((s) => downsample(s, width)), height - 1);
  if (!scaled.ok) return `(nothing to draw: ${scaled.reason})`;
  const data = scaled.data;
  return chart.plot(data.length === 1 ? (data[0] as number[]) : data, {
    height: height - 1,
    min: 0,
    max: height - 1,
    format: (x) => compactNumber(scaled.label(x)).padStart(labelWidth),
    ...(color ? { colors: [chart.green, chart.blue, chart.magenta].slice(0, data.length) } : {}),
  });
}
