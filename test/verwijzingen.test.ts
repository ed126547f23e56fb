import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamMiddernacht, plusDagen } from '../common/kalender';
import type { VerwijzingInvoer } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import { VERWIJZING_OPVOLGEN_WEKEN } from '../common/verwijzingen';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

const verwijzing = (soort: VerwijzingInvoer['soort'], ontvanger: string, datum: string, warm = false): VerwijzingInvoer => ({
  verwijzingId: `${soort}-${datum}`,
  soort,
  ontvanger,
  datum,
  warm,
});

describe('verwijzingen of a traject on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  const start = async (id: string) =>
    env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [aanmelding(id, await vandaag(env), { toestemming: { vastleggen: true, delen: false } })],
    });
  const slaapTot = async (datum: string, uren = 1) =>
    env.sleep(amsterdamMiddernacht(datum).getTime() + uren * 3600_000 - (await env.currentTimeMs()));

  it('reminds the team of a verwijzing without an outcome after its weeks, until an outcome comes; repeats change nothing', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'traject-verwijzing';
      const h = await start(id);
      const herinneringen = () =>
        adapters.notificaties.ontvangen.filter((n) => n.zaakId === id && n.onderwerp === 'verwijzing-opvolgen').map((n) => n.bericht);

      // The OKT with the API's configured 2 weeks, the huisarts with the default.
      const okt = { ...verwijzing('okt', 'OKT Zuidoost', dag, true), opvolgenWeken: 2 };
      await h.executeUpdate(berichten.verwijzingUpdate, { args: [okt] });
      const huisarts = verwijzing('huisarts', 'Huisartsenpraktijk Bijlmer', dag);
      await h.executeUpdate(berichten.verwijzingUpdate, { args: [huisarts] });
      // The same request again is the same verwijzing; the same id with other data is refused.
      const herhaald = await h.executeUpdate(berichten.verwijzingUpdate, { args: [okt] });
      expect(herhaald.verwijzingen?.lijst.map((v) => [v.verwijzingId, v.warm, v.opvolgenUiterlijk])).toEqual([
        [`okt-${dag}`, true, plusDagen(dag, 14)],
        [`huisarts-${dag}`, false, plusDagen(dag, 7 * VERWIJZING_OPVOLGEN_WEKEN)],
      ]);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.verwijzingUpdate, { args: [{ ...okt, ontvanger: 'OKT Noord' }] }),
        'OngeldigeOvergang',
        /al een verwijzing okt-.* met andere gegevens/,
      );

      await slaapTot(plusDagen(dag, 14), 12);
      expect(herinneringen()).toEqual([]);
      await slaapTot(plusDagen(dag, 15));
      expect(herinneringen()).toEqual([
        expect.stringMatching(/^verwijzing naar Ouder- en Kindteam \(OKT\) van .* heeft nog geen uitkomst/),
      ]);
      expect((await h.query(berichten.trajectStatusQuery)).openTaken).toContain('verwijzing-opvolgen');

      const uitkomst = async (verwijzingId: string, u: 'geaccepteerd' | 'gestart' | 'geweigerd', datum: string) =>
        h.executeUpdate(berichten.verwijzingUitkomstUpdate, { args: [{ verwijzingId, uitkomst: u, datum }] });
      await verwachtAfwijzing(uitkomst(okt.verwijzingId, 'geaccepteerd', plusDagen(dag, -1)), 'OngeldigeInvoer', /vóór de verwijzing/);
      const na = await uitkomst(okt.verwijzingId, 'geaccepteerd', await vandaag(env));
      expect(na.openTaken).not.toContain('verwijzing-opvolgen');
      expect((await uitkomst(okt.verwijzingId, 'geaccepteerd', await vandaag(env))).verwijzingen?.lijst[0]?.uitkomsten).toHaveLength(1);
      await verwachtAfwijzing(uitkomst(okt.verwijzingId, 'geweigerd', await vandaag(env)), 'OngeldigeOvergang', /na geaccepteerd volgt/);
      await verwachtAfwijzing(uitkomst('onbekend', 'gestart', await vandaag(env)), 'OngeldigeInvoer', /onbekende verwijzing/);

      await slaapTot(plusDagen(dag, 7 * VERWIJZING_OPVOLGEN_WEKEN + 1));
      expect(herinneringen()).toHaveLength(2);
      expect(herinneringen()[1]).toMatch(/^verwijzing naar Huisarts/);
      await uitkomst(huisarts.verwijzingId, 'gestart', await vandaag(env));
      await uitkomst(okt.verwijzingId, 'gestart', await vandaag(env));
      await verwachtAfwijzing(
        uitkomst(okt.verwijzingId, 'geaccepteerd', await vandaag(env)),
        'OngeldigeOvergang',
        /al de uitkomst gestart/,
      );

      // A verwijzing still open when the traject closes: its reminder stops with it.
      await h.executeUpdate(berichten.verwijzingUpdate, { args: [verwijzing('clientondersteuning', 'MEE', await vandaag(env), true)] });
      await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'afgesloten', reden: 'doorverwezen', uitstroom: 'naar-aanvullende-ondersteuning' }],
      });
      const eind = await h.result();
      expect(eind.verwijzingen?.lijst.map((v) => `${v.soort}:${v.uitkomsten.map((u) => u.uitkomst).join(',')}`)).toEqual([
        'okt:geaccepteerd,gestart',
        'huisarts:gestart',
        'clientondersteuning:',
      ]);
      expect(herinneringen()).toHaveLength(2);
    });
  });

  it('keeps the kindcheck in the werkvoorraad until an OKT verwijzing or a kindcheck outcome', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const taken = async (h: Awaited<ReturnType<typeof start>>) => (await h.query(berichten.trajectStatusQuery)).openTaken;

      const metOkt = await start('traject-kindcheck-okt');
      expect(await taken(metOkt)).not.toContain('kindcheck');
      await metOkt.executeUpdate(berichten.kindcheckUpdate, { args: [{ minderjarigeKinderen: true, datum: dag }] });
      expect(await taken(metOkt)).toContain('kindcheck');
      await metOkt.executeUpdate(berichten.verwijzingUpdate, { args: [verwijzing('jongerenpunt', 'Jongerenpunt Zuidoost', dag)] });
      expect(await taken(metOkt)).toContain('kindcheck');
      await metOkt.executeUpdate(berichten.verwijzingUpdate, { args: [verwijzing('okt', 'OKT Zuidoost', dag, true)] });
      expect(await taken(metOkt)).not.toContain('kindcheck');

      const zonder = await start('traject-kindcheck-uitkomst');
      await zonder.executeUpdate(berichten.kindcheckUpdate, { args: [{ minderjarigeKinderen: true, datum: dag }] });
      const s = await zonder.executeUpdate(berichten.kindcheckUpdate, {
        args: [{ minderjarigeKinderen: true, datum: dag, uitkomst: 'afgestemd-met-okt' }],
      });
      expect(s.openTaken).not.toContain('kindcheck');
      expect(s.verwijzingen?.kindcheck).toMatchObject({ minderjarigeKinderen: true, uitkomst: 'afgestemd-met-okt' });
      await verwachtAfwijzing(
        zonder.executeUpdate(berichten.kindcheckUpdate, { args: [{ minderjarigeKinderen: true, datum: plusDagen(dag, -1) }] }),
        'OngeldigeInvoer',
        /vóór de aanmelding/,
      );
    });
  });

  it('keeps a referral to inkomensbeheer as a verwijzing, and steps up from budgetbeheer to bewindvoering only that way', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const h = await start('traject-verwijzing-inkomensbeheer');
      const na = await h.executeUpdate(berichten.inkomensbeheerUpdate, { args: [{ vorm: 'budgetbeheer', datum: dag }] });
      expect(na.verwijzingen?.lijst).toMatchObject([{ verwijzingId: `budgetbeheer-${dag}`, soort: 'budgetbeheer', uitkomsten: [] }]);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.inkomensbeheerUpdate, { args: [{ vorm: 'bewindvoering', datum: dag }] }),
        'OngeldigeOvergang',
        /al verwezen naar budgetbeheer/,
      );
      const bewind = await h.executeUpdate(berichten.verwijzingUpdate, {
        args: [verwijzing('bewindvoering', 'Rechtbank Amsterdam', dag, true)],
      });
      expect(bewind.inkomensbeheer).toMatchObject({ vorm: 'bewindvoering', datum: dag });
      expect(bewind.verwijzingen?.lijst.map((v) => v.soort)).toEqual(['budgetbeheer', 'bewindvoering']);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.verwijzingUpdate, {
          args: [{ ...verwijzing('budgetbeheer', 'Budgetbeheer Zuidoost', dag), verwijzingId: 'budgetbeheer-opnieuw' }],
        }),
        'OngeldigeOvergang',
        /al verwezen naar bewindvoering/,
      );
      await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'afgesloten', reden: 'doorverwezen', uitstroom: 'naar-aanvullende-ondersteuning' }],
      });
      await h.result();
    });
  });
});
