/**
 * A fake ECB on 127.0.0.1: GET /stats/eurofxref/eurofxref-daily.xml answers the recorded daily file
 * (2018-06-11, single-quoted attributes), -hist-90d.xml the recorded 90-day file; -hist.xml (the
 * full history, several MB, not recorded) answers the 90-day file too. Switches: see fake-http.ts.
 */
import { baseSwitches, startFakeServer, text, type FakeServer, type FakeSwitches } from './fake-http.js';
import { fixtureText } from './shared-fixtures.js';

export type FakeEcb = FakeServer<FakeSwitches>;

export function startFakeEcb(initial: Partial<FakeSwitches> = {}): Promise<FakeEcb> {
  const daily = fixtureText('ecb', 'eurofxref-daily.2018-06-11.xml');
  const hist = fixtureText('ecb', 'eurofxref-hist-90d.2018-06-11.xml');
  return startFakeServer({ ...baseSwitches(), ...initial }, (url) => {
    if (url.pathname === '/stats/eurofxref/eurofxref-daily.xml') return text(daily, 200, 'text/xml');
    if (url.pathname === '/stats/eurofxref/eurofxref-hist-90d.xml' || url.pathname === '/stats/eurofxref/eurofxref-hist.xml') return text(hist, 200, 'text/xml');
    return null;
  });
}
