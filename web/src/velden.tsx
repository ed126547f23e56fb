import { Checkbox, Field, Select, TextArea, TextInput } from '@amsterdam/design-system-react';
import type { InputHTMLAttributes } from 'react';
import { Veld, type VeldBasis } from './formulier';
import { nuLokaal, vandaag, woorden } from './opmaak';

type Keuze = string | { waarde: string; label: string };

/** A choice from a vocabulary; slugs read as words unless a label is given. */
export function KeuzeVeld({
  keuzes,
  defaultValue,
  onKies,
  ...basis
}: VeldBasis & { keuzes: readonly Keuze[]; defaultValue?: string; onKies?: (waarde: string) => void }) {
  return (
    <Veld leeg={`Kies ${basis.label.toLowerCase()}`} {...basis}>
      {(p) => (
        <Select defaultValue={defaultValue} onChange={onKies && ((e) => onKies(e.target.value))} {...p}>
          {keuzes.map((k) => {
            const { waarde, label } = typeof k === 'string' ? { waarde: k, label: woorden(k) } : k;
            return (
              <Select.Option key={waarde} value={waarde}>
                {label}
              </Select.Option>
            );
          })}
        </Select>
      )}
    </Veld>
  );
}

export function TekstVeld({
  defaultValue,
  inputMode,
  size,
  persoonsgegeven,
  ...basis
}: VeldBasis & Pick<InputHTMLAttributes<HTMLInputElement>, 'defaultValue' | 'inputMode' | 'size'> & { persoonsgegeven?: boolean }) {
  return (
    <Veld {...basis}>
      {(p) => (
        <TextInput
          defaultValue={defaultValue}
          inputMode={inputMode}
          size={size}
          autoComplete={persoonsgegeven ? 'off' : undefined}
          {...p}
        />
      )}
    </Veld>
  );
}

/** A few lines of free text (a note, a reason). */
export function TekstvakVeld(basis: VeldBasis) {
  return <Veld {...basis}>{(p) => <TextArea rows={2} {...p} />}</Veld>;
}

/** A date (default today) or, with `metTijd`, a date and time (default now), both Amsterdam time. */
export function DatumVeld({ metTijd, ...basis }: VeldBasis & { metTijd?: boolean }) {
  return (
    <Veld {...basis}>
      {(p) => (
        <input
          type={metTijd ? 'datetime-local' : 'date'}
          className="ams-date-input"
          defaultValue={metTijd ? nuLokaal() : vandaag()}
          {...p}
        />
      )}
    </Veld>
  );
}

/** The empty first option keeps the select from showing (and sending) "Ja" before anyone chose. */
const JA_NEE = [
  { waarde: '', label: 'Kies ja of nee' },
  { waarde: 'ja', label: 'Ja' },
  { waarde: 'nee', label: 'Nee' },
];

/**
 * Crisis and consent of an aanmelding, the same for a new aanmelding and a hand-over. Consent is
 * asked of the client and answered explicitly (werkkader §2.4.6, "Privacy en uitwisseling gegevens"): no answer is chosen beforehand.
 */
export function CrisisEnToestemming() {
  return (
    <>
      <Field>
        <Checkbox name="crisis">Crisis (dreigende huisuitzetting, afsluiting of opzegging zorgverzekering)</Checkbox>
      </Field>
      <Toestemming />
    </>
  );
}

/**
 * Consent to record and to share, asked of the client; an advies asks it too, without the crisis.
 * `zonder`: what the case leaves out without consent to record.
 */
export function Toestemming({ zonder = 'legt het traject alleen het BSN vast' }: { zonder?: string }) {
  return (
    <>
      <KeuzeVeld
        pad="toestemming.vastleggen"
        label="Toestemming om gegevens vast te leggen"
        hint={`Gevraagd aan de cliënt; zonder toestemming ${zonder}`}
        keuzes={JA_NEE}
      />
      <KeuzeVeld pad="toestemming.delen" label="Toestemming om gegevens te delen" keuzes={JA_NEE} />
    </>
  );
}

/** `ja`/`nee` as a boolean; no answer stays out of the body, so the API asks for it. */
const jaNee = (g: FormData, naam: string) => {
  const antwoord = g.get(naam);
  return antwoord === 'ja' ? true : antwoord === 'nee' ? false : undefined;
};

/** The body fields of CrisisEnToestemming. */
export const crisisEnToestemming = (g: FormData) => ({
  crisis: g.get('crisis') === 'on',
  toestemming: { vastleggen: jaNee(g, 'toestemming.vastleggen'), delen: jaNee(g, 'toestemming.delen') },
});
