import { Paragraph } from '@amsterdam/design-system-react';
import { ZRM_DOMEINEN, ZRM_MOMENTEN } from '../../../common/begrippen';
import type { TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { datum } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld } from '../velden';

type ZrmStand = NonNullable<TrajectStatus['zrm']>;
type Moment = (typeof ZRM_MOMENTEN)[number];

const MOMENTNAAM: Record<Moment, string> = { start: 'startmeting', 'drie-maanden': 'na 3 maanden', einde: 'eindmeting' };

const DOMEINNAAM: Record<(typeof ZRM_DOMEINEN)[number], string> = {
  financien: 'Financiën',
  dagbesteding: 'Dagbesteding',
  huisvesting: 'Huisvesting',
  'huiselijke-relaties': 'Huiselijke relaties',
  'geestelijke-gezondheid': 'Geestelijke gezondheid',
  'lichamelijke-gezondheid': 'Lichamelijke gezondheid',
  middelengebruik: 'Middelengebruik',
  'basale-adl': 'Basale ADL',
  'instrumentele-adl': 'Instrumentele ADL',
  'sociaal-netwerk': 'Sociaal netwerk',
  'maatschappelijke-participatie': 'Maatschappelijke participatie',
  justitie: 'Justitie',
};

/** The matrix's own words for its five steps. */
const SCORES = [
  { waarde: '1', label: '1 – acute problematiek' },
  { waarde: '2', label: '2 – niet zelfredzaam' },
  { waarde: '3', label: '3 – beperkt zelfredzaam' },
  { waarde: '4', label: '4 – voldoende zelfredzaam' },
  { waarde: '5', label: '5 – volledig zelfredzaam' },
];
const NIET_GESCOORD = { waarde: '', label: 'niet gescoord' };

/** Measurements the workflow accepts now: the start first, then each later one once. */
function openMomenten(zrm: ZrmStand): Moment[] {
  const gemeten = new Set(zrm.metingen.map((m) => m.moment));
  if (!gemeten.has('start')) return ['start'];
  return ZRM_MOMENTEN.filter((m) => !gemeten.has(m));
}

/**
 * The zelfredzaamheidsmatrix of the traject: measurements so far, when the next is due, and the
 * form for the next one. Trajecten started before the ZRM registration have none.
 */
export function ZrmSectie({
  zrm,
  magMeten,
  meet,
}: {
  zrm: ZrmStand | undefined;
  magMeten: boolean;
  meet: (body: unknown) => Promise<void>;
}) {
  if (!zrm) return null;
  const open = openMomenten(zrm);
  const domeinen = ZRM_DOMEINEN.filter((d) => zrm.metingen.some((m) => m.scores[d] !== undefined));
  return (
    <Sectie id="zrm" titel="Zelfredzaamheid (ZRM)">
      <Paragraph>
        Startmeting uiterlijk {datum(zrm.startmetingUiterlijk)}, tussenmeting vanaf {datum(zrm.tussenmetingVanaf)}, eindmeting in de nazorg.
      </Paragraph>
      {zrm.metingen.length > 0 && (
        <Overzichtstabel
          koppen={['Domein', ...zrm.metingen.map((m) => `${MOMENTNAAM[m.moment]} (${datum(m.datum)})`)]}
          rijen={domeinen.map((d) => ({ sleutel: d, cellen: [DOMEINNAAM[d], ...zrm.metingen.map((m) => m.scores[d] ?? '–')] }))}
          cijfers
        />
      )}
      {magMeten && open.length > 0 && (
        <details>
          <summary>ZRM-meting registreren</summary>
          <Formulier
            id="zrm-meting"
            knop="Meting registreren"
            onVerstuur={(g) =>
              meet({
                moment: tekst(g, 'moment'),
                datum: tekst(g, 'datum'),
                scores: Object.fromEntries(
                  ZRM_DOMEINEN.map((d) => [d, tekst(g, d === 'financien' ? 'scores' : `scores.${d}`)])
                    .filter(([, score]) => score !== undefined)
                    .map(([d, score]) => [d, Number(score)]),
                ),
              })
            }
          >
            <KeuzeVeld pad="moment" label="Meting" keuzes={open.map((m) => ({ waarde: m, label: MOMENTNAAM[m] }))} />
            <DatumVeld pad="datum" label="Datum van de meting" />
            {/* The API reports a missing financien score at `scores`: this field carries that path. */}
            <KeuzeVeld pad="scores" label={DOMEINNAAM.financien} keuzes={[NIET_GESCOORD, ...SCORES]} defaultValue="" />
            {ZRM_DOMEINEN.filter((d) => d !== 'financien').map((d) => (
              <KeuzeVeld key={d} pad={`scores.${d}`} label={DOMEINNAAM[d]} keuzes={[NIET_GESCOORD, ...SCORES]} defaultValue="" />
            ))}
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
