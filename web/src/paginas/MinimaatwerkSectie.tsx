import { Paragraph } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { Formulier, getal, tekst } from '../formulier';
import { Laadstatus } from '../Laadstatus';
import { bedrag } from '../opmaak';
import { Sectie } from '../Sectie';
import { useLaden } from '../sessie';
import { DatumVeld, TekstvakVeld, TekstVeld } from '../velden';
import { useZaakActie } from '../zaakActie';

interface Bedragen {
  budgetCent: number;
  besteedCent: number;
  resterendCent: number;
}

/** GET /teams/:team/minimaatwerkbudget; a spend answers the same with this household's figures. */
interface Budget {
  jaar: number;
  team: Bedragen;
  huishouden?: Bedragen;
  uitgave?: { uitgaveId: string; status: 'aangevraagd' | 'goedgekeurd' | 'afgewezen' };
}

const stand = (b: Bedragen) => `nog ${bedrag(b.resterendCent)} van ${bedrag(b.budgetCent)}`;

/**
 * Minimaatwerk: small payments that solve a problem at once, from the team's yearly budget and
 * within the household's limit (the budget workflow refuses what would overdraw either).
 */
export function MinimaatwerkSectie({ trajectId, buurtteam, magBesteden }: { trajectId: string; buurtteam: string; magBesteden: boolean }) {
  const laden = useLaden<Budget>(`/teams/${buurtteam}/minimaatwerkbudget`);
  const [huishouden, zetHuishouden] = useState<Bedragen>();
  const [wacht, zetWacht] = useState(false);
  const besteed = useZaakActie<Budget>((antwoord) => {
    laden.zet(antwoord);
    zetHuishouden(antwoord.huishouden);
    zetWacht(antwoord.uitgave?.status === 'aangevraagd');
  });
  return (
    <Sectie id="minimaatwerk" titel="Minimaatwerk">
      <Laadstatus laden={laden} />
      {laden.data && (
        <Paragraph>
          Teambudget {laden.data.jaar}: <strong>{stand(laden.data.team)}</strong>.
          {huishouden && (
            <>
              {' '}
              Dit huishouden: <strong>{stand(huishouden)}</strong>.
            </>
          )}
          {wacht && ' De besteding wacht op goedkeuring door een collega (zes ogen).'}
        </Paragraph>
      )}
      {magBesteden && (
        <details>
          <summary>Minimaatwerk besteden</summary>
          <Formulier
            id="minimaatwerk"
            knop="Besteding registreren"
            onVerstuur={(g) =>
              besteed(`/trajecten/${trajectId}/minimaatwerk`, {
                bedragCent: getal(g, 'bedragCent', 100),
                datum: tekst(g, 'datum'),
                huishouden: { postcode: tekst(g, 'huishouden.postcode'), huisnummer: tekst(g, 'huishouden.huisnummer') },
                omschrijving: tekst(g, 'omschrijving'),
              })
            }
          >
            <TekstVeld pad="bedragCent" label="Bedrag in euro" inputMode="decimal" leeg="Vul het bedrag in" />
            <DatumVeld pad="datum" label="Datum" />
            {/* The EUR 500 is per household: its address names it (only a keyed hash of it is kept). */}
            <TekstVeld pad="huishouden.postcode" label="Postcode van het huishouden" size={8} leeg="Vul de postcode in" persoonsgegeven />
            <TekstVeld pad="huishouden.huisnummer" label="Huisnummer" size={8} leeg="Vul het huisnummer in" persoonsgegeven />
            <TekstvakVeld pad="omschrijving" label="Waarvoor" hint="optioneel; zonder namen of andere persoonsgegevens" />
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
