import { Table, type TableProps } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/** A body row: its React key and one cell per column. */
export interface Rij {
  sleutel: string | number;
  cellen: ReactNode[];
}

/**
 * A table of column headings and rows, in the Amsterdam Design System's markup. `cijfers`: the
 * first column names the row and the others hold figures, aligned at the end. `schuif`: the table
 * scrolls sideways on a tablet instead of squeezing its columns (off in a narrow dashboard block).
 * `bijschrift`: a caption for screen readers.
 */
export function Overzichtstabel({
  koppen,
  rijen,
  cijfers = false,
  schuif = true,
  bijschrift,
  ...tabel
}: {
  koppen: ReactNode[];
  rijen: Rij[];
  cijfers?: boolean;
  schuif?: boolean;
  bijschrift?: string;
} & Omit<TableProps, 'children'>) {
  const uitlijning = (kolom: number) => (cijfers && kolom > 0 ? 'end' : undefined);
  const inhoud = (
    <Table {...tabel}>
      {bijschrift && <Table.Caption className="ams-visually-hidden">{bijschrift}</Table.Caption>}
      <Table.Header>
        <Table.Row>
          {koppen.map((kop, k) => (
            <Table.HeaderCell key={k} align={uitlijning(k)}>
              {kop}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rijen.map((r) => (
          <Table.Row key={r.sleutel}>
            {r.cellen.map((cel, k) => (
              <Table.Cell key={k} align={uitlijning(k)}>
                {cel}
              </Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
  return schuif ? <div className="tabel-schuif">{inhoud}</div> : inhoud;
}
