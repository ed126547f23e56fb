import { Paragraph, Table } from '@amsterdam/design-system-react';
import { REGIE_REDENEN, REGIE_ROLLEN } from '../../../common/begrippen';
import type { TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { datum, datumTijd, woorden } from '../opmaak';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld, TekstVeld } from '../velden';

/**
 * Who holds the regie (werkkader §2.4, "Formele regie") and every hand-over before. A teamleider
 * appoints or hands it over warmly, to a colleague or another buurtteam (Q&A 1.1: the person may choose).
 */
export function RegieSectie({
  t,
  magWijzigen,
  wijzig,
}: {
  t: TrajectStatus;
  magWijzigen: boolean;
  wijzig: (body: unknown) => Promise<void>;
}) {
  const historie = t.regie?.historie ?? [];
  return (
    <Sectie id="regie" titel="Regie">
      <Paragraph>
        Regievoerder {t.regievoerder ?? 'nog niemand'}
        {t.regie && ` (${woorden(t.regie.rol)})`}, buurtteam {t.buurtteam}.
      </Paragraph>
      {historie.length > 0 && (
        <div className="tabel-schuif">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Wanneer</Table.HeaderCell>
                <Table.HeaderCell>Van</Table.HeaderCell>
                <Table.HeaderCell>Naar</Table.HeaderCell>
                <Table.HeaderCell>Reden</Table.HeaderCell>
                <Table.HeaderCell>Overdrachtsgesprek</Table.HeaderCell>
                <Table.HeaderCell>Door</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {historie.map((h) => (
                <Table.Row key={h.datum}>
                  <Table.Cell>{datumTijd(h.datum)}</Table.Cell>
                  <Table.Cell>{[h.van ?? '–', h.vanTeam].filter(Boolean).join(', ')}</Table.Cell>
                  <Table.Cell>{[`${h.naar} (${woorden(h.rol)})`, h.naarTeam].filter(Boolean).join(', ')}</Table.Cell>
                  <Table.Cell>{woorden(h.reden)}</Table.Cell>
                  <Table.Cell>{h.overdrachtsgesprek ? datum(h.overdrachtsgesprek) : '–'}</Table.Cell>
                  <Table.Cell>{h.door ?? '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {magWijzigen && (
        <details>
          <summary>Regievoerder aanwijzen of overdragen</summary>
          <Formulier
            id="regie"
            knop="Regie vastleggen"
            onVerstuur={(g) =>
              wijzig({
                regievoerder: tekst(g, 'regievoerder'),
                rol: tekst(g, 'rol'),
                reden: tekst(g, 'reden'),
                buurtteam: tekst(g, 'buurtteam'),
                overdrachtsgesprek: t.regievoerder || tekst(g, 'buurtteam') ? tekst(g, 'overdrachtsgesprek') : undefined,
              })
            }
          >
            <TekstVeld pad="regievoerder" label="Regievoerder (medewerkercode)" />
            <KeuzeVeld pad="rol" label="Rol" keuzes={REGIE_ROLLEN} />
            <KeuzeVeld pad="reden" label="Reden" keuzes={REGIE_REDENEN} />
            <TekstVeld pad="buurtteam" label="Ander buurtteam (leeg: blijft bij dit team)" />
            <DatumVeld pad="overdrachtsgesprek" label="Datum van het overdrachtsgesprek (warme overdracht)" />
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
