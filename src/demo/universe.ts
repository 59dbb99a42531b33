/** The demo portfolio's instruments: US, European (EUR) and UK (GBp) listings, ETFs and crypto. */
import { SIM_KNOWN, simKnownName } from '../market/sim-known.js';

/** Names come from the simulated market's table, so a refresh never renames a holding. */
function known(symbol: string): string {
  const name = simKnownName(symbol);
  if (name === null) throw new Error(`demo instrument ${symbol} is not in src/market/sim-known.ts`);
  return name;
}

/** The simulated market's split, so the ledger's split matches the closes. */
function knownSplit(symbol: string): { date: string; ratio: [number, number] } {
  const x = SIM_KNOWN[symbol]?.splits?.[0];
  if (!x) throw new Error(`demo instrument ${symbol} has no split in src/market/sim-known.ts`);
  return { date: x.date, ratio: [x.numerator, x.denominator] };
}

export interface DemoInstrument {
  symbol: string;
  name: string;
  account: 'us-broker' | 'eu-broker' | 'uk-isa';
  /** Currency the trades are recorded in (London listings trade in GBp, recorded in GBP). */
  currency: 'USD' | 'EUR' | 'GBP';
  /** Share of each month's buying budget in its account. */
  weight: number;
  /** Annual dividend yield paid quarterly (0: none). */
  yield: number;
  /** A split: N new for M old on a date. */
  split?: { date: string; ratio: [number, number] };
}

export const DEMO_INSTRUMENTS: readonly DemoInstrument[] = [
  { symbol: 'AAPL', name: known('AAPL'), account: 'us-broker', currency: 'USD', weight: 0.14, yield: 0.005 },
  { symbol: 'MSFT', name: known('MSFT'), account: 'us-broker', currency: 'USD', weight: 0.12, yield: 0.008 },
  { symbol: 'NVDA', name: known('NVDA'), account: 'us-broker', currency: 'USD', weight: 0.05, yield: 0, split: knownSplit('NVDA') },
  { symbol: 'JNJ', name: known('JNJ'), account: 'us-broker', currency: 'USD', weight: 0.06, yield: 0.03 },
  { symbol: 'KO', name: known('KO'), account: 'us-broker', currency: 'USD', weight: 0.06, yield: 0.03 },
  { symbol: 'VTI', name: known('VTI'), account: 'us-broker', currency: 'USD', weight: 0.31, yield: 0.014 },
  { symbol: 'BND', name: known('BND'), account: 'us-broker', currency: 'USD', weight: 0.16, yield: 0.035 },
  { symbol: 'BTC-USD', name: known('BTC-USD'), account: 'us-broker', currency: 'USD', weight: 0.06, yield: 0 },
  { symbol: 'ETH-USD', name: known('ETH-USD'), account: 'us-broker', currency: 'USD', weight: 0.04, yield: 0 },
  { symbol: 'SAP.DE', name: known('SAP.DE'), account: 'eu-broker', currency: 'EUR', weight: 0.2, yield: 0.012 },
  { symbol: 'SIE.DE', name: known('SIE.DE'), account: 'eu-broker', currency: 'EUR', weight: 0.15, yield: 0.025 },
  { symbol: 'ASML.AS', name: known('ASML.AS'), account: 'eu-broker', currency: 'EUR', weight: 0.2, yield: 0.008 },
  { symbol: 'MC.PA', name: known('MC.PA'), account: 'eu-broker', currency: 'EUR', weight: 0.15, yield: 0.018 },
  { symbol: 'IWDA.AS', name: known('IWDA.AS'), account: 'eu-broker', currency: 'EUR', weight: 0.3, yield: 0 },
  { symbol: 'VOD.L', name: known('VOD.L'), account: 'uk-isa', currency: 'GBP', weight: 0.15, yield: 0.06 },
  { symbol: 'HSBA.L', name: known('HSBA.L'), account: 'uk-isa', currency: 'GBP', weight: 0.2, yield: 0.05 },
  { symbol: 'ULVR.L', name: known('ULVR.L'), account: 'uk-isa', currency: 'GBP', weight: 0.2, yield: 0.035 },
  { symbol: 'VUSA.L', name: known('VUSA.L'), account: 'uk-isa', currency: 'GBP', weight: 0.45, yield: 0.011 },
];

export const DEMO_ACCOUNTS = {
  'us-broker': { currency: 'USD', initial: 20_000, monthly: 1_500 },
  'eu-broker': { currency: 'EUR', initial: 8_000, monthly: 600 },
  'uk-isa': { currency: 'GBP', initial: 6_000, monthly: 500 },
} as const;

export const DEMO_START = '2021-01-04';
