import { describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { apiPerBestand } from './helpers/apiOmgeving';
import { testBsn } from './helpers/invoer';

/** Verwijzingen and the kindcheck through the HTTP API, on the real dev server with a worker. */
describe('verwijzingen through the HTTP API', () => {
  let medewerker: string;
  const vandaag = amsterdamDatum(new Date());

  const verzoekAls = apiPerBestand(
    async ({ api }) => {
      medewerker = await api.issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0077' });
    },
    // VERWIJZING_OPVOLGEN_WEKEN=3 as configured: the API hands it to the workflow with each verwijzing.
    { opties: { verwijzingOpvolgenWeken: 3 } },
  );
  const verzoek = (pad: string, body: unknown, headers?: Record<string, string>) => verzoekAls(medewerker, 'POST', pad, body, headers);
  const velden = (body: { velden?: { pad: string }[] }) => (body.velden ?? []).map((v) => v.pad).sort();

  it('registers a warm hand-over and its outcome, idempotently, with Dutch errors at their field paths', async () => {
    const aanmelding = await verzoek('/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      buurtteam: 'noord',
      client: { bsn: testBsn(719), naam: 'V. Verwezen' },
      toestemming: { vastleggen: true, delen: false },
    });
    expect(aanmelding.status).toBe(201);
    const pad = `/v1/trajecten/${aanmelding.body.id}`;

    const okt = { soort: 'okt', ontvanger: 'OKT Noord', datum: vandaag, warm: true };
    const eerste = await verzoek(`${pad}/verwijzingen`, okt);
    expect(eerste.status).toBe(200);
    expect(eerste.body.verwijzingen.lijst).toMatchObject([
      { verwijzingId: `okt-${vandaag}`, soort: 'okt', warm: true, opvolgenUiterlijk: plusDagen(vandaag, 21), door: 'mdw-0077' },
    ]);
    expect((await verzoek(`${pad}/verwijzingen`, okt)).body.verwijzingen.lijst).toHaveLength(1);
    expect(await verzoek(`${pad}/verwijzingen`, { ...okt, ontvanger: 'OKT Oost' })).toMatchObject({
      status: 409,
      body: { detail: `er is al een verwijzing okt-${vandaag} met andere gegevens` },
    });
    const slecht = await verzoek(`${pad}/verwijzingen`, { soort: 'tandarts', ontvanger: ' ', datum: 'gisteren', warm: 'ja' });
    expect(slecht.status).toBe(400);
    expect(velden(slecht.body)).toEqual(['datum', 'ontvanger', 'soort', 'warm']);

    const uitkomst = `${pad}/verwijzingen/okt-${vandaag}/uitkomst`;
    const geaccepteerd = await verzoek(uitkomst, { uitkomst: 'geaccepteerd', datum: vandaag }, { 'idempotency-key': 'okt-noord-1' });
    expect(geaccepteerd.status).toBe(200);
    expect(geaccepteerd.body.verwijzingen.lijst[0].uitkomsten).toMatchObject([{ uitkomst: 'geaccepteerd', datum: vandaag }]);
    const nogmaals = await verzoek(uitkomst, { uitkomst: 'geaccepteerd', datum: vandaag }, { 'idempotency-key': 'okt-noord-1' });
    expect(nogmaals.body.verwijzingen.lijst[0].uitkomsten).toHaveLength(1);
    expect(await verzoek(uitkomst, { uitkomst: 'geweigerd', datum: vandaag })).toMatchObject({
      status: 409,
      body: { detail: 'na geaccepteerd volgt gestart of niet-gestart' },
    });
    expect(await verzoek(`${pad}/verwijzingen/onbekend/uitkomst`, { uitkomst: 'gestart', datum: vandaag })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'verwijzingId', melding: 'onbekende verwijzing in dit traject' }] },
    });
    const kapotId = await verzoek(`${pad}/verwijzingen/OKT!/uitkomst`, { uitkomst: 'misschien', datum: vandaag });
    expect(velden(kapotId.body)).toEqual(['uitkomst', 'verwijzingId']);
  });

  it('keeps the kindcheck open for a household with minor children until its outcome', async () => {
    const aanmelding = await verzoek('/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      buurtteam: 'noord',
      client: { bsn: testBsn(720), naam: 'K. Kinderen' },
      toestemming: { vastleggen: true, delen: false },
    });
    const pad = `/v1/trajecten/${aanmelding.body.id}/kindcheck`;
    expect(await verzoek(pad, { minderjarigeKinderen: false, datum: vandaag, uitkomst: 'geen-ondersteuning-nodig' })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'uitkomst', melding: 'een kindcheck hoort bij een huishouden met minderjarige kinderen' }] },
    });
    expect((await verzoek(pad, { minderjarigeKinderen: true, datum: vandaag })).body.openTaken).toContain('kindcheck');
    const klaar = await verzoek(pad, { minderjarigeKinderen: true, datum: vandaag, uitkomst: 'okt-al-betrokken' });
    expect(klaar.status).toBe(200);
    expect(klaar.body.openTaken).not.toContain('kindcheck');
  });
});
