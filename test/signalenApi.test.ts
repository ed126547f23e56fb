import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { huishoudSleutel } from '../api/sleutels';
import { huishoudmeldingId } from '../common/workflowIds';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen, werkdagenNa } from '../common/kalender';
import type { Melding } from '../common/schemas';
import { uiteindelijk } from './helpers/afwijzing';
import type { DraaiendeApi } from './helpers/api';
import { apiPerBestand } from './helpers/apiOmgeving';
import { opnemendeAdapters } from './helpers/fakes';
import { melding, testBsn } from './helpers/invoer';

/** End to end: a household's signals over HTTP -> real Temporal -> worker, as docs/walkthroughs.md walks them. */
describe('signals of a household over HTTP', () => {
  let env: TestWorkflowEnvironment;
  let api: DraaiendeApi;
  let teamleider: string;
  const adapters = opnemendeAdapters();
  const vandaag = amsterdamDatum(new Date());
  const geheim = randomBytes(32);
  const verzoekAls = apiPerBestand(
    async (draaiend) => {
      ({ env, api } = draaiend);
      teamleider = await api.issuer.bearer('teamleider', ['oost', 'zuid'], { sub: 'tl-0002' });
    },
    { adapters, opties: { persoonGeheim: geheim } },
  );
  const verzoek = (methode: string, pad: string, body?: unknown) => verzoekAls(teamleider, methode, pad, body);
  const adres = (huisnummer: string, postcode = '1094 KL') => ({
    naam: 'C. Yilmaz',
    adres: { straat: 'Dapperstraat', huisnummer, postcode },
  });
  const velden = (body: { velden?: { pad: string; melding: string }[] }) => (body.velden ?? []).map((v) => [v.pad, v.melding]);

  it('walks a household with three signals to a crisis traject, as in docs/walkthroughs.md', async () => {
    const huur = melding('YM-2026-1001', plusDagen(vandaag, -6), { buurtteam: 'oost', client: adres('40-2') });
    const eerste = await verzoek('POST', '/v1/meldingen', huur);
    expect(eerste).toMatchObject({ status: 201, body: { bestaand: false } });
    const id = eerste.body.id as string;

    // The energy supplier announces the end of supply; same address, written differently.
    const energie: Melding = {
      ...melding('VF-88', plusDagen(vandaag, -1), { buurtteam: 'oost', client: adres('40 - 2', '1094KL') }),
      schuldeiser: { type: 'energieleverancier', naam: 'Vattenfall' },
      soort: 'energieafsluiting',
      afsluitDatum: werkdagenNa(plusDagen(vandaag, -1), 22),
    };
    expect(await verzoek('POST', '/v1/meldingen', energie)).toMatchObject({
      status: 200,
      body: { id, bestaand: true, bijgewerkt: true, opgepakt: true },
    });
    // The landlord again with the same arrears: niet opgepakt, herhaalde melding.
    expect(await verzoek('POST', '/v1/meldingen', { ...huur, meldDatum: vandaag })).toMatchObject({
      status: 200,
      body: { id, bestaand: true, bijgewerkt: false, opgepakt: false, reden: 'herhaalde-melding' },
    });

    let status = (await verzoek('GET', `/v1/meldingen/${id}`)).body;
    expect(status.signalen.map((s: any) => [s.soort, s.schuldeiser.naam, s.opgepakt])).toEqual([
      ['betalingsachterstand', 'Ymere', true],
      ['energieafsluiting', 'Vattenfall', true],
      ['betalingsachterstand', 'Ymere', false],
    ]);
    expect(status.crisis).toMatchObject({ soort: 'energieafsluiting' });
    await uiteindelijk(async () => expect(adapters.notificaties.voor(id)).toContain('crisissignaal'));

    // The household's melding is named by a keyed hash of the address: no address or postcode in any workflow id.
    expect(id).toBe(huishoudmeldingId(huishoudSleutel(geheim, huur.client.adres)));
    const ids: string[] = [];
    for await (const wf of env.client.workflow.list({ query: `WorkflowType = 'vroegEropaf'` })) ids.push(wf.workflowId);
    expect(ids).toContain(id);
    for (const wid of ids) expect(wid).toMatch(/^melding-[0-9a-f]{32}$/);

    // Crisis first in the werkvoorraad, before an ordinary melding with an earlier term.
    const gewoon = await verzoek('POST', '/v1/meldingen', melding('YM-2026-1002', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    await uiteindelijk(async () => {
      const { body } = await verzoek('GET', '/v1/teams/oost/taken');
      expect(body.taken.map((t: { zaakId: string }) => t.zaakId)).toEqual([id, gewoon.body.id]);
      expect(body.taken[0].prioriteit).toBe(101);
    });

    // Contact attempts as DDAS counts them; a bad one is refused in Dutch with its field paths.
    const fout = await verzoek('POST', `/v1/meldingen/${id}/contactpogingen`, {
      soort: 'huisbezoek',
      datum: vandaag,
      dagdeel: 'nacht',
      bereikt: 'ja',
    });
    expect(fout.status).toBe(400);
    expect(velden(fout.body).map(([pad]) => pad)).toEqual(['soort', 'dagdeel', 'bereikt']);
    expect(fout.body.velden[0].melding).toMatch(/registreer een huisbezoek via/);
    await verzoek('POST', `/v1/meldingen/${id}/contactpogingen`, {
      soort: 'brief',
      datum: plusDagen(vandaag, -1),
      dagdeel: 'ochtend',
      bereikt: false,
    });
    status = (
      await verzoek('POST', `/v1/meldingen/${id}/contactpogingen`, { soort: 'telefoon', datum: vandaag, dagdeel: 'middag', bereikt: true })
    ).body;
    expect(status.fase).toBe('begeleiding');
    expect(status.normen.eersteContactpoging).toBe(plusDagen(vandaag, -1));
    await verzoek('POST', `/v1/meldingen/${id}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });

    // The hand-over: the traject starts with crisisinterventie, the melding's end result is financial follow-up.
    const overdracht = await verzoek('POST', `/v1/meldingen/${id}/overdracht`, {
      aanmeldDatum: vandaag,
      client: { bsn: testBsn(801), naam: 'C. Yilmaz' },
      toestemming: { vastleggen: true, delen: false },
    });
    expect(overdracht.status).toBe(200);
    expect((await verzoek('GET', `/v1/trajecten/${overdracht.body.trajectId}`)).body.crisisinterventie).toBe(true);
    expect((await verzoek('GET', `/v1/meldingen/${id}/terugkoppeling`)).body).toEqual({
      meldingId: id,
      afgesloten: true,
      terugkoppeling: [
        expect.objectContaining({ signaalId: `${id}-s1`, status: 'Opgepakt' }),
        expect.objectContaining({ signaalId: `${id}-s2`, status: 'Opgepakt' }),
        expect.objectContaining({ signaalId: `${id}-s3`, status: 'Niet opgepakt: herhaalde melding' }),
      ],
    });
    expect(await env.client.workflow.getHandle(id).result()).toMatchObject({
      eindresultaat: 'Vervolghulp en/of verwijzing financieel',
      signalen: 3,
      bereikt: true,
      crisis: 'energieafsluiting',
    });

    // The household's next signal, now the case is handed over, starts a new melding.
    const later = await verzoek('POST', '/v1/meldingen', {
      ...melding('WN-2026-5', vandaag, { buurtteam: 'oost', client: adres('40-2') }),
      schuldeiser: { type: 'waternet', naam: 'Waternet' },
    });
    expect(later).toMatchObject({ status: 201, body: { bestaand: false } });
    expect(later.body.id).not.toBe(id);
  });

  it('joins signals of two creditors arriving at the same moment in one melding', async () => {
    const client = adres('7', '1093 AB');
    const [a, b] = await Promise.all([
      verzoek('POST', '/v1/meldingen', melding('YM-2026-2001', vandaag, { buurtteam: 'oost', client })),
      verzoek('POST', '/v1/meldingen', {
        ...melding('CZ-2026-2002', vandaag, { buurtteam: 'oost', client }),
        schuldeiser: { type: 'zorgverzekeraar', naam: 'CZ' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await verzoek('GET', `/v1/meldingen/${a.body.id}`)).body.signalen).toHaveLength(2);
    // Closed with a DDAS end result of the team's choice.
    const sluiting = await verzoek('POST', `/v1/meldingen/${a.body.id}/afsluiting`, { eindresultaat: 'Niet opgepakt: onterecht signaal' });
    expect(sluiting.body).toMatchObject({ fase: 'afgesloten', eindresultaat: 'Niet opgepakt: onterecht signaal' });
    expect(
      velden((await verzoek('POST', `/v1/meldingen/${a.body.id}/afsluiting`, { eindresultaat: 'Geholpen' })).body).map(([p]) => p),
    ).toEqual(['eindresultaat']);
  });

  it('refuses crisis signals without their date or from the wrong creditor', async () => {
    const basis = melding('X-9', vandaag, { buurtteam: 'zuid', client: adres('1', '1011 AA') });
    const ontruiming = await verzoek('POST', '/v1/meldingen', { ...basis, soort: 'huisuitzetting' });
    expect(ontruiming.status).toBe(400);
    expect(velden(ontruiming.body)).toEqual([['ontruimingsDatum', 'een aangekondigde huisuitzetting vraagt de ontruimingsdatum']]);
    const verkeerd = await verzoek('POST', '/v1/meldingen', { ...basis, soort: 'zorgverzekering-beeindigd', beeindigdPer: vandaag });
    expect(velden(verkeerd.body)).toEqual([['soort', 'een signaal zorgverzekering-beeindigd komt van een zorgverzekeraar']]);
    const water = { ...basis, soort: 'waterafsluiting' };
    expect(velden((await verzoek('POST', '/v1/meldingen', water)).body)).toEqual([
      ['afsluitDatum', 'een afsluitsignaal vraagt de afsluitdatum'],
      ['soort', 'een signaal waterafsluiting komt van een waternet'],
    ]);
    const waterMetOntruiming = {
      ...water,
      schuldeiser: { type: 'waternet', naam: 'Waternet' },
      afsluitDatum: plusDagen(vandaag, 10),
      ontruimingsDatum: plusDagen(vandaag, 10),
    };
    expect(velden((await verzoek('POST', '/v1/meldingen', waterMetOntruiming)).body)).toEqual([
      ['ontruimingsDatum', 'hoort niet bij een signaal van soort waterafsluiting'],
    ]);
  });

  it('takes an end of energy supply announced too late as the most urgent crisis and a disconnection of water as a crisis; the rapportage counts both', async () => {
    const team = 'zuid';
    // 3 werkdagen before the end of supply instead of 20: taken, not refused.
    const laat = await verzoek('POST', '/v1/meldingen', {
      ...melding('EN-2026-77', vandaag, { buurtteam: team, client: adres('3', '1011 AB') }),
      schuldeiser: { type: 'energieleverancier', naam: 'Eneco' },
      soort: 'energieafsluiting',
      afsluitDatum: werkdagenNa(vandaag, 3),
    });
    expect(laat).toMatchObject({ status: 201, body: { bestaand: false } });
    const water = await verzoek('POST', '/v1/meldingen', {
      ...melding('WN-2026-78', plusDagen(vandaag, -1), { buurtteam: team, client: adres('5', '1011 AB') }),
      schuldeiser: { type: 'waternet', naam: 'Waternet' },
      soort: 'waterafsluiting',
      afsluitDatum: plusDagen(vandaag, 10),
    });
    expect(water).toMatchObject({ status: 201, body: { bestaand: false } });
    expect((await verzoek('GET', `/v1/meldingen/${laat.body.id}`)).body.signalen[0]).toMatchObject({ teLaatGemeld: true, crisis: true });
    expect((await verzoek('GET', `/v1/meldingen/${water.body.id}`)).body.crisis).toMatchObject({ soort: 'waterafsluiting' });
    await uiteindelijk(async () => {
      expect(adapters.notificaties.voor(laat.body.id)).toContain('crisissignaal');
      expect(adapters.notificaties.voor(water.body.id)).toContain('crisissignaal');
    });

    // The late one first in the werkvoorraad, above the other crisis.
    await uiteindelijk(async () => {
      const { body } = await verzoek('GET', `/v1/teams/${team}/taken`);
      expect(body.taken.map((t: { zaakId: string; prioriteit?: number }) => [t.zaakId, t.prioriteit])).toEqual([
        [laat.body.id, 200],
        [water.body.id, 100],
      ]);
    });

    // Per supplier, no personal data: the supplier's name and a count.
    const periode = `buurtteam=${team}&van=${plusDagen(vandaag, -7)}&tot=${vandaag}`;
    const rapportage = await uiteindelijk(async () => {
      const a = await verzoek('GET', `/v1/rapportage?${periode}`);
      expect(a.body.meldingen.aantal).toBe(2);
      return a.body;
    });
    expect(rapportage.meldingen).toMatchObject({
      crisis: { energieafsluiting: 1, waterafsluiting: 1 },
      teLaatGemeldeAfsluitsignalen: { Eneco: 1 },
    });
    const csv = await fetch(`${api.basis}/v1/rapportage?${periode}&formaat=csv`, { headers: { authorization: teamleider } });
    expect((await csv.text()).split('\r\n')).toEqual(
      expect.arrayContaining(['Afsluitsignalen te laat gemeld door: Eneco;1', 'Meldingen met crisissignaal: waterafsluiting;1']),
    );

    // DDAS: drinking water is its own signaalpartner, and the signal a crisis.
    const beheerder = await api.issuer.bearer('beheerder', [], { sub: 'beheer-01' });
    const ddas = await fetch(`${api.basis}/v1/rapportage/ddas?${periode}`, { headers: { authorization: beheerder } });
    const signalen = ((await ddas.json()) as any).leveringen[0].vroegsignalen;
    expect(signalen.find((v: { ID: string }) => v.ID === `${water.body.id}-s1`)).toMatchObject({
      crisissignaal: true,
      signaalpartner: { type: 'Water' },
    });
  });
});
