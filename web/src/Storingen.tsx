import { Paragraph } from '@amsterdam/design-system-react';
import type { Storing } from '../../workflows/types';
import { Formulier } from './formulier';
import { datumTijd, woorden } from './opmaak';
import { Sectie } from './Sectie';

const UITWIJK: Record<NonNullable<Storing['uitwijk']>, string> = {
  verstuurd: 'intussen via het tweede kanaal verstuurd',
  'geen-uitwijk': 'geen tweede kanaal',
  mislukt: 'ook het tweede kanaal mislukte',
};

/**
 * Deliveries of this case that the receiver refused and the case keeps retrying. Once the cause
 * is fixed (a token, an address), a case worker may send them again now instead of waiting for
 * the next try; the API offers this only while something was refused.
 */
export function Storingen({
  storingen,
  magHerleveren,
  herlever,
}: {
  storingen: Storing[];
  magHerleveren: boolean;
  herlever: () => Promise<void>;
}) {
  if (storingen.length === 0) return null;
  return (
    <Sectie id="storingen" titel="Geweigerde leveringen">
      <ul className="zaaklijst">
        {storingen.map((s) => (
          <li key={s.sleutel}>
            {s.soort} <strong>{woorden(s.onderwerp)}</strong> geweigerd: {s.reden}. Sinds {datumTijd(s.sinds)}, {s.pogingen}{' '}
            {s.pogingen === 1 ? 'poging' : 'pogingen'}; volgende poging {datumTijd(s.volgendePoging)}
            {s.uitwijk && ` (${UITWIJK[s.uitwijk]})`}.
          </li>
        ))}
      </ul>
      {magHerleveren && (
        <>
          <Paragraph>Is de oorzaak verholpen? Verstuur ze dan nu opnieuw.</Paragraph>
          <Formulier id="herlevering" knop="Nu opnieuw versturen" onVerstuur={herlever}>
            {null}
          </Formulier>
        </>
      )}
    </Sectie>
  );
}
