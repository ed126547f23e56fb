import { Alert, Button, Heading, Link, OrderedList, Paragraph } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { accessToken } from '../auth';
import { useSessie } from '../sessie';

type Status = { soort: 'open' } | { soort: 'fout'; tekst: string } | undefined;

/**
 * The operator's page for the dev server's Temporal UI: one click opens the codec session (the API
 * sets an HttpOnly cookie holding the operator's own token, so the codec server decodes for them and
 * protocols it), and the page says which settings to change in the UI (the labels of UI 2.54, which
 * the dev server of CLI 1.9.1 serves; its `--ui-codec-endpoint` cannot make the UI send cookies).
 */
export function TemporalUi() {
  const { config } = useSessie();
  const [status, zetStatus] = useState<Status>();
  const endpoint = `${location.origin}/codec`;

  if (!config.temporalUi)
    return (
      <>
        <Heading level={1}>Temporal UI</Heading>
        <Paragraph>Deze API draait zonder codec server (geen CODEC_TOKEN): de Temporal UI kan hier niets ontsleutelen.</Paragraph>
      </>
    );
  // The session cookie is SameSite=Strict: the UI's requests carry it only when both share a host.
  const uiHost = new URL(config.temporalUi).hostname;
  const andereHost = uiHost !== location.hostname;

  const openen = async () => {
    const antwoord = await fetch('/codec/sessie', {
      method: 'POST',
      body: new URLSearchParams({ token: (await accessToken()) ?? '' }),
      credentials: 'same-origin',
    }).catch((fout: Error) => ({ ok: false, text: async () => fout.message }));
    zetStatus(antwoord.ok ? { soort: 'open' } : { soort: 'fout', tekst: await antwoord.text() });
  };

  return (
    <>
      <Heading level={1}>Temporal UI ontsleutelen</Heading>
      <Paragraph>
        De Temporal UI toont de gegevens van zaken versleuteld. Met een codec-sessie ontsleutelt de codec server van deze API ze in deze
        browser, met uw eigen aanmelding als operator of beheerder; elk gebruik komt in het protocol.
      </Paragraph>
      {andereHost ? (
        <Alert heading="Open deze pagina via dezelfde host als de Temporal UI" headingLevel={2} severity="warning">
          <Paragraph>
            De Temporal UI draait op {uiHost}; open deze pagina via{' '}
            <Link href={`${location.protocol}//${uiHost}:${location.port}/app/temporal-ui`}>
              {location.protocol}//{uiHost}:{location.port}/app/temporal-ui
            </Link>
            , anders stuurt de browser de sessie niet mee.
          </Paragraph>
        </Alert>
      ) : (
        <Button onClick={() => void openen()}>Codec-sessie openen</Button>
      )}
      {status?.soort === 'open' && (
        <Alert heading="Codec-sessie geopend" headingLevel={2} severity="success">
          <Paragraph>Geldig in deze browser zolang uw aanmelding geldig is (hoogstens 8 uur).</Paragraph>
        </Alert>
      )}
      {status?.soort === 'fout' && (
        <Alert heading="Codec-sessie niet geopend" headingLevel={2} severity="error">
          <Paragraph>{status.tekst}</Paragraph>
        </Alert>
      )}
      <Heading level={2}>Daarna in de Temporal UI</Heading>
      <OrderedList>
        <OrderedList.Item>
          Open in de <Link href={config.temporalUi}>Temporal UI</Link> de pagina van een zaak en klik rechtsboven op{' '}
          <strong>Configure Codec Server</strong> (het brilletje).
        </OrderedList.Item>
        <OrderedList.Item>
          Kies <strong>Use my browser setting and ignore Cluster-level setting.</strong>
        </OrderedList.Item>
        <OrderedList.Item>
          Vul bij <strong>Codec Server browser endpoint</strong> in: <code>{endpoint}</code>
        </OrderedList.Item>
        <OrderedList.Item>
          Zet <strong>Include cross-origin credentials</strong> aan. Laat <strong>Pass the user access token</strong> uit: dat vraagt een
          https-endpoint.
        </OrderedList.Item>
        <OrderedList.Item>
          Klik op <strong>Apply</strong> en laad de pagina opnieuw.
        </OrderedList.Item>
      </OrderedList>
    </>
  );
}
