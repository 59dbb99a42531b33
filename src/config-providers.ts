/**
 * Config for the provider chain (CONTRACT "More providers"): `providers` orders providers per asset
 * class, `symbols` overrides one symbol, one section per provider (`ecb`, `coingecko`, `tiingo`,
 * `alphavantage`: baseUrl, apiKey, requestsPerSecond), and `maxMove`, the largest believable move
 * from the last close (a share, default 0.5). Keys may also come from PORTFOLIO_*_KEY; never printed.
 */
import * as v from 'valibot';

export const CHAIN_PROVIDERS = ['yahoo', 'ecb', 'coingecko', 'tiingo', 'alphavantage'] as const;
const CLASSES = ['equity', 'etf', 'fund', 'crypto', 'fx'] as const;

export function providerConfigEntries() {
  const name = v.picklist(CHAIN_PROVIDERS, `expected one of ${CHAIN_PROVIDERS.join(', ')}`);
  const section = (rps: number) =>
    v.strictObject({
      baseUrl: v.optional(v.pipe(v.string(), v.url('expected a URL such as "http://127.0.0.1:8080"'))),
      apiKey: v.optional(v.pipe(v.string(), v.minLength(1, 'expected a non-empty key'))),
      requestsPerSecond: v.optional(v.pipe(v.number('expected a number'), v.minValue(0.001), v.maxValue(100)), rps),
      dailyLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
    });
  return {
    providers: v.optional(v.strictObject(Object.fromEntries(CLASSES.map((c) => [c, v.optional(v.array(name))])) as Record<(typeof CLASSES)[number], v.OptionalSchema<v.ArraySchema<typeof name, undefined>, undefined>>), {}),
    symbols: v.optional(
      v.record(
        v.string(),
        v.strictObject({
          provider: v.optional(name),
          symbol: v.optional(v.pipe(v.string(), v.minLength(1))),
          // equity, etf, fund, crypto or fx order the chain; any other word (bond, gold...) is an
          // allocation class only, and the chain orders the symbol by its instrument type.
          class: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
          country: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
          sector: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(60))),
          /** Whether fractions of a share can be traded (rebalance); crypto always can. */
          fractional: v.optional(v.boolean('expected true or false')),
        }),
      ),
      {},
    ),
    maxMove: v.optional(v.pipe(v.number('expected a number'), v.minValue(0.01), v.maxValue(100)), 0.5),
    ecb: v.optional(section(1), {}),
    coingecko: v.optional(section(0.5), {}),
    tiingo: v.optional(section(2), {}),
    alphavantage: v.optional(section(1), {}),
  };
}

export const PROVIDER_CONFIG_DEFAULTS = {
  providers: {},
  symbols: {},
  maxMove: 0.5,
  ecb: { requestsPerSecond: 1 },
  coingecko: { requestsPerSecond: 0.5 },
  tiingo: { requestsPerSecond: 2 },
  alphavantage: { requestsPerSecond: 1 },
};

export const PROVIDER_SECTIONS = ['providers', 'symbols', 'ecb', 'coingecko', 'tiingo', 'alphavantage'];
