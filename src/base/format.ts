/** Number, percentage, quantity and age formatting shared by every layer that prints. */

// One formatter per digit count: Number#toLocaleString builds a new one on every call, which
// made a 10,000-row table spend seconds in Intl alone.
const moneyFormats = new Map<number, Intl.NumberFormat>();
const qtyFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

export function formatMoney(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let f = moneyFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(digits, f);
  }
  return f.format(value);
}

export function formatPct(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatQty(value: number): string {
  return qtyFormat.format(value);
}

/** Compact age: 12s, 5m, 3h, 2d. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
