import { DescriptionList, Paragraph } from '@amsterdam/design-system-react';
import { ROUTENAAM, stappenVanRoute, UITKERINGEN, WPI_STAPNAAM, WPI_STAPPEN_ALTIJD, type WpiStap } from '../../../common/wpiRoute';
import type { MeldingStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { datum, woorden } from '../opmaak';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld, TekstvakVeld, TekstVeld } from '../velden';

/** The steps the workflow takes now: its open tasks (`wpi-oppakken` is the assignment). */
function openStappen(m: MeldingStatus): WpiStap[] {
  return m.openTaken.flatMap((t) =>
    t === 'wpi-oppakken' ? ['toegewezen' as const] : stappenVanRoute(m.wpi!.route).filter((s) => t === `wpi-${s}`),
  );
}

/**
 * The melding's vroegsignalering route (werkkader §2.8.2): Vroeg Eropaf, which a medewerker can
 * hand to WPI when the person turns out to have a Participatiewet uitkering; or a WPI route with
 * its klantmanager, inkomensconsulent and steps, and the form for the next step.
 */
export function WpiSectie({
  m,
  bewerken,
  stuur,
}: {
  m: MeldingStatus;
  bewerken: boolean;
  stuur: (pad: string, body: unknown) => Promise<void>;
}) {
  const { wpi } = m;
  if (!wpi) {
    return (
      <Sectie id="route" titel={`Route: ${ROUTENAAM[m.route]}`}>
        <Paragraph>
          Huisbezoeken door het buurtteam. Heeft de bewoner een Participatiewet-uitkering? Dan gaat de melding naar WPI.
        </Paragraph>
        {bewerken && (
          <details>
            <summary>Naar een WPI-route</summary>
            <Formulier
              id="wpi-route"
              knop="Naar WPI"
              onVerstuur={(g) => stuur('wpi-route', { uitkering: tekst(g, 'uitkering'), toelichting: tekst(g, 'toelichting') })}
            >
              <KeuzeVeld pad="uitkering" label="Uitkering" keuzes={UITKERINGEN} />
              <TekstvakVeld pad="toelichting" label="Toelichting" hint="optioneel" />
            </Formulier>
          </details>
        )}
      </Sectie>
    );
  }
  const open = bewerken ? openStappen(m) : [];
  return (
    <Sectie id="route" titel={`Route: ${ROUTENAAM[wpi.route]}`}>
      <Paragraph>
        Bij WPI sinds {datum(wpi.sinds.slice(0, 10))} (
        {wpi.aanleiding === 'signaal' ? 'volgens het signaal' : `door ${wpi.door ?? 'een medewerker'}`}
        ). Klantmanager {wpi.klantmanager ?? 'nog niet toegewezen'}, inkomensconsulent {wpi.inkomensconsulent ?? 'nog niet toegewezen'}.
      </Paragraph>
      <DescriptionList termsWidth="medium">
        {stappenVanRoute(wpi.route).map((s) => (
          <DescriptionList.Section key={s}>
            <DescriptionList.Term>{WPI_STAPNAAM[s]}</DescriptionList.Term>
            <DescriptionList.Description>
              {wpi.stappen[s] ? `${woorden(wpi.stappen[s].status)} op ${datum(wpi.stappen[s].datum)}` : 'open'}
            </DescriptionList.Description>
          </DescriptionList.Section>
        ))}
      </DescriptionList>
      {open.length > 0 && (
        <details open>
          <summary>Stap van de route registreren</summary>
          <Formulier
            id="wpi-stap"
            knop="Stap registreren"
            onVerstuur={(g) =>
              stuur('wpi-stappen', {
                stap: tekst(g, 'stap'),
                status: tekst(g, 'status'),
                datum: tekst(g, 'datum'),
                klantmanager: tekst(g, 'klantmanager'),
                inkomensconsulent: tekst(g, 'inkomensconsulent'),
              })
            }
          >
            <KeuzeVeld pad="stap" label="Stap" keuzes={open.map((s) => ({ waarde: s, label: WPI_STAPNAAM[s] }))} />
            <KeuzeVeld
              pad="status"
              label="Status"
              keuzes={open.every((s) => WPI_STAPPEN_ALTIJD.includes(s)) ? ['afgerond'] : ['afgerond', 'niet-nodig']}
            />
            <DatumVeld pad="datum" label="Datum" />
            {open.includes('toegewezen') && (
              <>
                <TekstVeld pad="klantmanager" label="Klantmanager (WPI)" hint="medewerkerscode, bijvoorbeeld km-0042" />
                <TekstVeld pad="inkomensconsulent" label="Inkomensconsulent (WPI)" hint="medewerkerscode" />
              </>
            )}
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
