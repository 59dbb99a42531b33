/**
 * Instruments the simulated market knows by name, with approximate real price levels on a few
 * dates (in the provider's units: pence for London, split-adjusted as Yahoo reports history), so
 * simulated prices sit where a user expects them. Levels are rounded from memory of public closes,
 * good enough to look right, not market data. Symbols not listed here are simulated generically.
 */

/** Drives volatility and drift of the random walk. */
export type SimAssetClass = 'stock' | 'index' | 'bond' | 'crypto' | 'fx';

export interface SimKnown {
  name: string;
  assetClass: SimAssetClass;
  /** ISO date -> close on that date. */
  levels: Readonly<Record<string, number>>;
  /** Annual volatility when calmer than its class (defensive stocks). */
  vol?: number;
  /** Splits: levels are split-adjusted (as Yahoo reports them); closes before a split trade at N/M times. */
  splits?: readonly SimSplit[];
}

export interface SimSplit {
  date: string;
  numerator: number;
  denominator: number;
}

// Fixed dates: the demo's start, a bear-market low, a year end and two in 2025 (2020 from the recorded
// Yahoo answers in tests/fixtures, where there is one).
const Y20 = '2020-01-02';
const Y21 = '2021-01-04';
const Y22 = '2022-12-30';
const Y24 = '2024-12-31';
const Y25 = '2025-06-16';
const Y25B = '2025-10-31';
const at = (a: number, b: number, c: number, d: number, e: number) => ({ [Y21]: a, [Y22]: b, [Y24]: c, [Y25]: d, [Y25B]: e });

export const SIM_KNOWN: Readonly<Record<string, SimKnown>> = {
  AAPL: { name: 'Apple Inc.', assetClass: 'stock', levels: { [Y20]: 75.09, ...at(129.4, 129.9, 250.4, 198.4, 270.4) } },
  MSFT: { name: 'Microsoft Corporation', assetClass: 'stock', levels: at(217.7, 239.8, 421.5, 479.1, 517.8) },
  NVDA: { name: 'NVIDIA Corporation', assetClass: 'stock', levels: at(13.1, 14.6, 134.3, 144.7, 202.5), splits: [{ date: '2024-06-10', numerator: 10, denominator: 1 }] },
  JNJ: { name: 'Johnson & Johnson', assetClass: 'stock', levels: at(157.3, 176.7, 144.6, 155.0, 188.9), vol: 0.13 },
  KO: { name: 'The Coca-Cola Company', assetClass: 'stock', levels: at(52.8, 63.6, 62.3, 71.0, 69.2), vol: 0.13 },
  VTI: { name: 'Vanguard Total Stock Market ETF', assetClass: 'index', levels: at(193.0, 191.2, 290.2, 295.0, 337.0) },
  BND: { name: 'Vanguard Total Bond Market ETF', assetClass: 'bond', levels: at(88.2, 71.9, 71.6, 72.8, 74.6) },
  'BTC-USD': { name: 'Bitcoin USD', assetClass: 'crypto', levels: { [Y20]: 7_200, ...at(31_970, 16_547, 93_430, 106_800, 109_600) } },
  'ETH-USD': { name: 'Ethereum USD', assetClass: 'crypto', levels: at(1_041, 1_196, 3_332, 2_540, 3_850) },
  'SAP.DE': { name: 'SAP SE', assetClass: 'stock', levels: at(107.6, 96.4, 236.3, 262.0, 230.0) },
  'SIE.DE': { name: 'Siemens AG', assetClass: 'stock', levels: at(113.0, 129.6, 188.6, 210.0, 240.0) },
  'ASML.AS': { name: 'ASML Holding N.V.', assetClass: 'stock', levels: at(402.0, 503.8, 678.7, 670.0, 905.0) },
  'MC.PA': { name: 'LVMH Moët Hennessy Louis Vuitton', assetClass: 'stock', levels: at(512.0, 680.0, 635.5, 460.0, 615.0) },
  'IWDA.AS': { name: 'iShares Core MSCI World UCITS ETF', assetClass: 'index', levels: at(62.0, 71.6, 102.5, 101.0, 112.0) },
  'VOD.L': { name: 'Vodafone Group plc', assetClass: 'stock', levels: at(121.0, 84.2, 68.3, 77.0, 88.0) },
  'HSBA.L': { name: 'HSBC Holdings plc', assetClass: 'stock', levels: at(390.0, 515.6, 785.0, 880.0, 1_060) },
  'ULVR.L': { name: 'Unilever PLC', assetClass: 'stock', levels: at(4_390, 4_170, 4_550, 4_650, 4_500), vol: 0.17 },
  'VUSA.L': { name: 'Vanguard S&P 500 UCITS ETF', assetClass: 'index', levels: at(5_900, 6_470, 9_950, 9_200, 10_000) },
  'EURUSD=X': { name: 'EUR/USD', assetClass: 'fx', levels: { [Y20]: 1.122, ...at(1.225, 1.07, 1.035, 1.156, 1.153) } },
  'GBPUSD=X': { name: 'GBP/USD', assetClass: 'fx', levels: at(1.367, 1.209, 1.252, 1.357, 1.315) },
  // Other symbols the tests and fixtures use (levels from the recorded Yahoo answers or a year end).
  TSLA: { name: 'Tesla, Inc.', assetClass: 'stock', levels: { [Y24]: 403.8 } },
  GOOGL: { name: 'Alphabet Inc.', assetClass: 'stock', levels: { [Y24]: 189.3 } },
  AMZN: { name: 'Amazon.com, Inc.', assetClass: 'stock', levels: { [Y24]: 219.4 } },
  META: { name: 'Meta Platforms, Inc.', assetClass: 'stock', levels: { [Y24]: 585.5 } },
  BABA: { name: 'Alibaba Group Holding Limited', assetClass: 'stock', levels: { '2025-02-14': 124.73 } },
  SPY: { name: 'SPDR S&P 500 ETF Trust', assetClass: 'index', levels: { [Y24]: 586.1 } },
  QQQ: { name: 'Invesco QQQ Trust', assetClass: 'index', levels: { [Y21]: 309.3, [Y22]: 266.3, [Y24]: 511.2, '2025-02-14': 538.15 } },
  'OCDO.L': { name: 'Ocado Group plc', assetClass: 'stock', levels: { [Y20]: 1_259.5, [Y21]: 2_290, [Y22]: 614, [Y24]: 297, '2025-02-14': 308.8 } },
  'EURGBP=X': { name: 'EUR/GBP', assetClass: 'fx', levels: { [Y24]: 0.827 } },
  'USDJPY=X': { name: 'USD/JPY', assetClass: 'fx', levels: { [Y24]: 157.2 } },
};

/** Annual volatility and drift (log terms) by asset class, and the share of variance from the class's common factor. */
export const SIM_CLASS_PARAMS: Readonly<Record<SimAssetClass, { vol: number; drift: number; factorShare: number }>> = {
  stock: { vol: 0.22, drift: 0.07, factorShare: 0.35 },
  index: { vol: 0.16, drift: 0.07, factorShare: 0.85 },
  bond: { vol: 0.06, drift: 0.0, factorShare: 0 },
  crypto: { vol: 0.45, drift: 0.1, factorShare: 0.6 },
  fx: { vol: 0.08, drift: 0, factorShare: 0 },
};

/** The real name of a known symbol, or null. */
export function simKnownName(symbol: string): string | null {
  return SIM_KNOWN[symbol]?.name ?? null;
}
