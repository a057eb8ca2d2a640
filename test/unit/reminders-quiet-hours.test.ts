import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/shared/calendar.js';
import { deliveryMoment, nextOpen, parseWorkingHours, workingWindow } from '../../src/outbox/quiet-hours.js';

const window = workingWindow({ start: '07:00', end: '20:00' });
const cph = (date: string, time: string) => zonedInstant(date, time);

describe('quiet hours', () => {
  it('delivers a reminder due at 23:00 at 07:00 the next working day', () => {
    // Tuesday 24 November 2026, 23:00 → Wednesday 07:00 (Copenhagen time).
    expect(deliveryMoment(cph('2026-11-24', '23:00'), false, window)).toEqual(cph('2026-11-25', '07:00'));
    expect(cph('2026-11-25', '07:00').toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('skips weekends and Danish holidays, and never moves urgent jobs', () => {
    expect(deliveryMoment(cph('2026-11-27', '21:15'), false, window)).toEqual(cph('2026-11-30', '07:00')); // Friday → Monday
    expect(deliveryMoment(cph('2026-12-23', '22:00'), false, window)).toEqual(cph('2026-12-28', '07:00')); // 24/12 closed, 25-26 holidays, 27 Sunday
    expect(deliveryMoment(cph('2026-04-01', '20:00'), false, window)).toEqual(cph('2026-04-07', '07:00')); // Easter 2026
    expect(deliveryMoment(cph('2026-11-24', '23:00'), true, window)).toEqual(cph('2026-11-24', '23:00'));
    expect(deliveryMoment(cph('2026-11-24', '06:59'), false, window)).toEqual(cph('2026-11-24', '07:00'));
    expect(deliveryMoment(cph('2026-11-24', '12:34'), false, window)).toEqual(cph('2026-11-24', '12:34'));
  });

  it('keeps summer time right', () => {
    expect(deliveryMoment(cph('2026-06-30', '23:00'), false, window).toISOString()).toBe('2026-07-01T05:00:00.000Z');
  });

  it('says when the window opens next', () => {
    expect(nextOpen(cph('2026-11-24', '19:59'), window)).toEqual(cph('2026-11-24', '19:59'));
    expect(nextOpen(cph('2026-11-24', '20:00'), window)).toEqual(cph('2026-11-25', '07:00'));
  });

  it('parses a workplace working-hours setting', () => {
    expect(parseWorkingHours('08:00-16:00')).toEqual({ start: '08:00', end: '16:00' });
    expect(parseWorkingHours('16:00-08:00')).toBeUndefined();
    expect(parseWorkingHours(42)).toBeUndefined();
  });
});
