import { describe, expect, it } from 'vitest';
import { alertMessage, conditionHolds, dayMovePct, evaluateAlert, type AlertRule } from '../../src/core/alerts.js';

/** Feeds a price path through one alert, returning the indexes at which it fired. */
function firesAlong(rule: Omit<AlertRule, 'armed'>, prices: number[], previousClose: number | null = null): number[] {
  let armed = true;
  const fired: number[] = [];
  prices.forEach((price, i) => {
    const d = evaluateAlert({ ...rule, armed }, { price, previousClose });
    if (d.fire) fired.push(i);
    armed = d.armed;
  });
  return fired;
}

describe('price alert rules', () => {
  it('an above alert fires once while the price stays above, and re-arms after crossing back', () => {
    expect(firesAlong({ kind: 'above', threshold: 100 }, [95, 101, 105, 102, 99, 98, 100, 103])).toEqual([1, 6]);
  });

  it('a below alert fires at the threshold and re-arms only above it', () => {
    expect(firesAlong({ kind: 'below', threshold: 50 }, [55, 50, 49, 50, 51, 48])).toEqual([1, 5]);
  });

  it('a move alert fires on an absolute day move beyond the percentage, either way', () => {
    expect(firesAlong({ kind: 'move', threshold: 5 }, [101, 106, 107, 102, 94], 100)).toEqual([1, 4]);
  });

  it('a move alert cannot be judged without a previous close and keeps its state', () => {
    expect(conditionHolds({ kind: 'move', threshold: 1 }, { price: 10, previousClose: null })).toBeNull();
    expect(evaluateAlert({ kind: 'move', threshold: 1, armed: false }, { price: 10, previousClose: null })).toMatchObject({ fire: false, armed: false });
    expect(dayMovePct({ price: 110, previousClose: 100 })).toBeCloseTo(10);
  });

  it('messages name the symbol, price and threshold', () => {
    expect(alertMessage('AAPL', { kind: 'above', threshold: 200 }, { price: 201.5, previousClose: 190 }, 'USD')).toBe(
      'AAPL is at 201.5 USD, at or above your alert at 200',
    );
    expect(alertMessage('VOD.L', { kind: 'move', threshold: 3 }, { price: 0.96, previousClose: 1 })).toContain('-4.00%');
  });
});
