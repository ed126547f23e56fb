import { Paragraph } from '@amsterdam/design-system-react';
import { REGIE_REDENEN, REGIE_ROLLEN } from '../../../common/begrippen';
import type { TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { datum, datumTijd, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
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
        <Overzichtstabel
          koppen={['Wanneer', 'Van', 'Naar', 'Reden', 'Overdrachtsgesprek', 'Door']}
          rijen={historie.map((h) => ({
            sleutel: h.datum,
            cellen: [
              datumTijd(h.datum),
              [h.van ?? '–', h.vanTeam].filter(Boolean).join(', '),
              [`${h.naar} (${woorden(h.rol)})`, h.naarTeam].filter(Boolean).join(', '),
              woorden(h.reden),
              h.overdrachtsgesprek ? datum(h.overdrachtsgesprek) : '–',
              h.door ?? '–',
            ],
          }))}
        />
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
