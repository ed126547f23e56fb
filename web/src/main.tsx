import '@amsterdam/design-system-assets/font/index.css';
import '@amsterdam/design-system-css/dist/index.css';
import '@amsterdam/design-system-tokens/dist/index.css';
import './stijl.css';
import { Alert, Button, Grid, Paragraph } from '@amsterdam/design-system-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, NietAangemeld } from './api';
import { App } from './App';
import { AFGEMELD_PAD, aanmelden, accessToken, CALLBACK_PAD, startAanmelding, verwerkTerugkeer, type AppConfig } from './auth';
import { SessieContext, type Gebruiker } from './sessie';

const wortel = createRoot(document.getElementById('app')!);

function Melding({ kop, tekst, aanmeldKnop }: { kop: string; tekst: string; aanmeldKnop?: boolean }) {
  return (
    <main className="losse-melding">
      <Grid paddingVertical="2x-large">
        <Grid.Cell span={{ narrow: 4, medium: 6, wide: 6 }}>
          <Alert heading={kop} headingLevel={1} severity="warning">
            <Paragraph>{tekst}</Paragraph>
          </Alert>
          {aanmeldKnop && (
            <Button onClick={() => void aanmelden('/app/')} className="aanmeld-knop">
              Aanmelden
            </Button>
          )}
        </Grid.Cell>
      </Grid>
    </main>
  );
}

/** Config, then the issuer's redirect or a sign-in, then who the user is; only then the app. */
async function start(): Promise<void> {
  const config = (await (await fetch('/app/config.json')).json()) as AppConfig;
  startAanmelding(config);
  if (location.pathname === CALLBACK_PAD) {
    try {
      history.replaceState(null, '', await verwerkTerugkeer());
    } catch (fout) {
      wortel.render(<Melding kop="Aanmelden mislukt" tekst={(fout as Error).message} aanmeldKnop />);
      return;
    }
  }
  if (location.pathname === AFGEMELD_PAD) {
    wortel.render(<Melding kop="U bent afgemeld" tekst="Sluit dit tabblad of meld opnieuw aan." aanmeldKnop />);
    return;
  }
  if (!(await accessToken())) return aanmelden(location.pathname + location.search);
  let gebruiker: Gebruiker;
  try {
    gebruiker = await api<Gebruiker>('GET', '/ik');
  } catch (fout) {
    if (fout instanceof NietAangemeld) return aanmelden(location.pathname + location.search);
    throw fout;
  }
  wortel.render(
    <StrictMode>
      <SessieContext.Provider value={{ config, gebruiker }}>
        <App />
      </SessieContext.Provider>
    </StrictMode>,
  );
}

start().catch((fout: Error) => wortel.render(<Melding kop="De toepassing kon niet starten" tekst={fout.message} />));
