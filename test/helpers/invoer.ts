import { createHash } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { amsterdamDatum, plusDagen } from '../../common/kalender';
import type { Melding, NazorgContact, PlanInvoer } from '../../common/schemas';
import type { AdviesInput, TrajectInput } from '../../workflows/types';

/** BSNs that pass the elfproef (test numbers, not real people). */
export const GELDIG_BSN = '111222333';
export const ONGELDIG_BSN = '123456789';

/** The `n`th test BSN passing the elfproef (distinct people for the one-traject-per-person rule). */
export function testBsn(n: number): string {
  for (let basis = 10_000_000 + n * 11; ; basis++) {
    const eerste8 = String(basis).padStart(8, '0');
    let som = 0;
    for (let i = 0; i < 8; i++) som += Number(eerste8[i]) * (9 - i);
    const laatste = som % 11;
    if (laatste <= 9) return `${eerste8}${laatste}`;
  }
}

export async function vandaag(env: TestWorkflowEnvironment): Promise<string> {
  return amsterdamDatum(new Date(await env.currentTimeMs()));
}

export function aanmelding(trajectId: string, aanmeldDatum: string, extra: Partial<TrajectInput> = {}): TrajectInput {
  return {
    trajectId,
    aanmeldDatum,
    buurtteam: 'zuidoost',
    regievoerder: 'mdw-0042',
    client: { bsn: GELDIG_BSN, naam: 'A. de Vries' },
    crisis: false,
    toestemming: { vastleggen: true, delen: true },
    waarschuwingWeken: [6, 7],
    ...extra,
  };
}

/**
 * A melding at an address of its own per referentie (the same address joins one household's case);
 * tests of households give the address themselves.
 */
export function melding(referentie: string, meldDatum: string, extra: Partial<Melding> = {}): Melding {
  const huisnummer = String(1 + (parseInt(createHash('sha256').update(referentie).digest('hex').slice(0, 8), 16) % 99_999));
  return {
    schuldeiser: { type: 'woningcorporatie', naam: 'Ymere' },
    referentie,
    achterstand: { bedragCent: 184_000, maanden: 2 },
    meldDatum,
    buurtteam: 'nieuw-west',
    client: { naam: 'B. Bakker', adres: { straat: 'Osdorpplein', huisnummer, postcode: '1068 EW' } },
    ...extra,
  };
}

/** An advies (informatie en advies) as the API starts it: light, without BSN. */
export function advies(adviesId: string, startDatum: string, extra: Partial<AdviesInput> = {}): AdviesInput {
  return {
    adviesId,
    startDatum,
    buurtteam: 'zuidoost',
    onderwerpen: ['geldproblemen'],
    toestemming: { vastleggen: true, delen: false },
    ...extra,
  };
}

/** An ondersteuningsplan version agreed on `vastgesteld`, to be evaluated on `evaluatieDatum`. */
export function planVersie(vastgesteld: string, evaluatieDatum: string, versie = 1): PlanInvoer {
  return {
    versie,
    vastgesteld,
    doelen: ['overzicht in inkomsten en uitgaven', 'geen nieuwe schulden'],
    acties: [
      { wat: 'post openen en meenemen naar het spreekuur', wie: 'client', uiterlijk: evaluatieDatum },
      { wat: 'aanmelden bij de Kredietbank', wie: 'partner', organisatie: 'Kredietbank Amsterdam', uiterlijk: evaluatieDatum },
    ],
    evaluatieDatum,
  };
}

/** The first plan, agreed today in the test environment's time, evaluated in 30 days. */
export async function planVanVandaag(env: TestWorkflowEnvironment): Promise<PlanInvoer> {
  const dag = await vandaag(env);
  return planVersie(dag, plusDagen(dag, 30));
}

/** A nazorg contact by phone today in the test environment's time. */
export async function nazorgContactVanVandaag(env: TestWorkflowEnvironment): Promise<NazorgContact> {
  return { datum: await vandaag(env), soort: 'telefoon' };
}
