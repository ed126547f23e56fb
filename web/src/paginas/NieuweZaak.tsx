import { Checkbox, Field, Heading, Paragraph, Select, TextInput } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { SCHULDEISER_TYPES } from '../../../common/begrippen';
import { api } from '../api';
import { Formulier, tekst, Veld } from '../formulier';
import { vandaag, woorden } from '../opmaak';
import { navigeer } from '../router';
import { useSessie } from '../sessie';

/** A number field as the API expects it; anything unreadable goes as typed, so the API names the field. */
function getal(g: FormData, naam: string, factor = 1): number | string | undefined {
  const waarde = tekst(g, naam);
  if (waarde === undefined) return undefined;
  const n = Number(waarde.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * factor) : waarde;
}

function TeamVeld() {
  const { gebruiker } = useSessie();
  return (
    <Veld pad="buurtteam" label="Buurtteam">
      {(p) => (
        <Select name="buurtteam" {...p}>
          {gebruiker.buurtteams.map((t) => (
            <Select.Option key={t} value={t}>
              {t}
            </Select.Option>
          ))}
        </Select>
      )}
    </Veld>
  );
}

/** One submission = one Idempotency-Key, so a retry after a lost answer never starts a second case. */
function useSleutel() {
  return useState(() => crypto.randomUUID())[0];
}

export function NieuweMelding() {
  const sleutel = useSleutel();
  return (
    <>
      <Heading level={1}>Nieuwe Vroeg Eropaf-melding</Heading>
      <Paragraph>Een schuldeiser meldt een betalingsachterstand; het buurtteam plant een huisbezoek.</Paragraph>
      <Formulier
        id="nieuwe-melding"
        knop="Melding registreren"
        onVerstuur={async (g) => {
          const { id } = await api<{ id: string }>(
            'POST',
            '/meldingen',
            {
              schuldeiser: { type: tekst(g, 'schuldeiser.type'), naam: tekst(g, 'schuldeiser.naam') },
              referentie: tekst(g, 'referentie'),
              achterstand: { bedragCent: getal(g, 'achterstand.bedragCent', 100), maanden: getal(g, 'achterstand.maanden') },
              meldDatum: tekst(g, 'meldDatum'),
              buurtteam: tekst(g, 'buurtteam'),
              regievoerder: tekst(g, 'regievoerder'),
              client: {
                naam: tekst(g, 'client.naam'),
                adres: {
                  straat: tekst(g, 'client.adres.straat'),
                  huisnummer: tekst(g, 'client.adres.huisnummer'),
                  postcode: tekst(g, 'client.adres.postcode'),
                },
                bsn: tekst(g, 'client.bsn'),
              },
            },
            sleutel,
          );
          navigeer(`/app/meldingen/${id}`);
        }}
      >
        <Veld pad="schuldeiser.type" label="Soort schuldeiser">
          {(p) => (
            <Select name="schuldeiser.type" {...p}>
              {SCHULDEISER_TYPES.map((s) => (
                <Select.Option key={s} value={s}>
                  {woorden(s)}
                </Select.Option>
              ))}
            </Select>
          )}
        </Veld>
        <Veld pad="schuldeiser.naam" label="Naam schuldeiser">
          {(p) => <TextInput name="schuldeiser.naam" {...p} />}
        </Veld>
        <Veld pad="referentie" label="Referentie van de schuldeiser">
          {(p) => <TextInput name="referentie" {...p} />}
        </Veld>
        <Veld pad="achterstand.bedragCent" label="Achterstand in euro">
          {(p) => <TextInput name="achterstand.bedragCent" inputMode="decimal" {...p} />}
        </Veld>
        <Veld pad="achterstand.maanden" label="Achterstand in maanden">
          {(p) => <TextInput name="achterstand.maanden" inputMode="numeric" {...p} />}
        </Veld>
        <Veld pad="meldDatum" label="Melddatum">
          {(p) => <input type="date" className="ams-date-input" name="meldDatum" defaultValue={vandaag()} {...p} />}
        </Veld>
        <TeamVeld />
        <Veld pad="regievoerder" label="Regievoerder" hint="optioneel, medewerkerscode">
          {(p) => <TextInput name="regievoerder" {...p} />}
        </Veld>
        <Veld pad="client.naam" label="Naam bewoner">
          {(p) => <TextInput name="client.naam" autoComplete="off" {...p} />}
        </Veld>
        <Veld pad="client.adres.straat" label="Straat">
          {(p) => <TextInput name="client.adres.straat" autoComplete="off" {...p} />}
        </Veld>
        <Veld pad="client.adres.huisnummer" label="Huisnummer">
          {(p) => <TextInput name="client.adres.huisnummer" autoComplete="off" size={8} {...p} />}
        </Veld>
        <Veld pad="client.adres.postcode" label="Postcode">
          {(p) => <TextInput name="client.adres.postcode" autoComplete="off" size={8} {...p} />}
        </Veld>
        <Veld pad="client.bsn" label="BSN" hint="optioneel">
          {(p) => <TextInput name="client.bsn" inputMode="numeric" autoComplete="off" size={10} {...p} />}
        </Veld>
      </Formulier>
    </>
  );
}

export function NieuweAanmelding() {
  const sleutel = useSleutel();
  return (
    <>
      <Heading level={1}>Nieuwe aanmelding schuldhulp</Heading>
      <Paragraph>Met de aanmelding start het traject en de beschikkingstermijn van 8 weken.</Paragraph>
      <Formulier
        id="nieuwe-aanmelding"
        knop="Aanmelding registreren"
        onVerstuur={async (g) => {
          const { id } = await api<{ id: string }>(
            'POST',
            '/aanmeldingen',
            {
              aanmeldDatum: tekst(g, 'aanmeldDatum'),
              buurtteam: tekst(g, 'buurtteam'),
              regievoerder: tekst(g, 'regievoerder'),
              client: { naam: tekst(g, 'client.naam'), bsn: tekst(g, 'client.bsn') },
              crisis: g.get('crisis') === 'on',
              toestemming: { vastleggen: g.get('toestemming.vastleggen') === 'on', delen: g.get('toestemming.delen') === 'on' },
            },
            sleutel,
          );
          navigeer(`/app/trajecten/${id}`);
        }}
      >
        <Veld pad="aanmeldDatum" label="Aanmelddatum">
          {(p) => <input type="date" className="ams-date-input" name="aanmeldDatum" defaultValue={vandaag()} {...p} />}
        </Veld>
        <TeamVeld />
        <Veld pad="regievoerder" label="Regievoerder" hint="optioneel, medewerkerscode">
          {(p) => <TextInput name="regievoerder" {...p} />}
        </Veld>
        <Veld pad="client.naam" label="Naam cliënt">
          {(p) => <TextInput name="client.naam" autoComplete="off" {...p} />}
        </Veld>
        <Veld pad="client.bsn" label="BSN cliënt">
          {(p) => <TextInput name="client.bsn" inputMode="numeric" autoComplete="off" size={10} {...p} />}
        </Veld>
        <Field>
          <Checkbox name="crisis">Crisis (dreigende huisuitzetting, afsluiting of opzegging zorgverzekering)</Checkbox>
          <Checkbox name="toestemming.vastleggen" defaultChecked>
            Toestemming om gegevens vast te leggen
          </Checkbox>
          <Checkbox name="toestemming.delen">Toestemming om gegevens te delen</Checkbox>
        </Field>
      </Formulier>
    </>
  );
}
