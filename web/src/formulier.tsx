import { Alert, Button, ErrorMessage, Field, InvalidFormAlert, Label } from '@amsterdam/design-system-react';
import { createContext, useContext, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { VERPLICHT } from '../../common/veldfouten';
import { ApiFout, NietAangemeld, type VeldFout } from './api';
import { aanmelden } from './auth';

/** How a field names itself in error messages: its label, and the sentence for a missing value. */
interface Veldnaam {
  label: string;
  leeg: string;
}

interface FormulierStand {
  id: string;
  fouten: VeldFout[];
  /** Field names by API path, registered by each Veld, for the messages at the field and on top. */
  namen: Map<string, Veldnaam>;
}

const FormulierContext = createContext<FormulierStand>({ id: 'formulier', fouten: [], namen: new Map() });

/**
 * The API's message for a field in words for the person at the form: a missing value as the
 * field's own request ("Vul de straat in"); any other message, already Dutch, as it is.
 */
function inGewoneWoorden(fout: VeldFout, naam: Veldnaam | undefined): { bijVeld: string; bovenaan: string } {
  if (naam && fout.melding === VERPLICHT) return { bijVeld: naam.leeg, bovenaan: naam.leeg };
  return { bijVeld: fout.melding, bovenaan: `${naam?.label ?? fout.pad}: ${fout.melding}` };
}

export const veldId = (formulierId: string, pad: string) => `${formulierId}-${pad.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** The API's messages for exactly this path. */
const foutenVoor = (fouten: VeldFout[], pad: string) => fouten.filter((f) => f.pad === pad);

/**
 * A form that sends its fields to the API. Errors come from the API: 400 `velden[].pad` are shown
 * at the field with that path and summarised on top; any other refusal (409: not allowed now) as an alert.
 */
export function Formulier({
  id,
  knop,
  onVerstuur,
  children,
}: {
  id: string;
  knop: string;
  onVerstuur: (gegevens: FormData) => Promise<void>;
  children: ReactNode;
}) {
  const [fouten, zetFouten] = useState<VeldFout[]>([]);
  const [melding, zetMelding] = useState<string>();
  const [bezig, zetBezig] = useState(false);
  const namen = useRef(new Map<string, Veldnaam>()).current;

  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    zetBezig(true);
    zetFouten([]);
    zetMelding(undefined);
    try {
      await onVerstuur(new FormData(e.currentTarget));
    } catch (fout) {
      if (fout instanceof NietAangemeld) return void aanmelden(location.pathname + location.search);
      if (fout instanceof ApiFout && fout.velden.length > 0) zetFouten(fout.velden);
      else zetMelding(fout instanceof Error ? fout.message : String(fout));
    } finally {
      zetBezig(false);
    }
  };

  const samenvatting = fouten.map((f) => ({
    id: `#${namen.has(f.pad) ? veldId(id, f.pad) : id}`,
    label: inGewoneWoorden(f, namen.get(f.pad)).bovenaan,
  }));
  return (
    <FormulierContext.Provider value={{ id, fouten, namen }}>
      <form id={id} className="formulier" onSubmit={(e) => void verstuur(e)} noValidate>
        <InvalidFormAlert errors={samenvatting} headingLevel={3} heading="Verbeter de fouten" />
        {melding && (
          <Alert severity="error" heading="Niet gelukt" headingLevel={3}>
            <p className="ams-paragraph">{melding}</p>
          </Alert>
        )}
        {children}
        <Button type="submit" disabled={bezig}>
          {knop}
        </Button>
      </form>
    </FormulierContext.Provider>
  );
}

export interface VeldProps {
  id: string;
  /** The API path: FormData keys are the paths the API reports errors at. */
  name: string;
  invalid: boolean;
  'aria-describedby'?: string;
}

export interface VeldBasis {
  /** The API path: FormData keys are the paths the API reports errors at. */
  pad: string;
  label: string;
  hint?: string;
  /** What to ask when the value is missing, e.g. "Vul de straat in"; by default from the label. */
  leeg?: string;
}

/** A labelled field bound to one API path; shows that path's error messages. */
export function Veld({ pad, label, hint, leeg, children }: VeldBasis & { children: (p: VeldProps) => ReactNode }) {
  const { id: formulierId, fouten, namen } = useContext(FormulierContext);
  const naam = { label, leeg: leeg ?? `Vul ${label.toLowerCase()} in` };
  namen.set(pad, naam);
  const id = veldId(formulierId, pad);
  const mijnFouten = foutenVoor(fouten, pad);
  const invalid = mijnFouten.length > 0;
  return (
    <Field invalid={invalid}>
      <Label htmlFor={id} hint={hint}>
        {label}
      </Label>
      {mijnFouten.map((f) => (
        <ErrorMessage key={f.melding} id={`${id}-fout`}>
          {inGewoneWoorden(f, naam).bijVeld}
        </ErrorMessage>
      ))}
      {children({ id, name: pad, invalid, ...(invalid ? { 'aria-describedby': `${id}-fout` } : {}) })}
    </Field>
  );
}

/** FormData fields as text; empty fields are left out so the API reports them as missing. */
export function tekst(gegevens: FormData, naam: string): string | undefined {
  const waarde = String(gegevens.get(naam) ?? '').trim();
  return waarde === '' ? undefined : waarde;
}

/** A number field as the API expects it (Dutch decimal comma); anything unreadable goes as typed, so the API names the field. */
export function getal(gegevens: FormData, naam: string, factor = 1): number | string | undefined {
  const waarde = tekst(gegevens, naam);
  if (waarde === undefined) return undefined;
  const n = Number(waarde.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * factor) : waarde;
}
