import { createHash, randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { meldAan, OpenTrajectElders, trajectIdVoor } from '../api/aanmelding';
import { meldingIdVoor } from '../api/signaalIntake';
import { huishoudSleutel, persoonSleutel, verzoekSleutel } from '../api/sleutels';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import type { Melding } from '../common/schemas';
import { signaalBron } from '../common/signaalBron';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { persoonsslot } from '../workflows/persoonsslot';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { uiteindelijk } from './helpers/afwijzing';
import { meldViaSlot } from './helpers/huishoudslot';
import { apiPerBestand, naVorigTraject } from './helpers/apiOmgeving';
import { opnemendeAdapters } from './helpers/fakes';
import { melding, testBsn } from './helpers/invoer';
import { huishoudmeldingId, huishoudslotId, persoonsslotId, trajectIdVoorMelding } from '../common/workflowIds';

/**
 * The intake's rule, end to end (HTTP -> real Temporal -> worker): every signal ends up in an open
 * case or is answered with why not; a household has one open melding at a time, and a melding is
 * handed over only to a traject that runs.
 */
describe('signal intake without lost signals', () => {
  let env: TestWorkflowEnvironment;
  let teamleider: string;
  const adapters = opnemendeAdapters();
  const geheim = randomBytes(32);
  const vandaag = amsterdamDatum(new Date());
  const verzoekAls = apiPerBestand(
    async (draaiend) => {
      ({ env } = draaiend);
      teamleider = await draaiend.api.issuer.bearer('teamleider', ['oost', 'west', 'noord'], { sub: 'tl-0017' });
    },
    // The concurrency test alone sends 200 signals within the minute.
    { adapters, opties: { persoonGeheim: geheim, verzoekenPerMinuut: 10_000 } },
  );
  const verzoek = (methode: string, pad: string, body?: unknown) => verzoekAls(teamleider, methode, pad, body);
  const adres = (huisnummer: string, postcode: string) => ({ naam: 'D. Dekker', adres: { straat: 'Javastraat', huisnummer, postcode } });

  it('opens a new melding for an eviction, then for a higher amount, after the arrears melding closed; the closed ones stay readable', async () => {
    const client = adres('17', '1094 HA');
    const huur = melding('YM-2026-7001', plusDagen(vandaag, -20), { buurtteam: 'oost', client });
    const eerste = await verzoek('POST', '/v1/meldingen', huur);
    expect(eerste).toMatchObject({ status: 201, body: { bestaand: false } });
    const x = eerste.body.id as string;
    // The household's melding: a keyed hash of the address (the API's secret), not the SHA-256 of creditor and referentie.
    expect(x).toMatch(/^melding-[0-9a-f]{32}$/);
    expect(x).toBe(huishoudmeldingId(huishoudSleutel(geheim, client.adres)));
    expect(x).not.toBe(huishoudmeldingId(huishoudSleutel(randomBytes(32), client.adres)));
    expect(x).not.toContain(createHash('sha256').update(signaalBron(huur)).digest('hex').slice(0, 24));
    await verzoek('POST', `/v1/meldingen/${x}/afsluiting`, { reden: 'schuld-voldaan' });

    // Weeks later the landlord announces the eviction on the same tenancy.
    const ontruiming: Melding = { ...huur, meldDatum: vandaag, soort: 'huisuitzetting', ontruimingsDatum: plusDagen(vandaag, 30) };
    const tweede = await verzoek('POST', '/v1/meldingen', ontruiming);
    expect(tweede).toMatchObject({ status: 201, body: { bestaand: false } });
    const y = tweede.body.id as string;
    // The household's next melding: an id of the signal's own.
    expect(y).toBe(meldingIdVoor(geheim, ontruiming));
    expect((await verzoek('GET', `/v1/meldingen/${y}`)).body).toMatchObject({ fase: 'bereiken', crisis: { soort: 'huisuitzetting' } });
    // Its own notifications under its own keys: the closed melding's keys are not reused.
    await uiteindelijk(async () =>
      expect(adapters.notificaties.voor(y)).toEqual(expect.arrayContaining(['huisbezoek-plannen', 'crisissignaal'])),
    );
    const sleutels = (id: string) => adapters.notificaties.ontvangen.filter((n) => n.zaakId === id).map((n) => n.idempotencyKey);
    expect(sleutels(y).every((k) => k.startsWith(`${y}:`))).toBe(true);
    expect(sleutels(y)).not.toEqual(expect.arrayContaining(sleutels(x)));
    expect((await verzoek('GET', `/v1/meldingen/${x}`)).body).toMatchObject({
      fase: 'afgesloten',
      afsluiting: { reden: 'schuld-voldaan' },
    });

    // Closed again. The first request once more (a retry) is the closed melding's signal: no new case.
    await verzoek('POST', `/v1/meldingen/${y}/afsluiting`, { eindresultaat: 'Niet opgepakt: andere reden' });
    expect(await verzoek('POST', '/v1/meldingen', huur)).toMatchObject({ status: 200, body: { id: x, bestaand: true } });
    // Then the arrears have grown.
    const hoger = { ...huur, meldDatum: vandaag, achterstand: { bedragCent: 412_000, maanden: 4 } };
    const derde = await verzoek('POST', '/v1/meldingen', hoger);
    expect(derde).toMatchObject({ status: 201, body: { bestaand: false } });
    expect([x, y]).not.toContain(derde.body.id);
    expect((await verzoek('GET', `/v1/meldingen/${derde.body.id}`)).body.achterstand).toEqual({ bedragCent: 412_000, maanden: 4 });
    expect(await verzoek('POST', '/v1/meldingen', hoger)).toMatchObject({ status: 200, body: { id: derde.body.id, bestaand: true } });
    expect((await verzoek('GET', `/v1/meldingen/${derde.body.id}`)).body.signalen).toHaveLength(1);
  });

  it('starts a new melding for a signal that arrives while the closed melding still waits for a refused notification', async () => {
    // Team west's notifications are refused, and the second channel is down: the melding's first
    // notification keeps its main function busy (retries for minutes), so it cannot tell its lock.
    adapters.notificaties.storingVoorTeam.set('west', 'weigert');
    adapters.uitwijk.storingVoorTeam.set('west', 'plat');
    try {
      const client = adres('3-H', '1093 TT');
      const eerste = await verzoek('POST', '/v1/meldingen', melding('EI-2026-3', vandaag, { buurtteam: 'west', client }));
      expect(eerste.status).toBe(201);
      const x = eerste.body.id as string;
      await uiteindelijk(async () => expect((await verzoek('GET', `/v1/meldingen/${x}`)).body.storingen).toHaveLength(1));
      await verzoek('POST', `/v1/meldingen/${x}/afsluiting`, { reden: 'verhuisd' });
      // Closed, and still running: it waits for the refused notification.
      expect((await env.client.workflow.getHandle(x).describe()).status.name).toBe('RUNNING');
      const slot = env.client.workflow.getHandle(huishoudslotId(huishoudSleutel(geheim, client.adres)));

      const zorg = {
        ...melding('CZ-2026-3', vandaag, { buurtteam: 'west', client }),
        schuldeiser: { type: 'zorgverzekeraar', naam: 'CZ' },
      };
      const later = await verzoek('POST', '/v1/meldingen', zorg);
      expect(later).toMatchObject({ status: 201, body: { bestaand: false } });
      expect(later.body.id).not.toBe(x);
      expect((await verzoek('GET', `/v1/meldingen/${later.body.id}`)).body.signalen).toEqual([
        expect.objectContaining({ schuldeiser: zorg.schuldeiser, referentie: 'CZ-2026-3', opgepakt: true }),
      ]);
      expect(await slot.query(berichten.huishoudslotQuery)).toEqual({ meldingId: later.body.id });
    } finally {
      adapters.notificaties.storingVoorTeam.delete('west');
      adapters.uitwijk.storingVoorTeam.delete('west');
    }
  });

  it('keeps one open melding per household while its lock runs without a household melding (opened before, or after the retention), and a melding under a freed id has keys of its own', async () => {
    const client = adres('88', '1055 AB');
    const huishouden = huishoudSleutel(geheim, client.adres);
    const x = huishoudmeldingId(huishouden);
    const klaar = (id: string) =>
      uiteindelijk(async () => expect((await env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED'));
    const signaal = (referentie: string, schuldeiser: Melding['schuldeiser']) => ({
      ...melding(referentie, vandaag, { buurtteam: 'oost', client }),
      schuldeiser,
    });
    const sleutels = (id: string) => adapters.notificaties.ontvangen.filter((n) => n.zaakId === id).map((n) => n.idempotencyKey);

    // A melding through the household's lock: opened before household meldingen existed, or the
    // household's next melding once the retention removed its closed household melding.
    const eerder = signaal('RM-1', { type: 'woningcorporatie', naam: 'Eigen Haard' });
    const y = meldingIdVoor(geheim, eerder);
    expect(await meldViaSlot(env.client, huishouden, { ...eerder, meldingId: y })).toEqual({ meldingId: y, nieuw: true });
    expect(await verzoek('POST', '/v1/meldingen', signaal('RM-2', { type: 'waternet', naam: 'Waternet' }))).toMatchObject({
      status: 200,
      body: { id: y, bestaand: true, bijgewerkt: true },
    });
    expect(
      await env.client.workflow
        .getHandle(x)
        .describe()
        .catch((f: Error) => f.name),
    ).toBe('WorkflowNotFoundError');

    // Nothing open any more: the household's melding.
    await verzoek('POST', `/v1/meldingen/${y}/afsluiting`, { reden: 'schuld-voldaan' });
    await klaar(huishoudslotId(huishouden));
    const invoer = signaal('RM-3', { type: 'energieleverancier', naam: 'Vattenfall' });
    expect(await verzoek('POST', '/v1/meldingen', invoer)).toMatchObject({ status: 201, body: { id: x, bestaand: false } });
    await uiteindelijk(async () => expect(sleutels(x)).toHaveLength(1));
    await verzoek('POST', `/v1/meldingen/${x}/afsluiting`, { reden: 'schuld-voldaan' });
    await klaar(x);
    // Once the retention removed it, its id starts again (as the API starts it): a new case, whose
    // notifications must not carry the keys the gateway already holds for the old one.
    const weer = await env.client.workflow.start(vroegEropaf, {
      workflowId: x,
      taskQueue: TASK_QUEUE,
      args: [{ ...invoer, meldingId: x, huishoudmelding: { signaalSleutel: meldingIdVoor(geheim, invoer) } }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    await uiteindelijk(async () => expect(sleutels(x)).toHaveLength(2));
    const [oud, nieuw] = sleutels(x);
    expect(nieuw).not.toBe(oud);
    expect([oud, nieuw].every((k) => k!.startsWith(`${x}:`) && k!.endsWith(':nieuwe-melding'))).toBe(true);
    await weer.terminate();
  });

  it('hands a melding over only to a traject that runs, when an aanmelding for the same person comes at the same instant (20 times)', async () => {
    const uitkomsten = { overgedragen: 0, aanmelding: 0 };
    for (let i = 0; i < 20; i++) {
      const bsn = testBsn(1700 + i);
      const meldingId = `melding-race-${i}`;
      const h = await env.client.workflow.start(vroegEropaf, {
        taskQueue: TASK_QUEUE,
        workflowId: meldingId,
        args: [{ ...melding(`race-${i}`, vandaag, { buurtteam: 'oost' }), meldingId }],
      });
      await h.executeUpdate(berichten.contactpogingUpdate, {
        args: [{ soort: 'telefoon', datum: vandaag, dagdeel: 'middag', bereikt: true }],
      });
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: vandaag }] });

      const persoon = { bsn, naam: 'E. Evers' };
      const traject = { aanmeldDatum: vandaag, crisis: false, toestemming: { vastleggen: true, delen: false }, waarschuwingWeken: [6, 7] };
      const slotId = persoonsslotId(persoonSleutel(geheim, bsn));
      const overdracht = h.executeUpdate(berichten.overdrachtUpdate, {
        args: [{ ...traject, client: persoon, persoonSleutel: persoonSleutel(geheim, bsn) }],
      });
      // The aanmelding as soon as the hand-over has started the person's lock: the moment it may
      // reach the lock before the lock's first task.
      const lock = env.client.workflow.getHandle(slotId);
      const bestaat = () =>
        lock.describe().then(
          () => true,
          () => false,
        );
      const tot = Date.now() + 30_000;
      while (!(await bestaat())) if (Date.now() > tot) throw new Error('de overdracht startte het slot van de persoon niet');
      const aanmelding = meldAan(env.client, geheim, { ...traject, buurtteam: 'oost', client: persoon }, undefined, 'aanmelding', {
        datum: amsterdamDatum(new Date()),
        door: 'mdw-intake',
      });
      const [o, a] = await Promise.allSettled([overdracht, aanmelding]);

      let lopend: string;
      if (o.status === 'fulfilled') {
        uitkomsten.overgedragen++;
        lopend = trajectIdVoorMelding(meldingId);
        expect(o.value).toMatchObject({ fase: 'overgedragen', trajectId: lopend });
        expect(a.status === 'rejected' && a.reason instanceof OpenTrajectElders && a.reason.trajectId).toBe(lopend);
      } else {
        uitkomsten.aanmelding++;
        // The person's traject is the aanmelding's: the hand-over is refused and the melding stays open.
        const fout = o.reason as WorkflowUpdateFailedError;
        expect(fout).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(fout.cause).toBeInstanceOf(ApplicationFailure);
        expect((fout.cause as ApplicationFailure).type).toBe('TrajectBestaat');
        expect(a).toMatchObject({ status: 'fulfilled', value: { bestaand: false } });
        lopend = (a as PromiseFulfilledResult<{ id: string }>).value.id;
        expect(await h.query(berichten.meldingStatusQuery)).toMatchObject({ fase: 'begeleiding' });
        expect((await h.query(berichten.meldingStatusQuery)).trajectId).toBeUndefined();
      }
      // Whatever won, the traject the melding or the aanmelding names runs, and it is the person's one.
      expect((await env.client.workflow.getHandle(lopend).describe()).status.name).toBe('RUNNING');
      expect(await lock.query(berichten.persoonsslotQuery)).toEqual({ trajectId: lopend, buurtteam: 'oost' });
    }
    expect(uitkomsten.overgedragen + uitkomsten.aanmelding).toBe(20);
  });

  it('frees the person as soon as their traject is afgesloten, while its registration still waits for a system that is down; the moment between is a 409 with Retry-After', async () => {
    const bsn = testBsn(9031);
    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: true },
      buurtteam: 'oost',
      client: { bsn, naam: 'G. Gerritsen' },
    };
    const eerste = await verzoek('POST', '/v1/aanmeldingen', aanmelding);
    expect(eerste.status).toBe(201);
    const gesloten = env.client.workflow.getHandle(eerste.body.id as string);
    await uiteindelijk(async () => expect(adapters.registratie.voor(gesloten.workflowId)).toHaveLength(1));
    adapters.registratie.storing = 'plat';
    try {
      const afsluiting = { naar: 'afgesloten', reden: 'aanmelding ingetrokken', uitstroom: 'client-stopt' };
      expect((await verzoek('POST', `/v1/trajecten/${gesloten.workflowId}/fase`, afsluiting)).status).toBe(200);
      const nieuw = await naVorigTraject(() => verzoek('POST', '/v1/aanmeldingen', aanmelding), 201);
      expect(nieuw.body.id).not.toBe(gesloten.workflowId);
      // The closed traject still runs: its last registration waits for the system.
      expect((await gesloten.describe()).status.name).toBe('RUNNING');
    } finally {
      adapters.registratie.storing = undefined;
    }
    // Back up, the closed traject delivers its close and ends.
    await uiteindelijk(async () => expect((await gesloten.describe()).status.name).toBe('COMPLETED'), 60_000);
    expect(adapters.registratie.voor(gesloten.workflowId).map((r) => r.gebeurtenis)).toEqual(['aanmelding', 'fase']);
  });

  it('puts 200 signals for 50 households from 8 clients at once each in exactly one open case, one per household', async () => {
    const SCHULDEISERS = [
      { type: 'woningcorporatie', naam: 'Stadgenoot' },
      { type: 'zorgverzekeraar', naam: 'Zilveren Kruis' },
      { type: 'waternet', naam: 'Waternet' },
    ] as const;
    interface Signaal {
      huishouden: number;
      body: Melding;
    }
    const signalen: Signaal[] = [];
    for (let h = 0; h < 50; h++) {
      const client = adres(String(h + 1), '1019 AB');
      const eigen = SCHULDEISERS.map((schuldeiser, s) => ({
        huishouden: h,
        body: { ...melding(`GL-${h}-${s}`, plusDagen(vandaag, -s), { buurtteam: 'noord', client }), schuldeiser },
      }));
      // The fourth is a retry of one of the three, sent again as is.
      signalen.push(...eigen, eigen[h % 3]!);
    }
    // A fixed shuffle, so a failure can be repeated.
    let zaad = 17;
    const volgende = () => (zaad = (zaad * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = signalen.length - 1; i > 0; i--) {
      const j = volgende() % (i + 1);
      [signalen[i], signalen[j]] = [signalen[j]!, signalen[i]!];
    }

    const antwoorden: { signaal: Signaal; status: number; body: any }[] = [];
    const rij = [...signalen];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let s = rij.shift(); s; s = rij.shift()) antwoorden.push({ signaal: s, ...(await verzoek('POST', '/v1/meldingen', s.body)) });
      }),
    );

    expect(antwoorden).toHaveLength(200);
    for (let h = 0; h < 50; h++) {
      const eigen = antwoorden.filter((a) => a.signaal.huishouden === h);
      expect(eigen.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      const ids = new Set(eigen.map((a) => a.body.id as string));
      expect(ids.size).toBe(1);
      const status = (await verzoek('GET', `/v1/meldingen/${[...ids][0]}`)).body;
      expect(status.fase).toBe('bereiken');
      // Each of the three signals once, taken up; the retry added nothing.
      expect(status.signalen.map((s: any) => `${s.schuldeiser.naam}|${s.referentie}|${s.opgepakt}`).sort()).toEqual(
        SCHULDEISERS.map((e, s) => `${e.naam}|GL-${h}-${s}|true`).sort(),
      );
    }
  });

  it('derives a traject id from a keyed hash of the Idempotency-Key; a retry of a request from before finds its open traject', async () => {
    const vastgelegd = { datum: vandaag, door: 'mdw-intake' };
    const aanmeldingVan = (bsn: string) => ({
      aanmeldDatum: vandaag,
      crisis: false,
      toestemming: { vastleggen: true, delen: false },
      waarschuwingWeken: [6, 7],
      buurtteam: 'oost',
      client: { naam: 'E. Eerdmans', bsn },
    });
    // A client may build its key from the BSN: the id must be no hash that anyone can recompute.
    const bsn = testBsn(9017);
    const sleutel = `aanmelding-${bsn}`;
    const nieuw = await meldAan(env.client, geheim, aanmeldingVan(bsn), sleutel, 'aanmelding', vastgelegd);
    expect(nieuw).toEqual({ id: trajectIdVoor(geheim, sleutel), bestaand: false });
    expect(nieuw.id).toMatch(/^traject-[0-9a-f]{32}$/);
    expect(nieuw.id).not.toContain(createHash('sha256').update(sleutel).digest('hex').slice(0, 24));
    expect(nieuw.id).not.toBe(trajectIdVoor(randomBytes(32), sleutel));
    expect(await meldAan(env.client, geheim, aanmeldingVan(bsn), sleutel, 'aanmelding', vastgelegd)).toEqual({
      id: nieuw.id,
      bestaand: true,
    });

    // A traject registered before ids were keyed, as that code started it, and the client's retry now.
    const ander = testBsn(9018);
    const oudeSleutel = `aanmelding-${ander}`;
    const oudId = `traject-${createHash('sha256').update(oudeSleutel).digest('hex').slice(0, 24)}`;
    const verzoek = verzoekSleutel(geheim, aanmeldingVan(ander));
    await env.client.workflow.executeUpdateWithStart(berichten.trajectAanvragenUpdate, {
      args: [
        {
          trajectId: oudId,
          invoer: { ...aanmeldingVan(ander), toestemming: { vastleggen: true, delen: false, ...vastgelegd }, trajectId: oudId },
          memo: { verzoek },
          verzoek,
        },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation(persoonsslot, {
        workflowId: persoonsslotId(persoonSleutel(geheim, ander)),
        taskQueue: TASK_QUEUE,
        args: [{}],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    expect(await meldAan(env.client, geheim, aanmeldingVan(ander), oudeSleutel, 'aanmelding', vastgelegd)).toEqual({
      id: oudId,
      bestaand: true,
    });
    // The same key with another body is still refused, not answered with the person's traject.
    await expect(
      meldAan(env.client, geheim, { ...aanmeldingVan(ander), crisis: true }, oudeSleutel, 'aanmelding', vastgelegd),
    ).rejects.toMatchObject({ status: 422 });
  });
});
