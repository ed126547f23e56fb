import { Alert, Paragraph } from '@amsterdam/design-system-react';
import type { Laden } from './sessie';

/** "Laden…" while a GET runs, its error when it failed. */
export function Laadstatus({ laden }: { laden: Pick<Laden<unknown>, 'data' | 'fout'> }) {
  if (laden.fout) {
    return (
      <Alert severity="error" heading="Laden mislukt" headingLevel={2}>
        <Paragraph>{laden.fout.message}</Paragraph>
      </Alert>
    );
  }
  return laden.data ? null : <Paragraph aria-live="polite">Laden…</Paragraph>;
}
