import { afterEach, describe, expect, it } from 'vitest';
import { consentForm } from '../../src/market/providers/yahoo-consent.js';
import { kvGet } from '../../src/store/kv.js';
import { getQuotes } from '../../src/store/prices.js';
import { fixtureJson } from '../helpers/shared-fixtures.js';
import { chainHarness, type ChainHarness } from './chain-harness.js';
import { harness, type Harness } from './harness.js';

let h: Harness | undefined;
let c: ChainHarness | undefined;
afterEach(async () => {
  await h?.close();
  await c?.close();
  h = undefined;
  c = undefined;
});

describe('yahoo session', () => {
  it('reads the recorded consent form: hidden fields, entities decoded', () => {
    const page = fixtureJson<{ response: { bodyText: string } }>('yahoo', 'getCrumb-quote-AAPL-collectConsent.html.json').response.bodyText;
    expect(consentForm(page)).toMatchObject({
      csrfToken: 'GoNrer0', sessionId: '3_cc-session_dcf322f7-c2b7-4e77-9e32-36143f8f7c5d', namespace: 'yahoo',
      originalDoneUrl: 'https://finance.yahoo.com/quote/AAPL?guccounter=1',
    });
    expect(consentForm('<html>quote</html>')).toBeNull();
  });

  it('goes through the EU consent flow, then gets a crumb and quotes', async () => {
    h = await harness({ fake: { euConsent: true } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'MSFT']);
    expect(r.failed).toEqual([]);
    expect(r.fetched).toBe(2);
    const paths = h.fake.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths.slice(0, 7)).toEqual([
      'GET /', 'GET /consent', 'GET /v2/collectConsent', 'POST /v2/collectConsent', 'GET /copyConsent', 'GET /quote/AAPL', 'GET /v1/test/getcrumb',
    ]);
    expect(h.fake.count('quote')).toBe(1);
  });

  it('a crumb answered as "Too Many Requests" is not a crumb: quotes come from the chart meta, nothing cached as a session', async () => {
    h = await harness({ fake: { crumbAnswer: { status: 200, body: 'Too Many Requests' } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL']);
    expect(r.failed).toEqual([]);
    expect(h.fake.count('quote')).toBe(0);
    expect(h.fake.count('chart')).toBe(1);
    expect(kvGet(h.db, `yahoo.session:${h.fake.url}`, new Date(Date.parse('2025-03-05T15:00:00Z')))).toBeNull();
  });

  it("asks for BRK.B in Yahoo's form BRK-B and stores it under BRK.B", async () => {
    c = await chainHarness();
    const svc = await c.service();
    await svc.refreshQuotes(['BRK.B']);
    expect(c.yahoo.requests.find((q) => q.endpoint === 'quote')?.symbols).toEqual(['BRK-B']);
    expect(getQuotes(c.db, ['BRK.B']).get('BRK.B')?.source).toBe('yahoo');
  });
});
