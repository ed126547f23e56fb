import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht, plusDagen } from '../common/kalender';
import { bezwaartermijn } from '../common/termijnen';
import { termijnWorkflowId } from '../common/workflowIds';
import { uiteindelijk } from './helpers/afwijzing';
import type { DraaiendeApi } from './helpers/api';
import { apiPerBestand } from './helpers/apiOmgeving';
import { opnemendeAdapters } from './helpers/fakes';
import { testBsn } from './helpers/invoer';

/**
 * Mehmet's case (werkkader §2.8.5) end to end: HTTP API with real signed tokens -> the real Temporal
 * dev server -> worker. A student with debts comes to the inloop; he misses the appointment to
 * discuss his situation, the team reaches out and goes to his home; the schuldhulpverlener takes the
 * regie (§4.1.4), budgetbeheer and his own appointment with the huisarts, the Kredietbank's minnelijk
 * traject, schuldenrust and nazorg. The time-based hold of the intake norms during outreach is
 * proven on the time-skipping server (test/contactlog.test.ts); here the tasks and status show it.
 */
describe("Mehmet's case through the API against the real dev server", () => {
  let env: TestWorkflowEnvironment;
  let api: DraaiendeApi;
  const adapters = opnemendeAdapters();
  const team = 'slotervaart';
  const vandaag = amsterdamDatum(new Date());
  // The buurtteammedewerker of the inloop, the schuldhulpverlener, and the teamleider who decides.
  const mdw = 'mdw-0235';
  const shv = 'shv-0235';
  const tl = 'tl-0235';
  let medewerker: string;
  let teamleider: string;

  const verzoek = apiPerBestand(
    async (draaiend) => {
      ({ env, api } = draaiend);
      medewerker = await api.issuer.bearer('medewerker', [team], { sub: mdw });
      teamleider = await api.issuer.bearer(['medewerker', 'teamleider'], [team], { sub: tl });
    },
    { adapters },
  );
  /** The case's entry in the team's werkvoorraad once the read model shows `verwacht` (undefined: not listed). */
  const werkvoorraadregel = (zaakId: string, verwacht: (regel: any) => void, query = '') =>
    uiteindelijk(async () => {
      const { status, body } = await verzoek(medewerker, 'GET', `/v1/teams/${team}/taken?limiet=200${query}`);
      expect(status).toBe(200);
      const regel = body.taken.find((t: { zaakId: string }) => t.zaakId === zaakId);
      verwacht(regel);
      return regel;
    });

  it('follows Mehmet from the inloop through outreach, regie, plan, verwijzingen and the Kredietbank to nazorg, without a term missed', async () => {
    // Every contact happened earlier today, in this order (never before the aanmelding's day).
    const nu = Date.now();
    const begin = Math.max(nu - 30 * 60_000, amsterdamMiddernacht(vandaag).getTime() + 1000);
    const moment = (stap: number) => new Date(begin + ((nu - begin) * stap) / 10).toISOString();

    // He comes to the inloopspreekuur; the medewerker registers his aanmelding (consent to record, not to share).
    const aangemeld = await verzoek(medewerker, 'POST', '/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      buurtteam: team,
      regievoerder: mdw,
      client: { bsn: testBsn(2358), naam: 'Mehmet' },
      toestemming: { vastleggen: true, delen: false },
    });
    expect(aangemeld.status).toBe(201);
    const id: string = aangemeld.body.id;
    const pad = `/v1/trajecten/${id}`;
    const stap = (token: string, deel: string, body: unknown) => verzoek(token, 'POST', `${pad}/${deel}`, body);
    expect((await verzoek(medewerker, 'GET', pad)).body).toMatchObject({
      fase: 'intake',
      regievoerder: mdw,
      client: { naam: 'Mehmet' },
      openTaken: ['intake-plannen'],
    });
    expect(await werkvoorraadregel(id, (r) => expect(r?.openTaken).toEqual(['intake-plannen']))).toMatchObject({
      soort: 'schuldhulpTraject',
      fase: 'intake',
      regievoerder: mdw,
      wie: { naam: 'Mehmet' },
    });

    // With a schuldhulpverlener the situation is mapped; an appointment is made to discuss it.
    const afspraak = moment(1);
    expect((await stap(medewerker, 'intake', { actie: 'gepland', tijdstip: afspraak })).body.openTaken).toEqual(['intake-houden']);
    await stap(medewerker, 'contacten', { soort: 'afspraak', uitkomst: 'gepland', tijdstip: afspraak });

    // He does not come. The team worries and reaches out: the werkvoorraad shows the outreach, and
    // Amsterdam's intake norms wait for it (werkkader §2.8.5).
    const noShow = await stap(medewerker, 'contacten', { soort: 'afspraak', uitkomst: 'niet-verschenen', tijdstip: afspraak });
    expect(noShow).toMatchObject({ status: 200, body: { openTaken: ['intake-houden', 'outreach-na-no-show'] } });
    await werkvoorraadregel(id, (r) => expect(r?.openTaken).toEqual(['intake-houden', 'outreach-na-no-show']), '&taak=outreach-na-no-show');
    const gebeld = await stap(medewerker, 'contacten', { soort: 'telefoon', uitkomst: 'niet-bereikt', tijdstip: moment(2) });
    expect(gebeld.body.openTaken).toEqual(['intake-houden', 'outreach-na-no-show']);
    expect(gebeld.body.contacten).toHaveLength(3);

    // After vain contact the team goes to his home and reaches him: the outreach ends.
    const bezoek = moment(3);
    const thuis = await stap(medewerker, 'contacten', { soort: 'huisbezoek', uitkomst: 'bereikt', tijdstip: bezoek });
    expect(thuis.body.openTaken).toEqual(['intake-houden']);
    expect(thuis.body.contacten.map((c: any) => `${c.soort}:${c.uitkomst}:${c.door}`)).toEqual([
      `afspraak:gepland:${mdw}`,
      `afspraak:niet-verschenen:${mdw}`,
      `telefoon:niet-bereikt:${mdw}`,
      `huisbezoek:bereikt:${mdw}`,
    ]);
    await werkvoorraadregel(id, (r) => expect(r).toBeUndefined(), '&taak=outreach-na-no-show');

    // The debts have grown; at his home they make new agreements: the intake is held there.
    const intake = await stap(medewerker, 'intake', { actie: 'gehouden', tijdstip: bezoek });
    expect(intake).toMatchObject({
      status: 200,
      body: { intake: { gehouden: bezoek, gehoudenDoor: mdw }, openTaken: ['ondersteuningsplan-opstellen'] },
    });

    // Aligned with the schuldhulpverlener at once: the debts dominate, so the teamleider hands the
    // regie to the schuldhulpverlener, warm, with the overdrachtsgesprek (werkkader §4.1.4).
    const regie = { regievoerder: shv, rol: 'schuldhulpverlener', reden: 'schulden-dominant', overdrachtsgesprek: vandaag };
    expect((await stap(medewerker, 'regie', regie)).status).toBe(403);
    const overgedragen = await stap(teamleider, 'regie', regie);
    expect(overgedragen).toMatchObject({
      status: 200,
      body: {
        regievoerder: shv,
        regie: {
          regievoerder: shv,
          rol: 'schuldhulpverlener',
          buurtteam: team,
          historie: [{ van: mdw, naar: shv, rol: 'schuldhulpverlener', reden: 'schulden-dominant', overdrachtsgesprek: vandaag, door: tl }],
        },
      },
    });
    await werkvoorraadregel(id, (r) => expect(r?.openTaken).toEqual(['ondersteuningsplan-opstellen']), `&regievoerder=${shv}`);

    // The ondersteuningsplan, agreed with him: overview and finishing his studies; he makes the
    // huisarts appointment himself, the Kredietbank takes the aanmelding, the medewerker budgetbeheer.
    const evaluatieDatum = plusDagen(vandaag, 42);
    const plan = {
      versie: 1,
      vastgesteld: vandaag,
      doelen: ['overzicht in inkomsten en uitgaven', 'studie afmaken'],
      acties: [
        { wat: 'afspraak bij de huisarts maken voor een verwijzing naar behandeling', wie: 'client', uiterlijk: plusDagen(vandaag, 14) },
        { wat: 'aanmelding schuldregeling', wie: 'partner', organisatie: 'Kredietbank Amsterdam', uiterlijk: plusDagen(vandaag, 28) },
        { wat: 'budgetbeheer aanvragen', wie: 'medewerker', uiterlijk: plusDagen(vandaag, 7) },
      ],
      evaluatieDatum,
    };
    const vastgesteld = await stap(medewerker, 'ondersteuningsplan', plan);
    expect(vastgesteld).toMatchObject({ status: 200, body: { openTaken: ['beschikking-afgeven'] } });
    expect(vastgesteld.body.ondersteuningsplan.versies).toEqual([{ ...plan, door: mdw }]);

    // Stabilisatie: budgetbeheer, agreed with him and handed over warmly, so it gets no worse.
    expect((await stap(medewerker, 'fase', { naar: 'stabilisatie' })).body).toMatchObject({ fase: 'stabilisatie' });
    const budgetbeheer = { soort: 'budgetbeheer', ontvanger: 'Kredietbank Amsterdam', datum: vandaag, warm: true };
    const verwezen = await stap(medewerker, 'verwijzingen', budgetbeheer);
    expect(verwezen).toMatchObject({
      status: 200,
      body: {
        inkomensbeheer: { vorm: 'budgetbeheer', datum: vandaag },
        verwijzingen: {
          lijst: [{ ...budgetbeheer, verwijzingId: `budgetbeheer-${vandaag}`, opvolgenUiterlijk: plusDagen(vandaag, 28), door: mdw }],
        },
      },
    });
    // He makes the huisarts appointment himself: a referral the team records, not a warm hand-over.
    const huisarts = { soort: 'huisarts', ontvanger: 'Huisarts', datum: vandaag, warm: false };
    expect((await stap(medewerker, 'verwijzingen', huisarts)).body.verwijzingen.lijst).toHaveLength(2);
    await stap(medewerker, `verwijzingen/budgetbeheer-${vandaag}/uitkomst`, { uitkomst: 'geaccepteerd', datum: vandaag });
    await stap(medewerker, `verwijzingen/budgetbeheer-${vandaag}/uitkomst`, { uitkomst: 'gestart', datum: vandaag });
    const behandeling = await stap(medewerker, `verwijzingen/huisarts-${vandaag}/uitkomst`, { uitkomst: 'gestart', datum: vandaag });
    expect(behandeling.body.verwijzingen.lijst.map((v: any) => [v.soort, v.warm, v.uitkomsten.map((u: any) => u.uitkomst)])).toEqual([
      ['budgetbeheer', true, ['geaccepteerd', 'gestart']],
      ['huisarts', false, ['gestart']],
    ]);
    expect(behandeling.body.openTaken).toEqual(['beschikking-afgeven']);
    await werkvoorraadregel(id, (r) => expect(r).toMatchObject({ fase: 'stabilisatie', openTaken: ['beschikking-afgeven'] }));

    // The beschikking, with four eyes: not the regievoerder, not who held the intake, but another teamleider.
    const beschikking = { datum: vandaag, besluit: 'toegekend' };
    const alsRegievoerder = await api.issuer.bearer(['medewerker', 'teamleider'], [team], { sub: shv });
    const alsIntaker = await api.issuer.bearer(['medewerker', 'teamleider'], [team], { sub: mdw });
    expect(await stap(alsRegievoerder, 'beschikking', beschikking)).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/^vier ogen: de regievoerder/) },
    });
    expect(await stap(alsIntaker, 'beschikking', beschikking)).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/^vier ogen: wie de intake hield/) },
    });
    const besloten = await stap(teamleider, 'beschikking', beschikking);
    expect(besloten).toMatchObject({ status: 200, body: { beschikking: { ...beschikking, door: tl }, openTaken: [] } });
    // Awb 6:7: six weeks of bezwaar from the day after it was made known.
    expect(besloten.body.bezwaartermijn).toEqual(bezwaartermijn(vandaag));
    expect(besloten.body.bezwaartermijn.einddatum >= plusDagen(vandaag, 42)).toBe(true);
    // Decided within its term: the term child ends, nothing overdue.
    expect(await env.client.workflow.getHandle(termijnWorkflowId(id)).result()).toEqual({
      uitkomst: 'afgegeven',
      beschikking: { ...beschikking, door: tl },
      overschreden: false,
    });
    expect(besloten.body.termijn.einddatum > beschikking.datum).toBe(true);
    // Without open tasks he leaves the werkvoorraad; the teamleider's overzicht still counts him with his regievoerder.
    await werkvoorraadregel(id, (r) => expect(r).toBeUndefined());
    await uiteindelijk(async () => {
      const { body } = await verzoek(teamleider, 'GET', `/v1/teams/${team}/overzicht`);
      expect(body.perFase).toEqual({ stabilisatie: 1 });
      expect(body.perRegievoerder).toEqual({ [shv]: 1 });
      expect(body.termijnenOverschreden).toEqual([]);
      expect(body.termijnenInGevaar).toEqual([]);
    });

    // The schuldentraject runs at the Kredietbank: a minnelijke regeling.
    const schuldregeling = await stap(medewerker, 'fase', { naar: 'schuldregeling', route: 'minnelijk' });
    expect(schuldregeling).toMatchObject({ status: 200, body: { fase: 'schuldregeling', route: 'minnelijk', openTaken: [] } });

    // It goes better and better: schuldenrust. The plan is evaluated and rounded off; nazorg follows.
    const evaluatie = await stap(medewerker, 'evaluaties', { datum: vandaag, uitkomst: 'afronden', toelichting: 'schuldenrust' });
    expect(evaluatie.body.ondersteuningsplan.evaluaties).toMatchObject([{ versie: 1, uitkomst: 'afronden' }]);
    const nazorg = await stap(medewerker, 'fase', { naar: 'nazorg' });
    expect(nazorg).toMatchObject({ status: 200, body: { fase: 'nazorg', openTaken: ['nazorgcontact'] } });
    await werkvoorraadregel(id, (r) => expect(r).toMatchObject({ fase: 'nazorg', regievoerder: shv }), '&taak=nazorgcontact');

    // The traject does not close before the team kept its finger on the pulse.
    const afsluiten = { naar: 'afgesloten', reden: 'schuldenrust, studie wordt afgerond', uitstroom: 'doelen-bereikt' };
    expect(await stap(medewerker, 'fase', afsluiten)).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining('nazorgcontact') },
    });
    const gebeldInNazorg = await stap(medewerker, 'nazorgcontacten', { datum: vandaag, soort: 'telefoon' });
    expect(gebeldInNazorg).toMatchObject({
      status: 200,
      body: { nazorgContacten: [{ datum: vandaag, soort: 'telefoon' }], openTaken: [] },
    });

    // Closed with its uitstroomkenmerk; without one it is refused at that field.
    const { uitstroom: _, ...zonderUitstroom } = afsluiten;
    expect(await stap(medewerker, 'fase', zonderUitstroom)).toMatchObject({ status: 400, body: { velden: [{ pad: 'uitstroom' }] } });
    const afgesloten = await stap(medewerker, 'fase', afsluiten);
    expect(afgesloten).toMatchObject({
      status: 200,
      body: { fase: 'afgesloten', uitstroom: { reden: 'doelen-bereikt', datum: vandaag, door: mdw }, openTaken: [] },
    });
    expect(afgesloten.body.faseHistorie.map((f: any) => f.route ?? f.fase)).toEqual([
      'intake',
      'stabilisatie',
      'minnelijk',
      'nazorg',
      'afgesloten',
    ]);
    expect(await env.client.workflow.getHandle(id).result()).toMatchObject({ fase: 'afgesloten', uitstroom: { reden: 'doelen-bereikt' } });
    await werkvoorraadregel(id, (r) => expect(r).toBeUndefined());

    // No alert of a term missed, no reminder at all: every step came in time.
    expect(adapters.notificaties.voor(id)).toEqual([]);
    // Without consent to share, only the gemeente's besluit went to the zaaksysteem, without his name.
    const registraties = adapters.registratie.voor(id);
    expect(registraties.map((r) => r.gebeurtenis)).toEqual(['beschikking']);
    expect(JSON.stringify(registraties)).not.toContain('Mehmet');
  });
});
