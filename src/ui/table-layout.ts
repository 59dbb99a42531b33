/**
 * Holdings table layout shared by the plain first frame and the Ink table, so both paint the same
 * columns at the same widths. Columns drop by priority when the terminal is narrow; text is cut
 * with an ellipsis, never wrapped.
 */
import { MARKS, age, fit, money, padLeft, padRight, pct, price, qty, signedMoney, toneOf, type Tone } from './format.js';
import { dayChangePct, gainPct, rowFreshness, type HoldingView } from './view-model.js';

export interface Cell {
  text: string; // padded to the column width
  tone: Tone;
}

interface ColumnDef {
  id: string;
  title: string;
  align: 'left' | 'right';
  /** Higher drops first. */
  drop: number;
  min?: number;
  max?: number;
  flex?: boolean;
  value(h: HoldingView, elapsedSeconds: number): { text: string; tone: Tone };
  /** The number a numeric column shows: its longest text comes from its largest or smallest value. */
  key?(h: HoldingView): number | null | undefined;
  /** Cheap text length of a text column, without building the text. */
  len?(h: HoldingView): number;
}

export function freshnessText(h: HoldingView): string {
  const state = rowFreshness(h);
  return h.freshnessReason ? `${state} · ${h.freshnessReason}` : state;
}

function freshnessTone(h: HoldingView): Tone {
  const s = rowFreshness(h);
  return s === 'fresh' ? 'dim' : s === 'stale' ? 'warn' : 'bad';
}

const COLUMNS: readonly ColumnDef[] = [
  {
    id: 'age',
    title: 'age',
    align: 'left',
    drop: 0,
    value: (h, el) => ({
      text: `${MARKS[rowFreshness(h)]} ${h.ageSeconds === null ? '' : age(h.ageSeconds + el)}`,
      tone: freshnessTone(h),
    }),
  },
  { id: 'symbol', title: 'symbol', align: 'left', drop: 0, max: 12, len: (h) => h.symbol.length, value: (h) => ({ text: h.symbol, tone: 'flat' }) },
  { id: 'name', title: 'name', align: 'left', drop: 100, min: 8, max: 26, flex: true, len: (h) => (h.name ?? '').length, value: (h) => ({ text: h.name ?? '', tone: 'dim' }) },
  { id: 'qty', title: 'qty', align: 'right', drop: 90, max: 14, key: (h) => h.quantity, value: (h) => ({ text: qty(h.quantity), tone: 'flat' }) },
  { id: 'price', title: 'price', align: 'right', drop: 40, key: (h) => h.price, value: (h) => ({ text: h.price === null ? '—' : `${price(h.price)}`, tone: 'flat' }) },
  { id: 'dayChg', title: 'day', align: 'right', drop: 70, key: (h) => h.dayChange, value: (h) => ({ text: signedMoney(h.dayChange), tone: toneOf(h.dayChange) }) },
  { id: 'dayPct', title: 'day %', align: 'right', drop: 30, key: dayChangePct, value: (h) => ({ text: pct(dayChangePct(h)), tone: toneOf(h.dayChange) }) },
  { id: 'value', title: 'value', align: 'right', drop: 10, key: (h) => h.marketValue, value: (h) => ({ text: money(h.marketValue), tone: 'flat' }) },
  { id: 'gain', title: 'gain', align: 'right', drop: 80, key: (h) => h.unrealizedGain, value: (h) => ({ text: signedMoney(h.unrealizedGain), tone: toneOf(h.unrealizedGain) }) },
  { id: 'gainPct', title: 'gain %', align: 'right', drop: 50, key: gainPct, value: (h) => ({ text: pct(gainPct(h)), tone: toneOf(h.unrealizedGain) }) },
  { id: 'weight', title: 'weight', align: 'right', drop: 60, key: (h) => h.weight, value: (h) => ({ text: pct(h.weight, false), tone: 'flat' }) },
  { id: 'why', title: 'freshness', align: 'left', drop: 45, min: 22, max: 40, flex: true, len: (h) => rowFreshness(h).length + (h.freshnessReason ? h.freshnessReason.length + 3 : 0), value: (h) => ({ text: freshnessText(h), tone: freshnessTone(h) }) },
];

export interface TableLayout {
  columns: { id: string; title: string; width: number; align: 'left' | 'right' }[];
  width: number;
  header: string;
  cells(h: HoldingView): Cell[];
}

const GAP = 1;
const SMALL = 120;

function extremes(rows: readonly HoldingView[]): HoldingView[] {
  const picked = new Set<HoldingView>(rows.slice(0, 40));
  for (const c of COLUMNS) {
    if (!c.key) continue;
    let hi: HoldingView | undefined;
    let lo: HoldingView | undefined;
    let hiV = -Infinity;
    let loV = Infinity;
    // Indexed loops: for-of goes through the iterator protocol, slow before V8 optimizes.
    for (let r = 0; r < rows.length; r++) {
      const h = rows[r] as HoldingView;
      const v = c.key(h);
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      // Plain assignments: a destructuring swap goes through the iterator protocol, which costs
      // ~1 µs a row in code that is not optimized yet (the first frame).
      if (v > hiV) {
        hiV = v;
        hi = h;
      }
      if (v < loV) {
        loV = v;
        lo = h;
      }
    }
    if (hi) picked.add(hi);
    if (lo) picked.add(lo);
  }
  return [...picked];
}

/** Chooses columns and widths for `width` terminal columns, from every row (stable while scrolling). */
export function layoutTable(rows: readonly HoldingView[], width: number, elapsedSeconds = 0): TableLayout {
  // The longest text of every column. Small tables are measured row by row; big ones (the first
  // frame of 1,000 holdings must not format 12,000 cells) by cheap lengths for text columns and by
  // formatting only the rows holding each numeric column's extremes (plus the first rows).
  const longest = COLUMNS.map((c) => c.title.length);
  const sample: HoldingView[] = rows.length <= SMALL ? [...rows] : extremes(rows);
  for (const h of sample) {
    for (let i = 0; i < COLUMNS.length; i++) {
      const len = (COLUMNS[i] as ColumnDef).value(h, elapsedSeconds).text.length;
      if (len > (longest[i] as number)) longest[i] = len;
    }
  }
  if (rows.length > SMALL) {
    COLUMNS.forEach((c, i) => {
      if (!c.len) return;
      for (let r = 0; r < rows.length; r++) {
        const len = c.len(rows[r] as HoldingView);
        if (len > (longest[i] as number)) longest[i] = len;
      }
    });
  }
  const natural = new Map<string, number>();
  const longestOf = new Map<string, number>();
  COLUMNS.forEach((c, i) => {
    const l = longest[i] as number;
    longestOf.set(c.id, l);
    // A flexible column starts at its minimum, but never wider than its longest text needs
    // (a freshness column that only ever says "fresh" must not take the name's room).
    let w = c.flex ? Math.max(c.title.length, Math.min(c.min ?? 0, l)) : l;
    if (c.id === 'age') w = Math.max(w, 6);
    if (c.max !== undefined) w = Math.min(w, c.max);
    natural.set(c.id, w);
  });
  let chosen = [...COLUMNS];
  const total = () => chosen.reduce((s, c) => s + (natural.get(c.id) ?? 0), 0) + GAP * (chosen.length - 1);
  while (total() > width) {
    const droppable = chosen.filter((c) => c.drop > 0);
    if (droppable.length === 0) break;
    const worst = droppable.reduce((a, b) => (b.drop > a.drop ? b : a));
    chosen = chosen.filter((c) => c !== worst);
  }
  const widths = new Map(natural);
  // Leftover space grows flexible columns (name, freshness) up to their maxima.
  let spare = width - total();
  // The freshness reason grows before the name: it says why a price may be wrong.
  const flexOrder = [...chosen].sort((a, b) => (a.id === 'why' ? -1 : b.id === 'why' ? 1 : 0));
  for (const c of flexOrder) {
    if (!c.flex || spare <= 0) continue;
    const l = longestOf.get(c.id) ?? 0;
    const want = Math.min(c.max ?? l, l) - (widths.get(c.id) ?? 0);
    if (want > 0) {
      const add = Math.min(want, spare);
      widths.set(c.id, (widths.get(c.id) ?? 0) + add);
      spare -= add;
    }
  }
  // The last resort on very narrow terminals: the symbol column shrinks.
  const over = total() - width;
  if (over > 0) widths.set('symbol', Math.max(3, (widths.get('symbol') ?? 0) - over));
  const columns = chosen.map((c) => ({ id: c.id, title: c.title, width: widths.get(c.id) ?? 0, align: c.align }));
  const pad = (text: string, w: number, align: 'left' | 'right') => (align === 'left' ? padRight(text, w) : padLeft(text, w));
  const header = fit(columns.map((c) => pad(c.title, c.width, c.align)).join(' '), width);
  return {
    columns,
    width,
    header,
    cells(h) {
      return chosen.map((c, i) => {
        const v = c.value(h, elapsedSeconds);
        const col = columns[i] as (typeof columns)[number];
        return { text: pad(v.text, col.width, col.align), tone: v.tone };
      });
    },
  };
}
