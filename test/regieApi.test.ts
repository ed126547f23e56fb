import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { BUURTTEAM } from '../common/searchAttributes';
import { termijnWorkflowId } from '../common/workflowIds';
import { uiteindelijk } from './helpers/afwijzing';
import { apiPerBestand } from './helpers/apiOmgeving';
import { testBsn } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';
import type { TestIssuer } from './helpers/tokens';

/** Regie and the contactlog through the API, end to end against the real dev server with real tokens. */
describe('regie and contactlog of a traject through the API', () => {
  let env: TestWorkflowEnvironment;
  let issuer: TestIssuer;
  const vandaag = amsterdamDatum(new Date());

  const verzoek = apiPerBestand(
    async (draaiend) => {
      ({ env } = draaiend);
      issuer = draaiend.api.issuer;
      await draaiend.api.werkvoorraad.gereed();
    },
    { server: devServerOmgeving },
  );

  it('lets only a teamleider change the regie, and moves a traject to another team with its werkvoorraad entry and access', async () => {
    const mdwNoord = await issuer.bearer('medewerker', ['noord'], { sub: 'mdw-1101' });
    const tlNoord = await issuer.bearer(['medewerker', 'teamleider'], ['noord'], { sub: 'tl-1101' });
    const mdwOost = await issuer.bearer('medewerker', ['oost'], { sub: 'mdw-1201' });
    const tlOost = await issuer.bearer(['medewerker', 'teamleider'], ['oost'], { sub: 'tl-1201' });
    const persoon = { client: { bsn: testBsn(1101), naam: 'M' }, toestemming: { vastleggen: true, delen: false } };
    const { id } = (
      await verzoek(mdwNoord, 'POST', '/v1/aanmeldingen', {
        ...persoon,
        aanmeldDatum: vandaag,
        buurtteam: 'noord',
        regievoerder: 'mdw-1101',
      })
    ).body;
    const inWerkvoorraad = async (als: string, team: string) =>
      ((await verzoek(als, 'GET', `/v1/teams/${team}/taken?limiet=200`)).body.taken as { zaakId: string }[]).some((t) => t.zaakId === id);
    await uiteindelijk(async () => expect(await inWerkvoorraad(tlNoord, 'noord')).toBe(true));

    const overdracht = { regievoerder: 'mdw-1201', rol: 'buurtteam-medewerker', reden: 'keuze-amsterdammer', buurtteam: 'oost' };
    expect(await verzoek(mdwNoord, 'POST', `/v1/trajecten/${id}/regie`, { ...overdracht, overdrachtsgesprek: vandaag })).toMatchObject({
      status: 403,
    });
    expect(await verzoek(tlNoord, 'POST', `/v1/trajecten/${id}/regie`, overdracht)).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'overdrachtsgesprek', melding: 'een warme overdracht vraagt de datum van het overdrachtsgesprek' }] },
    });
    expect(
      await verzoek(tlNoord, 'POST', `/v1/trajecten/${id}/regie`, {
        ...overdracht,
        reden: 'schulden-dominant',
        overdrachtsgesprek: vandaag,
      }),
    ).toMatchObject({ status: 400, body: { velden: [{ pad: 'rol' }] } });
    // The other team's teamleider cannot take the traject: for them it does not exist.
    expect((await verzoek(tlOost, 'POST', `/v1/trajecten/${id}/regie`, { ...overdracht, overdrachtsgesprek: vandaag })).status).toBe(404);

    const verplaatst = await verzoek(tlNoord, 'POST', `/v1/trajecten/${id}/regie`, { ...overdracht, overdrachtsgesprek: vandaag });
    // Who handed it over sees no personal data of it any more.
    expect(verplaatst).toMatchObject({ status: 200, body: { buurtteam: 'oost', regievoerder: 'mdw-1201' } });
    expect(verplaatst.body.client).toBeUndefined();

    // The werkvoorraad entry moves, and access with it: the old team loses it, the new team has it.
    await uiteindelijk(async () => {
      expect(await inWerkvoorraad(tlOost, 'oost')).toBe(true);
      expect(await inWerkvoorraad(tlNoord, 'noord')).toBe(false);
    });
    expect((await verzoek(mdwNoord, 'GET', `/v1/trajecten/${id}`)).status).toBe(404);
    expect(
      (
        await verzoek(mdwNoord, 'POST', `/v1/trajecten/${id}/contacten`, {
          soort: 'brief',
          uitkomst: 'verstuurd',
          tijdstip: new Date().toISOString(),
        })
      ).status,
    ).toBe(404);
    expect(await verzoek(mdwOost, 'GET', `/v1/trajecten/${id}`)).toMatchObject({ status: 200, body: { client: { naam: 'M' } } });
    const termijn = await env.client.workflow.getHandle(termijnWorkflowId(id)).describe();
    expect(termijn.typedSearchAttributes.get(BUURTTEAM)).toBe('oost');

    // The person's lock names the new team: a second aanmelding tells the new team which traject, the old one only that there is one.
    const tweede = { ...persoon, aanmeldDatum: vandaag };
    expect(await verzoek(mdwOost, 'POST', '/v1/aanmeldingen', { ...tweede, buurtteam: 'oost' })).toMatchObject({
      status: 409,
      body: { trajectId: id },
    });
    const elders = await verzoek(mdwNoord, 'POST', '/v1/aanmeldingen', { ...tweede, buurtteam: 'noord' });
    expect(elders.status).toBe(409);
    expect(JSON.stringify(elders.body)).not.toContain(id);

    // Four eyes read the current regievoerder: the new one may not register the beschikking, the first one could have.
    const tlAlsRegievoerder = await issuer.bearer(['medewerker', 'teamleider'], ['oost'], { sub: 'mdw-1201' });
    await verzoek(mdwOost, 'POST', `/v1/trajecten/${id}/intake`, {
      actie: 'gehouden',
      tijdstip: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(
      await verzoek(tlAlsRegievoerder, 'POST', `/v1/trajecten/${id}/beschikking`, { datum: vandaag, besluit: 'toegekend' }),
    ).toMatchObject({
      status: 403,
      body: { fout: expect.stringMatching(/^vier ogen: de regievoerder/) },
    });
  });

  it('records contacts with Dutch errors at their field paths, and shows outreach after a no-show in the werkvoorraad', async () => {
    const mdw = await issuer.bearer('medewerker', ['west'], { sub: 'mdw-1301' });
    const operator = await issuer.bearer('operator', [], { sub: 'ops-1301' });
    const { id } = (
      await verzoek(mdw, 'POST', '/v1/aanmeldingen', {
        client: { bsn: testBsn(1301), naam: 'N' },
        toestemming: { vastleggen: true, delen: false },
        aanmeldDatum: vandaag,
        buurtteam: 'west',
      })
    ).body;
    const tijdstip = new Date(Date.now() - 60_000).toISOString();
    expect(
      await verzoek(mdw, 'POST', `/v1/trajecten/${id}/contacten`, { soort: 'telefoon', uitkomst: 'nagekomen', tijdstip }),
    ).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'uitkomst', melding: 'bij telefoon kies uit: bereikt, niet-bereikt' }] },
    });
    const noShow = { soort: 'afspraak', uitkomst: 'niet-verschenen', tijdstip, notitie: 'niet gekomen, telefoon uit' };
    const s = await verzoek(mdw, 'POST', `/v1/trajecten/${id}/contacten`, noShow);
    expect(s).toMatchObject({ status: 200, body: { openTaken: ['intake-plannen', 'outreach-na-no-show'] } });
    expect(s.body.contacten).toEqual([expect.objectContaining({ ...noShow, door: 'mdw-1301' })]);
    await uiteindelijk(async () => {
      const { body } = await verzoek(mdw, 'GET', '/v1/teams/west/taken?taak=outreach-na-no-show');
      expect(body.taken.map((t: { zaakId: string }) => t.zaakId)).toContain(id);
    });
    // An operator sees the contacts without the note.
    const alsOperator = await verzoek(operator, 'GET', `/v1/trajecten/${id}`);
    expect(alsOperator.body.contacten).toEqual([{ soort: 'afspraak', uitkomst: 'niet-verschenen', tijdstip }]);
  });
});
