/**
 * The error funnel, including errors made by a second copy of src/base/errors (the dashboard's
 * first-frame bundle carries one): instanceof and exit codes must hold across copies.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type * as errors from '../../src/base/errors.js';
import { AppError, EXIT, InputError, TempFailureError, UsageError, handleError } from '../../src/base/errors.js';
import { WarmBusyError } from '../../src/jobs/warm.js';

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => out };
}

describe('errors', () => {
  it('maps each kind to its exit code and prints one line plus details, secrets redacted', () => {
    const s = sink();
    expect(handleError(new InputError('bad row', ['line 3: no date']), s.stream)).toBe(EXIT.failure);
    expect(handleError(new UsageError('unknown option'), s.stream)).toBe(EXIT.usage);
    expect(handleError(new TempFailureError('provider down: https://x/q?crumb=SECRET'), s.stream)).toBe(EXIT.tempFailure);
    expect(handleError(new Error('boom'), s.stream)).toBe(EXIT.failure);
    expect(s.text()).toBe(
      'portfolio: bad row\nline 3: no date\nportfolio: unknown option\nportfolio: provider down: https://x/q?crumb=***\nportfolio: internal error: boom\n',
    );
  });

  it('keeps instanceof within one copy exact: a subclass is its parents, not its siblings', () => {
    const e = new WarmBusyError(1, 'now');
    expect([e.name, new InputError('x').name, new AppError('x').name]).toEqual(['WarmBusyError', 'InputError', 'AppError']);
    expect(e).toBeInstanceOf(WarmBusyError);
    expect(e).toBeInstanceOf(TempFailureError);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(e instanceof InputError).toBe(false);
    expect(new AppError('x') instanceof TempFailureError).toBe(false);
    expect({ exitCode: 1 } instanceof AppError).toBe(false);
    expect((null as unknown as object) instanceof AppError).toBe(false);
  });

  it('recognises errors made by another copy of the module', async () => {
    // A query string makes the module loader evaluate the file a second time: new classes.
    const second = '../../src/base/errors.js?second-copy';
    const other = (await import(/* @vite-ignore */ second)) as typeof errors;
    expect(other.AppError).not.toBe(AppError);
    const temp = new other.TempFailureError('provider down');
    expect(Object.getPrototypeOf(temp)).not.toBe(TempFailureError.prototype);
    expect(temp).toBeInstanceOf(TempFailureError);
    expect(temp).toBeInstanceOf(AppError);
    expect(temp instanceof InputError).toBe(false);
    expect(new InputError('x') instanceof other.UsageError).toBe(false);
    expect(new UsageError('x')).toBeInstanceOf(other.AppError);
    const s = sink();
    expect(handleError(temp, s.stream)).toBe(EXIT.tempFailure);
    expect(other.handleError(new InputError('bad', ['detail']), s.stream)).toBe(EXIT.failure);
    expect(s.text()).toBe('portfolio: provider down\nportfolio: bad\ndetail\n');
  });
});
