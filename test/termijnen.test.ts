import { describe, expect, it } from 'vitest';
import { beschikkingsTermijn, beschikkingstermijnVan, bezwaartermijn, eersteGesprekTermijn } from '../common/termijnen';

describe('legal terms (Awb, Wgs, Algemene termijnenwet)', () => {
  it('runs the beschikking term 8 weeks, to the next werkdag when it ends on a holiday', () => {
    expect(beschikkingsTermijn('2026-11-26').einddatum).toBe('2027-01-21');
    // 8 weeks after 2 March 2027 is Koningsdag, Tuesday 27 April: runs to the 28th...
    expect(beschikkingsTermijn('2027-03-02').einddatum).toBe('2027-04-28');
    // ...and 8 weeks after 3 November 2026 is Tuesday 29 December, a werkdag.
    expect(beschikkingsTermijn('2026-11-03').verloopt).toBe('2026-12-29T23:00:00.000Z');
    // 8 weeks after 30 October 2026 is Friday 25 December: runs to Monday 28 December.
    expect(beschikkingsTermijn('2026-10-30').einddatum).toBe('2026-12-28');
  });

  it('has not started a term that starts at the first conversation before it was held', () => {
    expect(beschikkingstermijnVan({ start: 'eerste-gesprek', wijzigingen: [] })).toBeUndefined();
    expect(beschikkingstermijnVan({ start: 'eerste-gesprek', startDatum: '2026-11-26', wijzigingen: [] })?.einddatum).toBe('2027-01-21');
  });

  it('moves the end by the days an opschorting lasted (Awb 4:15), and shows a running one', () => {
    const basis = { start: 'aanmelding' as const, startDatum: '2026-11-26' };
    const lopend = beschikkingstermijnVan({ ...basis, wijzigingen: [{ soort: 'opschorting', vanaf: '2026-12-01' }] });
    expect(lopend).toMatchObject({ einddatum: '2027-01-21', opgeschortSinds: '2026-12-01' });
    // Asked on 1 December, supplied on 11 December: 10 days, Thursday 21 -> Sunday 31 January -> Monday 1 February.
    const klaar = beschikkingstermijnVan({ ...basis, wijzigingen: [{ soort: 'opschorting', vanaf: '2026-12-01', tot: '2026-12-11' }] });
    expect(klaar).toEqual({ einddatum: '2027-02-01', kaleEinddatum: '2027-01-31', verloopt: '2027-02-01T23:00:00.000Z' });
  });

  it('applies a verdaging (Awb 4:14) and then moves the new date by a later opschorting', () => {
    const verloop = {
      start: 'aanmelding' as const,
      startDatum: '2026-11-26',
      wijzigingen: [
        { soort: 'opschorting' as const, vanaf: '2026-12-01', tot: '2026-12-04' },
        { soort: 'verdaging' as const, nieuweEinddatum: '2027-02-18', reden: 'advies nodig', datum: '2027-01-10' },
        { soort: 'opschorting' as const, vanaf: '2027-01-12', tot: '2027-01-19' },
      ],
    };
    expect(beschikkingstermijnVan(verloop)?.einddatum).toBe('2027-02-25');
  });

  it('gives the first conversation 4 weeks after the aanmelding (Wgs art. 4) and bezwaar 6 weeks after the beschikking (Awb 6:7)', () => {
    expect(eersteGesprekTermijn('2026-11-26').einddatum).toBe('2026-12-24');
    // 4 weeks after Monday 30 November 2026 is 28 December: a werkdag.
    expect(eersteGesprekTermijn('2026-11-30').einddatum).toBe('2026-12-28');
    // Made known on Friday 13 November 2026: the 6 weeks run from the 14th to Friday 25 December, a holiday -> Monday 28th.
    expect(bezwaartermijn('2026-11-13').einddatum).toBe('2026-12-28');
    expect(bezwaartermijn('2026-11-26')).toMatchObject({ einddatum: '2027-01-07', verloopt: '2027-01-07T23:00:00.000Z' });
  });
});
