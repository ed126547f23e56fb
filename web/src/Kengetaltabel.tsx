import { Heading, Paragraph, Table } from '@amsterdam/design-system-react';

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
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{kolom}</Table.HeaderCell>
              <Table.HeaderCell align="end">Waarde</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {regels.map(([naam, waarde], i) => (
              <Table.Row key={`${i}-${naam}`}>
                <Table.Cell>{naam}</Table.Cell>
                <Table.Cell align="end">{waarde}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
