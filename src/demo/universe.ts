/** The demo portfolio's instruments: US, European (EUR) and UK (GBp) listings, ETFs and crypto. */

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
  { symbol: 'AAPL', name: 'Apple Inc.', account: 'us-broker', currency: 'USD', weight: 0.14, yield: 0.005 },
  { symbol: 'MSFT', name: 'Microsoft Corporation', account: 'us-broker', currency: 'USD', weight: 0.12, yield: 0.008 },
  { symbol: 'NVDA', name: 'NVIDIA Corporation', account: 'us-broker', currency: 'USD', weight: 0.08, yield: 0, split: { date: '2024-06-10', ratio: [10, 1] } },
  { symbol: 'JNJ', name: 'Johnson & Johnson', account: 'us-broker', currency: 'USD', weight: 0.06, yield: 0.03 },
  { symbol: 'KO', name: 'The Coca-Cola Company', account: 'us-broker', currency: 'USD', weight: 0.06, yield: 0.03 },
  { symbol: 'VTI', name: 'Vanguard Total Stock Market ETF', account: 'us-broker', currency: 'USD', weight: 0.24, yield: 0.014 },
  { symbol: 'BND', name: 'Vanguard Total Bond Market ETF', account: 'us-broker', currency: 'USD', weight: 0.12, yield: 0.035 },
  { symbol: 'BTC-USD', name: 'Bitcoin USD', account: 'us-broker', currency: 'USD', weight: 0.1, yield: 0 },
  { symbol: 'ETH-USD', name: 'Ethereum USD', account: 'us-broker', currency: 'USD', weight: 0.08, yield: 0 },
  { symbol: 'SAP.DE', name: 'SAP SE', account: 'eu-broker', currency: 'EUR', weight: 0.2, yield: 0.012 },
  { symbol: 'SIE.DE', name: 'Siemens AG', account: 'eu-broker', currency: 'EUR', weight: 0.15, yield: 0.025 },
  { symbol: 'ASML.AS', name: 'ASML Holding N.V.', account: 'eu-broker', currency: 'EUR', weight: 0.2, yield: 0.008 },
  { symbol: 'MC.PA', name: 'LVMH Moët Hennessy', account: 'eu-broker', currency: 'EUR', weight: 0.15, yield: 0.018 },
  { symbol: 'IWDA.AS', name: 'iShares Core MSCI World ETF', account: 'eu-broker', currency: 'EUR', weight: 0.3, yield: 0 },
  { symbol: 'VOD.L', name: 'Vodafone Group plc', account: 'uk-isa', currency: 'GBP', weight: 0.15, yield: 0.06 },
  { symbol: 'HSBA.L', name: 'HSBC Holdings plc', account: 'uk-isa', currency: 'GBP', weight: 0.2, yield: 0.05 },
  { symbol: 'ULVR.L', name: 'Unilever PLC', account: 'uk-isa', currency: 'GBP', weight: 0.2, yield: 0.035 },
  { symbol: 'VUSA.L', name: 'Vanguard S&P 500 UCITS ETF', account: 'uk-isa', currency: 'GBP', weight: 0.45, yield: 0.011 },
];

export const DEMO_ACCOUNTS = {
  'us-broker': { currency: 'USD', initial: 20_000, monthly: 1_500 },
  'eu-broker': { currency: 'EUR', initial: 8_000, monthly: 600 },
  'uk-isa': { currency: 'GBP', initial: 6_000, monthly: 500 },
} as const;

export const DEMO_START = '2021-01-04';
