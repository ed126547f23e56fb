import { describe, expect, it } from 'vitest';
import { Werkvoorraadindex, type Taak } from '../api/werkvoorraad/werkvoorraad';
import { afgeslotenZaken, geweigerdPerTeam, type StoringRij } from '../api/werkvoorraad/werkvoorraadProjectie';

const taak = (zaakId: string, termijnDatum: string | undefined, extra: Partial<Taak> = {}): Taak => ({
  zaakId,
  soort: 'vroegEropaf',
  buurtteam: 'west',
  openTaken: ['huisbezoek'],
  termijnDatum,
  ...extra,
});

describe('werkvoorraad read model', () => {
  it('lists cases without a term last in every listing: werkvoorraad, overzicht and refused deliveries', () => {
    const index = new Werkvoorraadindex();
    index.zet(taak('melding-1', undefined));
    index.zet(taak('melding-2', '2026-12-10T22:59:59.999Z'));
    index.zet(taak('melding-3', '2026-12-01T22:59:59.999Z', { prioriteit: 1 }));
    index.zet(taak('melding-4', undefined, { prioriteit: 1 }));
    expect(index.pagina('west', { limiet: 50 }).taken.map((t) => t.zaakId)).toEqual(['melding-3', 'melding-4', 'melding-2', 'melding-1']);
    // The overzicht's term lists: by term alone, whatever the weight.
    expect(index.termijnenVoor('west', new Date('2027-01-01')).map((t) => t.zaakId)).toEqual(['melding-3', 'melding-2']);
    const rij = (workflowId: string, termijnDatum?: string): StoringRij => ({
      workflowId,
      buurtteam: 'west',
      termijnDatum,
      storing: ['notificatie'],
    });
    const geweigerd = geweigerdPerTeam([
      rij('melding-1'),
      rij('traject-9-beschikkingstermijn', '2026-12-20T22:59:59.999Z'),
      rij('traject-2', '2026-12-05T22:59:59.999Z'),
    ]).get('west');
    expect(geweigerd?.map((g) => g.zaakId)).toEqual(['traject-2', 'traject-9', 'melding-1']);
  });

  it('puts the most urgent term first and cases without a term last', () => {
    const index = new Werkvoorraadindex();
    index.zet(taak('melding-zonder-termijn', undefined));
    index.zet(taak('melding-later', '2026-12-10T22:59:59.999Z'));
    index.zet(taak('melding-eerst', '2026-12-01T22:59:59.999Z'));
    index.zet(taak('melding-b', '2026-12-05T22:59:59.999Z'));
    index.zet(taak('melding-a', '2026-12-05T22:59:59.999Z'));
    index.zet(taak('ander-team', '2026-11-01T22:59:59.999Z', { buurtteam: 'oost' }));
    const { taken, volgende, totaal } = index.pagina('west', { limiet: 50 });
    expect(taken.map((t) => t.zaakId)).toEqual(['melding-eerst', 'melding-a', 'melding-b', 'melding-later', 'melding-zonder-termijn']);
    expect(volgende).toBeUndefined();
    expect(totaal).toBe(5);
  });

  it('pages with an opaque cursor through every case exactly once, also while cases change', () => {
    const index = new Werkvoorraadindex();
    for (let i = 0; i < 25; i++)
      index.zet(taak(`melding-${String(i).padStart(2, '0')}`, i % 5 === 0 ? undefined : `2026-12-${10 + (i % 7)}T10:00:00Z`));
    const gezien: string[] = [];
    let cursor: string | undefined;
    let paginas = 0;
    do {
      const pagina = index.pagina('west', { limiet: 10, cursor });
      gezien.push(...pagina.taken.map((t) => t.zaakId));
      cursor = pagina.volgende;
      paginas++;
      // A case that closes between two pages leaves; the rest of the order holds.
      if (paginas === 1) index.verwijder('melding-24');
    } while (cursor);
    expect(paginas).toBe(3);
    expect(new Set(gezien).size).toBe(gezien.length);
    expect(gezien).toHaveLength(24);
    expect(
      gezien.slice(-4).every((id) => index.pagina('west', { limiet: 50 }).taken.find((t) => t.zaakId === id)!.termijnDatum === undefined),
    ).toBe(true);
    expect(() => index.pagina('west', { limiet: 10, cursor: 'bm9vaXQ' })).toThrow('onbekende cursor');
  });

  it('counts open cases per task for the team, filters by regievoerder and task, and drops cases without tasks', () => {
    const index = new Werkvoorraadindex();
    index.zet(
      taak('traject-1', '2026-12-01T10:00:00Z', {
        soort: 'schuldhulpTraject',
        openTaken: ['intake-plannen', 'beschikking-afgeven'],
        regievoerder: 'mdw-1',
      }),
    );
    index.zet(
      taak('traject-2', '2026-12-02T10:00:00Z', { soort: 'schuldhulpTraject', openTaken: ['beschikking-afgeven'], regievoerder: 'mdw-2' }),
    );
    index.zet(taak('melding-1', '2026-12-03T10:00:00Z', { regievoerder: 'mdw-1' }));
    index.zet(taak('melding-2', '2026-12-04T10:00:00Z'));
    expect(index.pagina('west', { limiet: 1 })).toMatchObject({
      totaal: 4,
      perTaak: { 'intake-plannen': 1, 'beschikking-afgeven': 2, huisbezoek: 2 },
    });
    expect(index.pagina('west', { limiet: 50, taak: 'beschikking-afgeven' }).taken.map((t) => t.zaakId)).toEqual([
      'traject-1',
      'traject-2',
    ]);
    const eigen = index.pagina('west', { limiet: 50, regievoerder: 'mdw-1' });
    expect(eigen.taken.map((t) => t.zaakId)).toEqual(['traject-1', 'melding-1']);
    expect(eigen.perTaak).toEqual({ 'intake-plannen': 1, 'beschikking-afgeven': 1, huisbezoek: 1 });

    index.zet(taak('melding-1', undefined, { openTaken: [] }));
    expect(index.pagina('west', { limiet: 50 }).taken.map((t) => t.zaakId)).toEqual(['traject-1', 'traject-2', 'melding-2']);
    // Still running: the overzicht counts it.
    expect(index.aantal).toBe(4);
  });

  it('keeps counts per phase and regievoerder of all running cases as they change, close and move', () => {
    const index = new Werkvoorraadindex();
    index.zet(taak('melding-1', undefined, { fase: 'vroeg-eropaf-bereiken', regievoerder: 'mdw-1' }));
    index.zet(taak('melding-2', undefined, { fase: 'vroeg-eropaf-bereiken' }));
    index.zet(taak('traject-1', undefined, { soort: 'schuldhulpTraject', fase: 'nazorg', openTaken: [], regievoerder: 'mdw-1' }));
    index.zet(taak('traject-2', undefined, { soort: 'schuldhulpTraject', fase: 'intake', buurtteam: 'oost' }));
    expect(index.tellingen('west')).toEqual({
      perFase: { nazorg: 1, 'vroeg-eropaf-bereiken': 2 },
      perRegievoerder: { 'geen regievoerder': 1, 'mdw-1': 2 },
    });
    index.zet(taak('melding-1', undefined, { fase: 'vroeg-eropaf-begeleiding', regievoerder: 'mdw-2' }));
    index.verwijder('traject-1');
    index.verwijder('onbekend');
    expect(index.tellingen('west')).toEqual({
      perFase: { 'vroeg-eropaf-begeleiding': 1, 'vroeg-eropaf-bereiken': 1 },
      perRegievoerder: { 'geen regievoerder': 1, 'mdw-2': 1 },
    });
    expect(index.tellingen('zuid')).toEqual({ perFase: {}, perRegievoerder: {} });
  });

  it('lists the running cases whose term ends before a moment, most urgent first, with or without open tasks', () => {
    const index = new Werkvoorraadindex();
    index.zet(taak('traject-zonder-taak', '2026-11-20T10:00:00Z', { soort: 'schuldhulpTraject', openTaken: [] }));
    index.zet(taak('melding-te-laat', '2026-11-25T10:00:00Z'));
    index.zet(taak('traject-binnenkort', '2026-12-05T10:00:00Z', { soort: 'schuldhulpTraject' }));
    index.zet(taak('traject-later', '2027-01-05T10:00:00Z', { soort: 'schuldhulpTraject' }));
    index.zet(taak('melding-zonder-termijn', undefined));
    index.zet(taak('ander-team', '2026-11-01T10:00:00Z', { buurtteam: 'oost' }));
    expect(index.termijnenVoor('west', new Date('2026-12-10T00:00:00Z')).map((t) => t.zaakId)).toEqual([
      'traject-zonder-taak',
      'melding-te-laat',
      'traject-binnenkort',
    ]);
    expect(index.termijnenVoor('west', new Date('2026-11-25T10:00:00Z')).map((t) => t.zaakId)).toEqual(['traject-zonder-taak']);
    expect(index.termijnenVoor('zuid', new Date('2030-01-01T00:00:00Z'))).toEqual([]);

    // Weighted meldingen come first in the werkvoorraad, but the terms still come in term order.
    index.zet(taak('melding-crisis-later', '2027-02-01T10:00:00Z', { prioriteit: 100 }));
    index.zet(taak('melding-crisis', '2026-11-30T10:00:00Z', { prioriteit: 100 }));
    index.zet(taak('melding-twee-signalen', '2026-11-22T10:00:00Z', { prioriteit: 1 }));
    expect(index.termijnenVoor('west', new Date('2026-12-10T00:00:00Z')).map((t) => t.zaakId)).toEqual([
      'traject-zonder-taak',
      'melding-twee-signalen',
      'melding-te-laat',
      'melding-crisis',
      'traject-binnenkort',
    ]);
  });

  it('puts crisis signals first, then households with more signals, then the most urgent term; the cursor keeps that order', () => {
    const index = new Werkvoorraadindex();
    index.zet(taak('melding-urgent', '2026-12-01T22:59:59.999Z'));
    index.zet(taak('melding-twee-signalen', '2026-12-09T22:59:59.999Z', { prioriteit: 1 }));
    index.zet(taak('melding-drie-signalen', '2026-12-10T22:59:59.999Z', { prioriteit: 2 }));
    index.zet(taak('melding-crisis', '2026-12-12T22:59:59.999Z', { prioriteit: 100 }));
    const volgorde = ['melding-crisis', 'melding-drie-signalen', 'melding-twee-signalen', 'melding-urgent'];
    expect(index.pagina('west', { limiet: 50 }).taken.map((t) => t.zaakId)).toEqual(volgorde);
    const eerste = index.pagina('west', { limiet: 2 });
    const tweede = index.pagina('west', { limiet: 2, cursor: eerste.volgende });
    expect([...eerste.taken, ...tweede.taken].map((t) => t.zaakId)).toEqual(volgorde);
  });

  it('closes a case in the read model only on a run that closed it, whatever order visibility lists runs in', () => {
    const run = (workflowId: string, status: Parameters<typeof afgeslotenZaken>[0][number]['status']) => ({ workflowId, status });
    const doorgestart = [run('melding-a', 'CONTINUED_AS_NEW'), run('melding-a', 'RUNNING')];
    expect(afgeslotenZaken(doorgestart)).toEqual([]);
    expect(afgeslotenZaken([...doorgestart].reverse())).toEqual([]);
    expect(afgeslotenZaken([run('melding-a', 'CONTINUED_AS_NEW')])).toEqual([]);
    // Reset by an operator: the terminated run and the new one in the same poll.
    const gereset = [run('traject-b', 'TERMINATED'), run('traject-b', 'RUNNING')];
    expect(afgeslotenZaken(gereset)).toEqual([]);
    expect(afgeslotenZaken([...gereset].reverse())).toEqual([]);
    expect(afgeslotenZaken([run('traject-c', 'COMPLETED'), run('melding-d', 'TERMINATED'), run('melding-e', 'RUNNING')])).toEqual([
      'traject-c',
      'melding-d',
    ]);
  });
});
