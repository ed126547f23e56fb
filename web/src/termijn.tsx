import { Badge } from '@amsterdam/design-system-react';
import { dagenResterend, termijnStand, type TermijnStand, type Zaaksoort } from '../../common/termijnStand';
import { datum } from './opmaak';

const LABEL: Record<Zaaksoort, Record<TermijnStand, string>> = {
  traject: { overschreden: 'Termijn overschreden', 'in-gevaar': 'Termijn in gevaar', 'op-tijd': 'Op tijd' },
  melding: { overschreden: 'Huisbezoek te laat', 'in-gevaar': 'Huisbezoek vandaag', 'op-tijd': 'Op tijd' },
  advies: { overschreden: 'Periode verstreken', 'in-gevaar': 'Afronden of opschalen', 'op-tijd': 'Op tijd' },
};
const KLEUR = { overschreden: 'red', 'in-gevaar': 'orange', 'op-tijd': 'azure' } as const;

/** A coloured mark with words (never colour alone): overschreden, in gevaar, op tijd. */
export function TermijnMarkering({ verloopt, soort }: { verloopt: string; soort: Zaaksoort }) {
  const stand = termijnStand(verloopt, soort);
  return <Badge color={KLEUR[stand]} label={LABEL[soort][stand]} data-stand={stand} />;
}

/** "nog 12 dagen" / "vandaag" / "3 dagen over de termijn". */
export function resterendTekst(verloopt: string): string {
  const dagen = dagenResterend(verloopt);
  if (dagen < 0) return `${-dagen} ${-dagen === 1 ? 'dag' : 'dagen'} over de termijn`;
  if (dagen === 0) return 'verloopt vandaag';
  return `nog ${dagen} ${dagen === 1 ? 'dag' : 'dagen'}`;
}

export const soortVanZaak = (zaakId: string): Zaaksoort =>
  zaakId.startsWith('traject-') ? 'traject' : zaakId.startsWith('advies-') ? 'advies' : 'melding';

/** A term ends at midnight after its last day; people read it as that last day ("t/m 27 okt"). */
export const laatsteDag = (verloopt: string) => datum(new Date(Date.parse(verloopt) - 1).toISOString());
