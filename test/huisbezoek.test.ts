import { describe, expect, it } from 'vitest';
import { isAvondOfWeekend } from '../workflows/meldingZaak';

describe('evening or weekend huisbezoek (Europe/Amsterdam)', () => {
  it('counts from 18:00 local time, in winter and summer time', () => {
    expect(isAvondOfWeekend('2026-11-26T17:59:00+01:00')).toBe(false);
    expect(isAvondOfWeekend('2026-11-26T18:00:00+01:00')).toBe(true);
    expect(isAvondOfWeekend('2026-11-26T16:30:00Z')).toBe(false); // 17:30 in Amsterdam
    expect(isAvondOfWeekend('2026-07-02T16:30:00Z')).toBe(true); // 18:30 in Amsterdam
  });

  it('counts any hour on weekends and public holidays', () => {
    expect(isAvondOfWeekend('2026-11-28T10:00:00+01:00')).toBe(true); // zaterdag
    expect(isAvondOfWeekend('2026-12-25T10:00:00+01:00')).toBe(true); // eerste kerstdag
    expect(isAvondOfWeekend('2026-12-24T10:00:00+01:00')).toBe(false);
  });
});
