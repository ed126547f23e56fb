import { Alert, Grid, Page, PageFooter, PageHeader, Paragraph, SkipLink } from '@amsterdam/design-system-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { afmelden } from './auth';
import { Dashboard } from './paginas/Dashboard';
import { Melding } from './paginas/Melding';
import { Advies } from './paginas/Advies';
import { NieuwAdvies, NieuweAanmelding, NieuweMelding } from './paginas/NieuweZaak';
import { Rapportage } from './paginas/Rapportage';
import { TemporalUi } from './paginas/TemporalUi';
import { Traject } from './paginas/Traject';
import { Werkvoorraad } from './paginas/Werkvoorraad';
import { AppLink, useLocatie } from './router';
import { isTeamleider, magCasussenBewerken, magCodecSessie, useSessie } from './sessie';

interface Route {
  titel: string;
  inhoud: ReactNode;
}

function route(url: URL, magLeiden: boolean, magBewerken: boolean, operator: boolean): Route {
  const pad = url.pathname.replace(/\/$/, '');
  const zaak = /^\/app\/(meldingen|trajecten|adviezen)\/([a-z0-9-]{1,100})$/.exec(pad);
  // Case pages show personal data and its forms: the team's case workers'. An operator gets the
  // case without personal data from the API and the Temporal UI, not a page built for the full one.
  if (zaak && !magBewerken) {
    return {
      titel: 'Zaak',
      inhoud: (
        <Alert heading="Zaakpagina's zijn voor medewerkers en teamleiders" headingLevel={1} severity="warning">
          <Paragraph>
            Als operator ziet u de voortgang van een zaak zonder persoonsgegevens in de Temporal UI (
            <AppLink href="/app/temporal-ui" className="ams-link">
              met de codec server
            </AppLink>
            ) of met <code>GET /{zaak[1]}/:id</code>.
          </Paragraph>
        </Alert>
      ),
    };
  }
  if (zaak?.[1] === 'meldingen') return { titel: 'Melding', inhoud: <Melding id={zaak[2]!} key={zaak[2]} /> };
  if (zaak?.[1] === 'trajecten') return { titel: 'Traject', inhoud: <Traject id={zaak[2]!} key={zaak[2]} /> };
  if (zaak?.[1] === 'adviezen') return { titel: 'Advies', inhoud: <Advies id={zaak[2]!} key={zaak[2]} /> };
  if (pad === '/app/overzicht' && magLeiden) return { titel: 'Overzicht', inhoud: <Dashboard zoek={url.searchParams} /> };
  if (pad === '/app/temporal-ui' && operator) return { titel: 'Temporal UI', inhoud: <TemporalUi /> };
  if (pad === '/app/rapportage' && magLeiden) return { titel: 'Rapportage', inhoud: <Rapportage zoek={url.searchParams} /> };
  if (pad === '/app/nieuw/melding' && magBewerken) return { titel: 'Nieuwe melding', inhoud: <NieuweMelding /> };
  if (pad === '/app/nieuw/aanmelding' && magBewerken) return { titel: 'Nieuwe aanmelding', inhoud: <NieuweAanmelding /> };
  if (pad === '/app/nieuw/advies' && magBewerken) return { titel: 'Nieuw advies', inhoud: <NieuwAdvies /> };
  if (pad === '/app') return { titel: 'Werkvoorraad', inhoud: <Werkvoorraad zoek={url.searchParams} /> };
  return {
    titel: 'Niet gevonden',
    inhoud: (
      <Alert heading="Deze pagina bestaat niet of is niet voor u" headingLevel={1} severity="warning">
        <Paragraph>
          <AppLink href="/app/" className="ams-link">
            Naar de werkvoorraad
          </AppLink>
        </Paragraph>
      </Alert>
    ),
  };
}

export function App() {
  const { gebruiker } = useSessie();
  const url = useLocatie();
  const leider = isTeamleider(gebruiker);
  const bewerken = magCasussenBewerken(gebruiker);
  const operator = magCodecSessie(gebruiker);
  const { titel, inhoud } = route(url, leider, bewerken, operator);
  const main = useRef<HTMLElement>(null);

  // A new page: its title for the tab and screen readers, focus at its start.
  useEffect(() => {
    document.title = `${titel} · Schuldhulp buurtteams`;
    main.current?.focus();
  }, [url.pathname, titel]);

  const menu = [
    <PageHeader.MenuLink key="w" href="/app/" linkComponent={AppLink} fixed>
      Werkvoorraad
    </PageHeader.MenuLink>,
    leider && (
      <PageHeader.MenuLink key="o" href="/app/overzicht" linkComponent={AppLink} fixed>
        Overzicht
      </PageHeader.MenuLink>
    ),
    leider && (
      <PageHeader.MenuLink key="r" href="/app/rapportage" linkComponent={AppLink} fixed>
        Rapportage
      </PageHeader.MenuLink>
    ),
    operator && (
      <PageHeader.MenuLink key="t" href="/app/temporal-ui" linkComponent={AppLink} fixed>
        Temporal UI
      </PageHeader.MenuLink>
    ),
    bewerken && (
      <PageHeader.MenuLink key="m" href="/app/nieuw/melding" linkComponent={AppLink}>
        Nieuwe melding
      </PageHeader.MenuLink>
    ),
    bewerken && (
      <PageHeader.MenuLink key="a" href="/app/nieuw/aanmelding" linkComponent={AppLink}>
        Nieuwe aanmelding
      </PageHeader.MenuLink>
    ),
    bewerken && (
      <PageHeader.MenuLink key="i" href="/app/nieuw/advies" linkComponent={AppLink}>
        Nieuw advies
      </PageHeader.MenuLink>
    ),
  ];

  return (
    <Page>
      <SkipLink href="#inhoud">Direct naar inhoud</SkipLink>
      <PageHeader
        brandName="Schuldhulp buurtteams"
        brandNameShort="Schuldhulp"
        logoLink="/app/"
        logoLinkComponent={AppLink}
        logoLinkTitle="Naar de werkvoorraad"
        menuButtonText="Menu"
        menuItems={menu}
      >
        <Grid paddingVertical="large">
          <Grid.Cell span="all">
            <nav aria-label="Menu">
              <ul className="menu-lijst">
                <li>
                  <AppLink href="/app/" className="ams-link">
                    Werkvoorraad
                  </AppLink>
                </li>
                {leider && (
                  <li>
                    <AppLink href="/app/overzicht" className="ams-link">
                      Overzicht
                    </AppLink>
                  </li>
                )}
                {leider && (
                  <li>
                    <AppLink href="/app/rapportage" className="ams-link">
                      Rapportage
                    </AppLink>
                  </li>
                )}
                {operator && (
                  <li>
                    <AppLink href="/app/temporal-ui" className="ams-link">
                      Temporal UI
                    </AppLink>
                  </li>
                )}
                {bewerken && (
                  <li>
                    <AppLink href="/app/nieuw/melding" className="ams-link">
                      Nieuwe melding
                    </AppLink>
                  </li>
                )}
                {bewerken && (
                  <li>
                    <AppLink href="/app/nieuw/aanmelding" className="ams-link">
                      Nieuwe aanmelding
                    </AppLink>
                  </li>
                )}
                {bewerken && (
                  <li>
                    <AppLink href="/app/nieuw/advies" className="ams-link">
                      Nieuw advies
                    </AppLink>
                  </li>
                )}
              </ul>
            </nav>
            <Paragraph className="gebruiker">
              Aangemeld als {gebruiker.naam ?? gebruiker.sub} ({gebruiker.rollen.join(', ')};{' '}
              {gebruiker.buurtteams.join(', ') || 'geen team'}).{' '}
              <button type="button" className="ams-link knop-als-link" onClick={() => void afmelden()}>
                Afmelden
              </button>
            </Paragraph>
          </Grid.Cell>
        </Grid>
      </PageHeader>
      <main id="inhoud" ref={main} tabIndex={-1}>
        <Grid paddingBottom="2x-large">
          <Grid.Cell span="all">{inhoud}</Grid.Cell>
        </Grid>
      </main>
      <PageFooter>
        <PageFooter.Spotlight>
          <Grid paddingVertical="large">
            <Grid.Cell span="all">
              <Paragraph color="inverse" size="small">
                Gemeente Amsterdam · buurtteams schuldhulp
              </Paragraph>
            </Grid.Cell>
          </Grid>
        </PageFooter.Spotlight>
      </PageFooter>
    </Page>
  );
}
