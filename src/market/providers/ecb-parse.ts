/**
 * The ECB's euro reference rates (eurofxref-daily.xml, -hist-90d.xml, -hist.xml): Envelope > Cube >
 * Cube[time] > Cube[currency, rate], rate = units of the currency per 1 EUR. Parsed with
 * fast-xml-parser, attributes not text (the daily file quotes them with ', the others with ").
 */
import { XMLParser } from 'fast-xml-parser';
import { MarketError } from '../errors.js';

/** Days newest first, each with its rates per 1 EUR (EUR itself is 1). */
export type EcbDays = { date: string; rates: Record<string, number> }[];

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export function parseEcbXml(body: string): EcbDays {
  if (!body.trimStart().startsWith('<')) throw new MarketError('bad-data', 'ecb answered something that is not XML');
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseAttributeValue: false }).parse(body, true);
  } catch (err) {
    throw new MarketError('bad-data', `ecb answered malformed XML (${(err as Error).message.split('\n')[0]})`);
  }
  const envelope = (doc as { Envelope?: { Cube?: { Cube?: unknown } } }).Envelope;
  const days: EcbDays = [];
  for (const d of asList(envelope?.Cube?.Cube)) {
    const day = d as { time?: unknown; Cube?: unknown };
    if (typeof day.time !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day.time)) continue;
    const rates: Record<string, number> = { EUR: 1 };
    for (const c of asList(day.Cube)) {
      const { currency, rate } = c as { currency?: unknown; rate?: unknown };
      const n = typeof rate === 'string' ? Number(rate) : NaN;
      if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && Number.isFinite(n) && n > 0) rates[currency] = n;
    }
    days.push({ date: day.time, rates });
  }
  if (days.length === 0) throw new MarketError('bad-data', 'ecb answered XML without any rates');
  return days.sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** Units of `to` per 1 `from`, crossed through EUR; null when either is not published that day. */
export function crossRate(rates: Record<string, number>, from: string, to: string): number | null {
  const f = rates[from];
  const t = rates[to];
  return f !== undefined && t !== undefined ? t / f : null;
}
