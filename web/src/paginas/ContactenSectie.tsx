import { Alert, Paragraph } from '@amsterdam/design-system-react';
import { CONTACT_SOORTEN, CONTACT_UITKOMSTEN } from '../../../common/begrippen';
import { outreachNaNoShow } from '../../../common/contactlog';
import type { TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { alsTijdstip, datumTijd, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld, TekstvakVeld } from '../velden';

const UITKOMSTEN = [...new Set(Object.values(CONTACT_UITKOMSTEN).flat())];

/**
 * The contactlog: appointments, calls, visits, letters. After a missed appointment the team reaches
 * out until it reaches the person (werkkader §2.8.5); meanwhile Amsterdam's intake norms wait.
 */
export function ContactenSectie({
  contacten = [],
  magVastleggen,
  leg,
}: {
  contacten: TrajectStatus['contacten'];
  magVastleggen: boolean;
  leg: (body: unknown) => Promise<void>;
}) {
  const outreach = outreachNaNoShow(contacten);
  const opTijd = [...contacten].sort((a, b) => (a.tijdstip < b.tijdstip ? 1 : -1));
  return (
    <Sectie id="contacten" titel="Contactlog">
      {outreach && (
        <Alert severity="warning" heading="Outreach na een no-show" headingLevel={3}>
          <Paragraph>
            Niet verschenen op {datumTijd(outreach.sinds)}; sindsdien {outreach.pogingen} poging(en). De Amsterdamse intakenormen wachten
            tot de Amsterdammer weer bereikt is; de wettelijke termijn loopt door.
          </Paragraph>
        </Alert>
      )}
      {opTijd.length === 0 ? (
        <Paragraph>Nog geen contacten vastgelegd.</Paragraph>
      ) : (
        <Overzichtstabel
          koppen={['Wanneer', 'Soort', 'Uitkomst', 'Notitie']}
          rijen={opTijd.map((c) => ({
            sleutel: `${c.tijdstip}-${c.soort}-${c.uitkomst}`,
            cellen: [datumTijd(c.tijdstip), woorden(c.soort), woorden(c.uitkomst), c.notitie ?? '–'],
          }))}
        />
      )}
      {magVastleggen && (
        <details>
          <summary>Contact vastleggen</summary>
          <Formulier
            id="contact"
            knop="Contact vastleggen"
            onVerstuur={(g) =>
              leg({
                soort: tekst(g, 'soort'),
                uitkomst: tekst(g, 'uitkomst'),
                tijdstip: alsTijdstip(tekst(g, 'tijdstip') ?? ''),
                notitie: tekst(g, 'notitie'),
              })
            }
          >
            <KeuzeVeld pad="soort" label="Soort contact" keuzes={CONTACT_SOORTEN} />
            <KeuzeVeld pad="uitkomst" label="Uitkomst" keuzes={UITKOMSTEN} />
            <DatumVeld pad="tijdstip" label="Wanneer" metTijd />
            <TekstvakVeld pad="notitie" label="Notitie (alleen voor het team)" />
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
