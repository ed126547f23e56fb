import { describe, expect, it } from 'vitest';
import { beschikkingsTermijn } from '../common/termijnen';
import type { FaseWijziging } from '../common/schemas';
import { ontbrekendVeld, openTaken, waaromGeenBeschikking, waaromOngeldig, volgendeEvaluatie } from '../workflows/route020';
import type { PlanVersie, TrajectState } from '../workflows/types';

function traject(extra: Partial<TrajectState> = {}): TrajectState {
  return {
    fase: 'intake',
    faseHistorie: [],
    intake: {},
    toestemming: { vastleggen: true, delen: false, datum: '2026-11-02' },
    toestemmingHistorie: [],
    crisisinterventie: false,
    flankmodules: [],
    termijn: beschikkingsTermijn('2026-11-02'),
    verzondenAlerts: [],
    registratieVolgnummer: 0,
    teDelen: [],
    ...extra,
  };
}
const toegekend = { datum: '2026-11-20', besluit: 'toegekend' as const };
const mag = (state: TrajectState, w: FaseWijziging) => waaromOngeldig(state, w) === undefined;

describe('Route 020 phase rules', () => {
  it('allows the regular route and the side steps to nazorg and afgesloten', () => {
    expect(mag(traject({ intake: { gehouden: '2026-11-05T10:00:00Z' } }), { naar: 'stabilisatie' })).toBe(true);
    expect(mag(traject({ fase: 'stabilisatie', beschikking: toegekend }), { naar: 'schuldregeling', route: 'minnelijk' })).toBe(true);
    expect(mag(traject({ fase: 'stabilisatie' }), { naar: 'nazorg' })).toBe(true);
    expect(mag(traject({ fase: 'schuldregeling', route: 'wsnp' }), { naar: 'nazorg' })).toBe(true);
    expect(mag(traject({ fase: 'nazorg' }), { naar: 'afgesloten', reden: 'klaar' })).toBe(true);
    expect(mag(traject(), { naar: 'afgesloten', reden: 'aanmelding ingetrokken' })).toBe(true);
  });

  it('asks a reason for WSNP, directly or after a failed minnelijk traject', () => {
    const stabiel = traject({ fase: 'stabilisatie', beschikking: toegekend });
    expect(waaromOngeldig(stabiel, { naar: 'schuldregeling', route: 'wsnp' })).toMatch(/vraagt een reden/);
    expect(mag(stabiel, { naar: 'schuldregeling', route: 'wsnp', reden: 'geen akkoord te verwachten' })).toBe(true);
    const minnelijk = traject({ fase: 'schuldregeling', route: 'minnelijk', beschikking: toegekend });
    expect(waaromOngeldig(minnelijk, { naar: 'schuldregeling', route: 'wsnp' })).toMatch(/vraagt een reden/);
    expect(mag(minnelijk, { naar: 'schuldregeling', route: 'wsnp', reden: 'schuldeiser weigert' })).toBe(true);
  });

  it('rejects skipping phases, going back, and anything after afgesloten or an afwijzing', () => {
    expect(waaromOngeldig(traject(), { naar: 'schuldregeling', route: 'minnelijk' })).toMatch(/volgt op stabilisatie/);
    expect(waaromOngeldig(traject(), { naar: 'nazorg' })).toMatch(/nazorg volgt op/);
    expect(waaromOngeldig(traject({ fase: 'nazorg' }), { naar: 'stabilisatie' })).toMatch(/volgt op intake/);
    expect(waaromOngeldig(traject({ fase: 'afgesloten' }), { naar: 'afgesloten', reden: 'nogmaals' })).toMatch(/afgesloten/);
    const afgewezen = traject({ intake: { gehouden: 'x' }, beschikking: { datum: '2026-11-20', besluit: 'afgewezen' } });
    expect(waaromOngeldig(afgewezen, { naar: 'stabilisatie' })).toMatch(/alleen worden afgesloten/);
    expect(mag(afgewezen, { naar: 'afgesloten', reden: 'afgewezen' })).toBe(true);
  });

  it('derives the open tasks for the werkvoorraad', () => {
    // The beschikking follows the intake (werkkader §2.4.6): no task to give it before then.
    expect(openTaken(traject())).toEqual(['intake-plannen']);
    expect(openTaken(traject({ intake: { gepland: 'x' } }))).toEqual(['intake-houden']);
    expect(openTaken(traject({ intake: { gepland: 'x', gehouden: 'y' } }))).toEqual(['beschikking-afgeven']);
    expect(openTaken(traject({ intake: { gehouden: 'x' }, beschikking: toegekend }))).toEqual([]);
    expect(openTaken(traject({ fase: 'afgesloten' }))).toEqual([]);
  });

  describe('with an ondersteuningsplan (trajecten started since patch ondersteuningsplan)', () => {
    const versie = (n: number, evaluatieDatum: string): PlanVersie => ({
      versie: n,
      vastgesteld: '2026-11-10',
      evaluatieDatum,
      doelen: ['overzicht'],
      acties: [{ wat: 'post openen', wie: 'client', uiterlijk: '2026-12-01' }],
    });
    const metPlan = (
      extra: Partial<TrajectState> = {},
      versies: PlanVersie[] = [],
      evaluaties: NonNullable<TrajectState['ondersteuningsplan']>['evaluaties'] = [],
    ) =>
      traject({ intake: { gehouden: '2026-11-05T10:00:00Z' }, ondersteuningsplan: { versies, evaluaties }, nazorgContacten: [], ...extra });

    it('gives the beschikking only after the intake and then the plan (werkkader §2.4.6)', () => {
      expect(waaromGeenBeschikking({ intake: {}, ondersteuningsplan: { versies: [], evaluaties: [] } })).toMatch(/volgt op de intake/);
      expect(waaromGeenBeschikking(metPlan())).toMatch(/^een beschikking volgt op het ondersteuningsplan: /);
      expect(waaromGeenBeschikking(metPlan({}, [versie(1, '2027-01-10')]))).toBeUndefined();
      // Trajecten from before keep their rule: the intake suffices.
      expect(waaromGeenBeschikking(traject({ intake: { gehouden: 'x' } }))).toBeUndefined();
    });

    it('lists the plan, the due evaluation and the nazorg contact as open tasks', () => {
      expect(openTaken(metPlan(), '2026-11-20')).toEqual(['ondersteuningsplan-opstellen']);
      expect(openTaken(metPlan({}, [versie(1, '2027-01-10')]), '2027-01-09')).toEqual(['beschikking-afgeven']);
      const lopend = metPlan({ beschikking: toegekend }, [versie(1, '2027-01-10')]);
      expect(openTaken(lopend, '2027-01-10')).toEqual(['evaluatie-houden']);
      const doorgaan = { versie: 1, datum: '2027-01-10', uitkomst: 'doorgaan' as const, volgendeEvaluatie: '2027-03-01' };
      expect(volgendeEvaluatie({ versies: [versie(1, '2027-01-10')], evaluaties: [doorgaan] })).toBe('2027-03-01');
      const bijstellen = { versie: 1, datum: '2027-01-10', uitkomst: 'bijstellen' as const };
      expect(openTaken(metPlan({ beschikking: toegekend }, [versie(1, '2027-01-10')], [bijstellen]), '2027-02-01')).toEqual([
        'ondersteuningsplan-bijstellen',
      ]);
      expect(
        openTaken(metPlan({ fase: 'nazorg', beschikking: toegekend }, [versie(1, '2027-01-10')], [bijstellen]), '2027-01-11'),
      ).toContain('nazorgcontact');
    });

    it('closes with an uitstroomkenmerk, and from the nazorg only after a nazorg contact', () => {
      const nazorg = metPlan({ fase: 'nazorg' });
      expect(ontbrekendVeld(metPlan(), { naar: 'afgesloten', reden: 'aanmelding ingetrokken' })).toEqual({
        veld: 'uitstroom',
        melding: expect.stringMatching(/uitstroomreden/),
      });
      expect(mag(metPlan(), { naar: 'afgesloten', reden: 'aanmelding ingetrokken', uitstroom: 'client-stopt' })).toBe(true);
      expect(waaromOngeldig(nazorg, { naar: 'afgesloten', reden: 'klaar', uitstroom: 'doelen-bereikt' })).toMatch(
        /minstens één nazorgcontact/,
      );
      expect(mag(nazorg, { naar: 'afgesloten', reden: 'overleden', uitstroom: 'overleden' })).toBe(true);
      const gebeld = metPlan({ fase: 'nazorg', nazorgContacten: [{ datum: '2027-05-01', soort: 'telefoon' }] });
      expect(mag(gebeld, { naar: 'afgesloten', reden: 'klaar', uitstroom: 'doelen-bereikt' })).toBe(true);
      // Trajecten from before close as they did.
      expect(ontbrekendVeld(traject({ fase: 'nazorg' }), { naar: 'afgesloten', reden: 'klaar' })).toBeUndefined();
      expect(mag(traject({ fase: 'nazorg' }), { naar: 'afgesloten', reden: 'klaar' })).toBe(true);
    });
  });
});
