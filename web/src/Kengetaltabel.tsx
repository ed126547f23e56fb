import { Heading, Paragraph } from '@amsterdam/design-system-react';
import { Overzichtstabel } from './Overzichtstabel';

export const getal = (n: number | null, eenheid = '') => (n === null ? '–' : `${n.toLocaleString('nl-NL')}${eenheid}`);
export const procent = (aandeel: number | null) =>
  aandeel === null ? '–' : `${(aandeel * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;

/** A titled table of figures (name, value); says so when the period has none. */
export function Kengetaltabel({ id, titel, kolom, regels }: { id: string; titel: string; kolom: string; regels: [string, string][] }) {
  return (
    <section aria-labelledby={id} className="dashboard-blok">
      <Heading level={2} size="level-3" id={id}>
        {titel}
      </Heading>
      {regels.length === 0 ? (
        <Paragraph>Geen in deze periode.</Paragraph>
      ) : (
        <Overzichtstabel
          koppen={[kolom, 'Waarde']}
          rijen={regels.map(([naam, waarde], i) => ({ sleutel: `${i}-${naam}`, cellen: [naam, waarde] }))}
          cijfers
          schuif={false}
        />
      )}
    </section>
  );
}
