import { describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht, amsterdamUur, feestdagen, isWerkdag, werkdagenNa } from '../common/kalender';

describe('kalender (Europe/Amsterdam)', () => {
  it('knows the Dutch public holidays of 2027, Koningsdag moving off a Sunday', () => {
    expect([...feestdagen(2027)].sort()).toEqual(
      [
        '2027-01-01',
        '2027-03-28', // Pasen
        '2027-03-29',
        '2027-04-27',
        '2027-05-05',
        '2027-05-06', // Hemelvaart
        '2027-05-16', // Pinksteren
        '2027-05-17',
        '2027-12-25',
        '2027-12-26',
      ].sort(),
    );
    expect(feestdagen(2025).has('2025-04-26')).toBe(true); // 27 April 2025 is a Sunday
    expect(feestdagen(2025).has('2025-04-27')).toBe(false);
  });

  it('switches between CET and CEST on the last Sundays of March and October', () => {
    expect(amsterdamMiddernacht('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(amsterdamMiddernacht('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(amsterdamMiddernacht('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(amsterdamUur(new Date('2026-07-01T16:30:00Z'))).toBe(18);
    expect(amsterdamUur(new Date('2026-12-01T16:30:00Z'))).toBe(17);
    expect(amsterdamDatum(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('counts werkdagen past weekends and holidays', () => {
    expect(isWerkdag('2026-12-25')).toBe(false);
    expect(isWerkdag('2026-11-28')).toBe(false); // zaterdag
    // Thursday 24 Dec 2026 + 5 werkdagen skips Christmas, two weekends and New Year's Day.
    expect(werkdagenNa('2026-12-24', 5)).toBe('2027-01-04');
  });
});
