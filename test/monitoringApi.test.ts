import { beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import type { DraaiendeApi } from './helpers/api';
import { apiPerBestand, geslaagd } from './helpers/apiOmgeving';
import { planVersie, testBsn } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';

/**
 * The monitorgegevens of werkkader ch. 5 end to end against the real dev server: complaints
 * registered and settled through the API, and the rapportage's flows, waiting times and complaint
 * figures computed from real trajecten (open ones by their status, a closed one by its result).
 */
describe('monitoring: klachten and the monitorgegevens in the rapportage', () => {
  let api: DraaiendeApi;
  let teamleider: string;
  let mdw: string;
  const team = 'monitor-zuid';
  const vandaag = amsterdamDatum(new Date());
  const periode = `van=${plusDagen(vandaag, -30)}&tot=${vandaag}`;
  const klachten = {} as Record<'afgedaan' | 'open' | 'oud', string>;

  const verzoek = apiPerBestand(
    (draaiend) => {
      ({ api } = draaiend);
    },
    { server: devServerOmgeving },
  );
  const ok = geslaagd(verzoek);

  beforeAll(async () => {
    teamleider = await api.issuer.bearer('teamleider', [team], { sub: 'tl-monitor' });
    mdw = await api.issuer.bearer('medewerker', [team], { sub: 'mdw-monitor' });
    const aanmelding = async (n: number, dagenGeleden: number) =>
      (
        await ok(mdw, 'POST', '/v1/aanmeldingen', {
          aanmeldDatum: plusDagen(vandaag, -dagenGeleden),
          toestemming: { vastleggen: true, delen: false },
          buurtteam: team,
          regievoerder: 'mdw-monitor',
          client: { bsn: testBsn(800 + n), naam: `Client ${n}` },
        })
      ).id as string;
    const intakeGehouden = (id: string) =>
      ok(mdw, 'POST', `/v1/trajecten/${id}/intake`, { actie: 'gehouden', tijdstip: new Date(Date.now() - 3600_000).toISOString() });

    // Aangemeld 4 days ago, intake held today, ondersteuningsplan and beschikking today.
    const snel = await aanmelding(1, 4);
    await intakeGehouden(snel);
    await ok(mdw, 'POST', `/v1/trajecten/${snel}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)));
    await ok(teamleider, 'POST', `/v1/trajecten/${snel}/beschikking`, { datum: vandaag, besluit: 'toegekend' });
    // Aangemeld 40 days ago (before the period), intake held today: it waits for its plan.
    await intakeGehouden(await aanmelding(2, 40));
    // Aangemeld 6 days ago, still waiting for the intake.
    await aanmelding(3, 6);
    // Aangemeld 2 days ago and withdrawn again by the client.
    const ingetrokken = await aanmelding(4, 2);
    await ok(teamleider, 'POST', `/v1/trajecten/${ingetrokken}/fase`, {
      naar: 'afgesloten',
      reden: 'aanmelding ingetrokken',
      uitstroom: 'client-stopt',
    });

    const klacht = async (aard: string, dagenGeleden: number) =>
      (await ok(teamleider, 'POST', `/v1/teams/${team}/klachten`, { aard, ontvangen: plusDagen(vandaag, -dagenGeleden) }))
        .klachtId as string;
    klachten.afgedaan = await klacht('bejegening', 10);
    await ok(teamleider, 'POST', `/v1/teams/${team}/klachten/${klachten.afgedaan}/afdoening`, {
      wijze: 'opgelost-in-gesprek',
      datum: plusDagen(vandaag, -3),
    });
    klachten.open = await klacht('bereikbaarheid', 5);
    // Received before the period and still open: not received in it, but open at its end.
    klachten.oud = await klacht('besluit', 45);
  }, 120_000);

  it('registers a complaint once per Idempotency-Key, settles it once, and refuses what does not fit', async () => {
    const pad = `/v1/teams/${team}/klachten`;
    const invoer = { aard: 'privacy', ontvangen: vandaag };
    const eerste = await verzoek(teamleider, 'POST', pad, invoer, { 'idempotency-key': 'klacht-1' });
    expect(eerste).toMatchObject({ status: 201, body: { aard: 'privacy', ontvangen: vandaag, door: 'tl-monitor' } });
    const nogmaals = await verzoek(teamleider, 'POST', pad, invoer, { 'idempotency-key': 'klacht-1' });
    expect(nogmaals.body.klachtId).toBe(eerste.body.klachtId);
    const { body: lijst } = await verzoek(teamleider, 'GET', `${pad}?jaar=${vandaag.slice(0, 4)}`);
    expect(lijst.klachten.filter((k: { klachtId: string }) => k.klachtId === eerste.body.klachtId)).toHaveLength(1);

    // No free text, nothing about who complained; no complaint from the future; codes only.
    expect(await verzoek(teamleider, 'POST', pad, { ...invoer, toelichting: 'mevrouw X was boos' })).toMatchObject({ status: 400 });
    expect(await verzoek(teamleider, 'POST', pad, { ...invoer, ontvangen: plusDagen(vandaag, 1) })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'ontvangen', melding: 'datum kan niet in de toekomst liggen' }] },
    });
    expect((await verzoek(teamleider, 'POST', pad, { ...invoer, aard: 'boos' })).status).toBe(400);

    const afdoening = `${pad}/${eerste.body.klachtId}/afdoening`;
    expect(await verzoek(teamleider, 'POST', afdoening, { wijze: 'gegrond', datum: plusDagen(vandaag, -1) })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'datum' }] },
    });
    expect(await verzoek(teamleider, 'POST', afdoening, { wijze: 'gegrond', datum: vandaag })).toMatchObject({
      status: 200,
      body: { afdoening: { wijze: 'gegrond', datum: vandaag, door: 'tl-monitor' } },
    });
    // The same again is safe; another settlement is refused.
    expect((await verzoek(teamleider, 'POST', afdoening, { wijze: 'gegrond', datum: vandaag })).status).toBe(200);
    expect(await verzoek(teamleider, 'POST', afdoening, { wijze: 'ongegrond', datum: vandaag })).toMatchObject({
      status: 409,
      body: { fout: `de klacht is al afgedaan (gegrond op ${vandaag})` },
    });
    expect(
      (await verzoek(teamleider, 'POST', `${pad}/${vandaag.slice(0, 4)}-00000000/afdoening`, { wijze: 'gegrond', datum: vandaag })).status,
    ).toBe(404);
  });

  it("lets only the team's teamleiders register and settle complaints; beheerders may read them", async () => {
    const pad = `/v1/teams/${team}/klachten`;
    const andereTeamleider = await api.issuer.bearer('teamleider', ['monitor-west']);
    const beheerder = await api.issuer.bearer('beheerder', []);
    expect((await verzoek(mdw, 'POST', pad, { aard: 'overig', ontvangen: vandaag })).status).toBe(403);
    expect((await verzoek(mdw, 'GET', pad)).status).toBe(403);
    expect(await verzoek(andereTeamleider, 'POST', pad, { aard: 'overig', ontvangen: vandaag })).toMatchObject({
      status: 403,
      body: { fout: `u bent geen teamleider van buurtteam ${team}` },
    });
    expect((await verzoek(beheerder, 'POST', pad, { aard: 'overig', ontvangen: vandaag })).status).toBe(403);
    expect((await verzoek(beheerder, 'GET', pad)).status).toBe(200);
  });

  it('reports flows with uitstroomkenmerk, waiting times per step and complaints by aard and afdoening', async () => {
    const { body } = await uiteindelijk(async () => {
      const a = await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&${periode}`);
      expect(a.status, a.tekst).toBe(200);
      // Visibility is eventually consistent: wait until every traject and complaint shows.
      expect(a.body.monitoring.stromen.instroom + a.body.monitoring.stromen.doorstroom).toBe(6);
      expect(a.body.monitoring.klachten.open).toHaveLength(2);
      return a;
    }, 30_000);
    const m = body.monitoring;
    expect(m.stand).toBe(vandaag);
    expect(m.stromen).toMatchObject({
      instroom: 3,
      doorstroom: 3,
      uitstroom: 1,
      uitstroomPerReden: { onbekend: 0, 'client-stopt': 1, 'doelen-bereikt': 0 },
      metOndersteuningsplan: { instroom: 1, doorstroom: 1, uitstroom: 0 },
    });
    expect(m.wachttijden).toEqual([
      {
        stap: 'intake',
        na: 'aanmelding',
        bereikt: 2,
        dagen: { aantal: 2, mediaan: 22, p90: 40 },
        dagenSindsAanmelding: { aantal: 2, mediaan: 22, p90: 40 },
        wachtend: { aantal: 1, mediaan: 6, p90: 6, langste: 6 },
      },
      {
        stap: 'ondersteuningsplan',
        na: 'intake',
        bereikt: 1,
        dagen: { aantal: 1, mediaan: 0, p90: 0 },
        dagenSindsAanmelding: { aantal: 1, mediaan: 4, p90: 4 },
        wachtend: { aantal: 1, mediaan: 0, p90: 0, langste: 0 },
      },
      {
        stap: 'beschikking',
        na: 'ondersteuningsplan',
        bereikt: 1,
        dagen: { aantal: 1, mediaan: 0, p90: 0 },
        dagenSindsAanmelding: { aantal: 1, mediaan: 4, p90: 4 },
        wachtend: { aantal: 0, mediaan: null, p90: null, langste: null },
      },
    ]);
    // With the privacy complaint of the first test, received and settled (gegrond) today.
    expect(m.klachten).toEqual({
      ontvangen: 3,
      perAard: {
        bejegening: 1,
        bereikbaarheid: 1,
        deskundigheid: 0,
        'afspraken-niet-nagekomen': 0,
        besluit: 0,
        privacy: 1,
        overig: 0,
      },
      afgedaan: 2,
      perAfdoening: {
        'opgelost-in-gesprek': 1,
        gegrond: 1,
        ongegrond: 0,
        ingetrokken: 0,
        'doorverwezen-klachtenregeling-sociaal-domein': 0,
      },
      doorlooptijd: { aantal: 2, mediaan: 3.5, p90: 7 },
      // Oldest first; the one received before the period is still open at its end.
      open: [
        { klachtId: klachten.oud, aard: 'besluit', ontvangen: plusDagen(vandaag, -45), dagenOpen: 45 },
        { klachtId: klachten.open, aard: 'bereikbaarheid', ontvangen: plusDagen(vandaag, -5), dagenOpen: 5 },
      ],
    });
    expect(JSON.stringify(m)).not.toContain('Client');

    const csv = (await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&${periode}&formaat=csv`)).tekst.split('\r\n');
    expect(csv).toEqual(
      expect.arrayContaining([
        `Stand per;${vandaag}`,
        'Uitstroomkenmerk: client-stopt;1',
        'Aanmelding tot intake: dagen mediaan;22',
        'Aanmelding tot intake: dagen 90e percentiel;40',
        'Intake tot ondersteuningsplan: wachtend;1',
        'Klachten over: bejegening;1',
        'Klachten afgedaan: opgelost-in-gesprek;1',
        'Klachten open langste dagen;45',
      ]),
    );
  });
});
