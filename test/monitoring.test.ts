import { describe, expect, it } from 'vitest';
import { jaarVanKlacht, nieuwKlachtId, waaromAlAfgedaan, waaromNietTeRegistreren } from '../common/klachten';
import { klachtenCijfers, stromen, trajectFeiten, verdeling, wachttijden, type TrajectFeiten } from '../common/monitoring';
import type { Klacht, TrajectStatus } from '../workflows/types';

/** The monitorgegevens of werkkader ch. 5 as pure figures (common/monitoring.ts). */
describe('monitoring figures', () => {
  const periode = { van: '2026-03-01', tot: '2026-03-31' };
  const stand = '2026-03-31';

  it('gives median and 90th percentile (nearest rank) of days', () => {
    expect(verdeling([])).toEqual({ aantal: 0, mediaan: null, p90: null });
    expect(verdeling([7])).toEqual({ aantal: 1, mediaan: 7, p90: 7 });
    expect(verdeling([4, 1, 3, 2])).toEqual({ aantal: 4, mediaan: 2.5, p90: 4 });
    // Ten values: the 9th smallest is the 90th percentile, not the largest.
    expect(verdeling([10, 1, 2, 3, 4, 5, 6, 7, 8, 100])).toEqual({ aantal: 10, mediaan: 5.5, p90: 10 });
  });

  const t = (trajectId: string, f: Omit<TrajectFeiten, 'trajectId'>): TrajectFeiten => ({ trajectId, ...f });
  const trajecten: TrajectFeiten[] = [
    // All steps in March: 5 days to the intake, 10 to the plan, 6 to the beschikking.
    t('a', { aanmeldDatum: '2026-03-01', intake: '2026-03-06', ondersteuningsplan: '2026-03-16', beschikking: '2026-03-22' }),
    // Aangemeld in February, intake in March (20 days), still waiting for a plan since 03-10 (21 days by the stand).
    t('b', { aanmeldDatum: '2026-02-18', intake: '2026-03-10' }),
    // Waiting for the intake since 03-20 (11 days).
    t('c', { aanmeldDatum: '2026-03-20' }),
    // A beschikking without a plan (from before the plan was kept): counted as reached, no days after the plan; it waits for a plan.
    t('d', { aanmeldDatum: '2026-01-10', intake: '2026-01-20', beschikking: '2026-03-05' }),
    // Closed in March with an uitstroomkenmerk, and one without (onbekend); neither waits.
    t('e', {
      aanmeldDatum: '2026-01-05',
      intake: '2026-01-09',
      ondersteuningsplan: '2026-01-30',
      gesloten: '2026-03-12',
      uitstroomReden: 'doelen-bereikt',
    }),
    t('f', { aanmeldDatum: '2026-03-02', gesloten: '2026-03-03' }),
    // Its intake lies after the stand: on the stand it still waited (since 03-25, 6 days), and no step was reached in the period.
    t('g', { aanmeldDatum: '2026-03-25', intake: '2026-04-02' }),
    // Closed before the period: counts nowhere.
    t('h', { aanmeldDatum: '2025-12-01', gesloten: '2026-02-01', uitstroomReden: 'verhuisd' }),
  ];

  it('computes the waiting time per step, and who still waits on the stand', () => {
    const [intake, plan, beschikking] = wachttijden(trajecten, periode, stand);
    expect(intake).toMatchObject({
      stap: 'intake',
      na: 'aanmelding',
      bereikt: 2,
      dagen: { aantal: 2, mediaan: 12.5, p90: 20 },
      dagenSindsAanmelding: { aantal: 2, mediaan: 12.5, p90: 20 },
      wachtend: { aantal: 2, mediaan: 8.5, p90: 11, langste: 11 },
    });
    expect(plan).toMatchObject({
      stap: 'ondersteuningsplan',
      na: 'intake',
      bereikt: 1,
      dagen: { aantal: 1, mediaan: 10, p90: 10 },
      dagenSindsAanmelding: { aantal: 1, mediaan: 15 },
      // b since its intake 03-10, d since 01-20.
      wachtend: { aantal: 2, mediaan: (21 + 70) / 2, langste: 70 },
    });
    expect(beschikking).toMatchObject({
      stap: 'beschikking',
      na: 'ondersteuningsplan',
      bereikt: 2,
      // Only a has both the plan and the beschikking.
      dagen: { aantal: 1, mediaan: 6 },
      dagenSindsAanmelding: { aantal: 2, mediaan: (21 + 54) / 2, p90: 54 },
      wachtend: { aantal: 0, mediaan: null, langste: null },
    });
  });

  it('counts in-, door- and uitstroom, the uitstroom by kenmerk with onbekend, and those with a plan', () => {
    const s = stromen(trajecten, periode, stand);
    expect(s).toMatchObject({ instroom: 4, doorstroom: 5, uitstroom: 2 });
    expect(s.uitstroomPerReden).toEqual({
      'doelen-bereikt': 1,
      'naar-sociale-basis': 0,
      'naar-aanvullende-ondersteuning': 0,
      'client-stopt': 0,
      verhuisd: 0,
      'niet-bereikbaar': 0,
      overleden: 0,
      onbekend: 1,
    });
    expect(s.metOndersteuningsplan).toEqual({ instroom: 1, doorstroom: 1, uitstroom: 1 });
    // An earlier stand: e was still open then, a had no plan yet.
    expect(stromen(trajecten, periode, '2026-03-10')).toMatchObject({ doorstroom: 4, metOndersteuningsplan: { doorstroom: 1 } });
  });

  it('reads the facts from a traject status: intake day in Amsterdam, first plan, closing with or without kenmerk', () => {
    const status = {
      trajectId: 'traject-x',
      aanmeldDatum: '2026-03-01',
      fase: 'afgesloten',
      faseHistorie: [
        { fase: 'intake', vanaf: '2026-03-01T08:00:00Z' },
        { fase: 'afgesloten', vanaf: '2026-03-30T12:00:00Z' },
      ],
      // 23:30 UTC is already the next day in Amsterdam.
      intake: { gehouden: '2026-03-04T23:30:00Z' },
      ondersteuningsplan: {
        versies: [
          { versie: 1, vastgesteld: '2026-03-10', evaluatieDatum: '2026-06-10' },
          { versie: 2, vastgesteld: '2026-06-12', evaluatieDatum: '2026-09-12' },
        ],
      },
      beschikking: { datum: '2026-03-20', besluit: 'toegekend' },
    } as unknown as TrajectStatus;
    expect(trajectFeiten(status)).toEqual({
      trajectId: 'traject-x',
      aanmeldDatum: '2026-03-01',
      intake: '2026-03-05',
      ondersteuningsplan: '2026-03-10',
      beschikking: '2026-03-20',
      gesloten: '2026-03-30',
      uitstroomReden: undefined,
    });
    expect(trajectFeiten({ ...status, uitstroom: { reden: 'naar-sociale-basis', datum: '2026-03-29' } })).toMatchObject({
      gesloten: '2026-03-29',
      uitstroomReden: 'naar-sociale-basis',
    });
    // Open, without a plan (trajecten from before it was kept): no plan step, not closed.
    expect(trajectFeiten({ ...status, fase: 'stabilisatie', ondersteuningsplan: undefined, intake: {} })).toMatchObject({
      intake: undefined,
      ondersteuningsplan: undefined,
      gesloten: undefined,
    });
  });

  it('counts complaints by aard and afdoening, and lists the open ones with their age', () => {
    const k = (klachtId: string, aard: Klacht['aard'], ontvangen: string, afdoening?: Klacht['afdoening']): Klacht => ({
      klachtId,
      aard,
      ontvangen,
      afdoening,
    });
    const c = klachtenCijfers(
      [
        k('2026-a', 'bejegening', '2026-03-02', { wijze: 'opgelost-in-gesprek', datum: '2026-03-09' }),
        k('2026-b', 'bejegening', '2026-03-20'),
        k('2026-c', 'privacy', '2026-02-10', { wijze: 'gegrond', datum: '2026-03-13' }),
        // Settled after the stand: still open on it.
        k('2026-d', 'besluit', '2026-03-25', { wijze: 'ongegrond', datum: '2026-04-03' }),
      ],
      periode,
      stand,
    );
    expect(c).toMatchObject({
      ontvangen: 3,
      perAard: { bejegening: 2, besluit: 1, privacy: 0, overig: 0 },
      afgedaan: 2,
      perAfdoening: { 'opgelost-in-gesprek': 1, gegrond: 1, ongegrond: 0 },
      doorlooptijd: { aantal: 2, mediaan: (7 + 31) / 2, p90: 31 },
      open: [
        { klachtId: '2026-b', aard: 'bejegening', ontvangen: '2026-03-20', dagenOpen: 11 },
        { klachtId: '2026-d', aard: 'besluit', ontvangen: '2026-03-25', dagenOpen: 6 },
      ],
    });
  });

  it('keeps a complaint in the registration of its year, settled once', () => {
    const id = nieuwKlachtId('2026-12-30', 'ab12cd34ef56ab12cd34ef56ab12cd34');
    expect(jaarVanKlacht(id)).toBe(2026);
    expect(jaarVanKlacht('{klachtId}')).toBeUndefined();
    expect(waaromNietTeRegistreren('2026-12-30', '2027-03-31')).toBeUndefined();
    expect(waaromNietTeRegistreren('2026-12-30', '2027-04-01')).toMatch(/tot en met 2027-03-31/);
    const afgedaan = { afdoening: { wijze: 'gegrond', datum: '2026-03-09' } };
    expect(waaromAlAfgedaan({}, { wijze: 'gegrond', datum: '2026-03-09' })).toBeUndefined();
    expect(waaromAlAfgedaan(afgedaan, { wijze: 'gegrond', datum: '2026-03-09' })).toBeUndefined();
    expect(waaromAlAfgedaan(afgedaan, { wijze: 'ongegrond', datum: '2026-03-09' })).toMatch(/al afgedaan \(gegrond op 2026-03-09\)/);
  });
});
