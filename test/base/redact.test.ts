import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, handleError, redact } from '../../src/base/errors.js';

describe('redact: keys never reach logs, errors or status', () => {
  const KEY = 'sk_live_abc123XYZ';
  it.each([
    [`GET http://h/iex/?tickers=AAPL&token=${KEY}`, 'token=***'],
    [`GET http://h/query?function=GLOBAL_QUOTE&symbol=MSFT&apikey=${KEY}`, 'apikey=***'],
    [`token=${KEY} was refused`, 'token=*** was refused'],
    [`apikey=${KEY}`, 'apikey=***'],
    [`x_cg_demo_api_key=${KEY}&ids=bitcoin`, 'x_cg_demo_api_key=***&ids=bitcoin'],
    [`x-cg-demo-api-key: ${KEY}`, 'x-cg-demo-api-key: ***'],
    [`Authorization: Token ${KEY}`, 'Authorization: ***'],
    [`{"tiingo": {"apiKey": "${KEY}"}}`, '{"tiingo": {"apiKey": "***"}}'],
    [`?crumb=${KEY}&x=1`, '?crumb=***&x=1'],
  ])('%s', (input, expected) => {
    const out = redact(input);
    expect(out).not.toContain(KEY);
    expect(out).toContain(expected);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('AAPL: no provider left (yahoo: HTTP 403 from chart)')).toBe('AAPL: no provider left (yahoo: HTTP 403 from chart)');
  });

  it('the error funnel prints a message carrying a key without it', () => {
    let text = '';
    const err = new Writable({ write(c, _e, cb) { text += String(c); cb(); } });
    handleError(new AppError(`request failed: http://x/iex/?tickers=A&token=${KEY}`), err, {});
    expect(text).toContain('token=***');
    expect(text).not.toContain(KEY);
  });
});
