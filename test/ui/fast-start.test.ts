import { describe, expect, it } from 'vitest';
import { parseFastArgs } from '../../src/ui/fast-start.js';

describe('launcher fast path', () => {
  it('takes plain dashboard calls', () => {
    expect(parseFastArgs([])).toEqual({ offline: false });
    expect(parseFastArgs(['dashboard'])).toEqual({ offline: false });
    expect(parseFastArgs(['--offline'])).toEqual({ offline: true });
    expect(parseFastArgs(['--db', 'x.db', 'dashboard', '--offline'])).toEqual({ offline: true, db: 'x.db' });
    expect(parseFastArgs(['--db=x.db'])).toEqual({ offline: false, db: 'x.db' });
  });

  it('leaves everything else to commander (help, other commands, unknown options, typos)', () => {
    for (const argv of [['--help'], ['-h'], ['-V'], ['holdings'], ['demo'], ['dashboard', '--help'], ['frobnicate'], ['--db'], ['--db', '--offline'], ['--bogus'], ['dashboard', 'dashboard']]) {
      expect(parseFastArgs(argv), argv.join(' ')).toBeNull();
    }
  });
});
