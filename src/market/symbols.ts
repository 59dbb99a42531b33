/**
 * What a Yahoo symbol's shape says about it: currency (by exchange suffix), quote type, time zone.
 * Used by the simulated market and as a fallback when a provider leaves a field out.
 */
const SUFFIX: Record<string, { currency: string; timezone: string; exchange: string }> = {
  L: { currency: 'GBp', timezone: 'Europe/London', exchange: 'LSE' },
  DE: { currency: 'EUR', timezone: 'Europe/Berlin', exchange: 'GER' },
  F: { currency: 'EUR', timezone: 'Europe/Berlin', exchange: 'FRA' },
  PA: { currency: 'EUR', timezone: 'Europe/Paris', exchange: 'PAR' },
  AS: { currency: 'EUR', timezone: 'Europe/Amsterdam', exchange: 'AMS' },
  BR: { currency: 'EUR', timezone: 'Europe/Brussels', exchange: 'BRU' },
  MI: { currency: 'EUR', timezone: 'Europe/Milan', exchange: 'MIL' },
  MC: { currency: 'EUR', timezone: 'Europe/Madrid', exchange: 'MCE' },
  SW: { currency: 'CHF', timezone: 'Europe/Zurich', exchange: 'EBS' },
  TO: { currency: 'CAD', timezone: 'America/Toronto', exchange: 'TOR' },
  T: { currency: 'JPY', timezone: 'Asia/Tokyo', exchange: 'JPX' },
  HK: { currency: 'HKD', timezone: 'Asia/Hong_Kong', exchange: 'HKG' },
  AX: { currency: 'AUD', timezone: 'Australia/Sydney', exchange: 'ASX' },
  JO: { currency: 'ZAc', timezone: 'Africa/Johannesburg', exchange: 'JNB' },
  TA: { currency: 'ILA', timezone: 'Asia/Jerusalem', exchange: 'TLV' },
};

export interface SymbolInfo {
  currency: string; // as the provider would report it (GBp for London, not GBP)
  timezone: string;
  quoteType: 'EQUITY' | 'CRYPTOCURRENCY' | 'CURRENCY';
  exchange: string;
}

export function symbolInfo(symbol: string): SymbolInfo {
  const fx = /^([A-Z]{3})([A-Z]{3})=X$/.exec(symbol);
  if (fx) return { currency: fx[2] as string, timezone: 'Europe/London', quoteType: 'CURRENCY', exchange: 'CCY' };
  const crypto = /^[A-Z0-9]+-([A-Z]{3,4})$/.exec(symbol);
  if (crypto) return { currency: crypto[1] as string, timezone: 'UTC', quoteType: 'CRYPTOCURRENCY', exchange: 'CCC' };
  const dot = symbol.lastIndexOf('.');
  const s = dot > 0 ? SUFFIX[symbol.slice(dot + 1)] : undefined;
  if (s) return { ...s, quoteType: 'EQUITY' };
  return { currency: 'USD', timezone: 'America/New_York', quoteType: 'EQUITY', exchange: 'NMS' };
}

/** FNV-1a 32-bit hash: a stable seed per symbol. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic number in [0, 1) for (seed, a, b) without keeping state. */
export function noise(seed: number, a: number, b = 0): number {
  return seededRandom(hashString(`${seed}:${a}:${b}`))();
}
