import { describe, expect, it } from 'vitest';
import { beschikkingsTermijn } from '../common/termijnen';
import type { FaseWijziging } from '../common/schemas';
import { openTaken, waaromOngeldig } from '../workflows/route020';
import type { TrajectState } from '../workflows/types';

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
});
