import { useState } from 'react';
import { api } from './api';

/**
 * Sends one update for a case with a fresh Idempotency-Key per attempt of the form, so a double
 * click or a retried request runs once; the answer (the case's new status) replaces the page's.
 */
export function useZaakActie<S>(zet: (status: S) => void) {
  const [sleutel, zetSleutel] = useState(() => crypto.randomUUID());
  return async (pad: string, body: unknown) => {
    zet(await api<S>('POST', pad, body, sleutel));
    zetSleutel(crypto.randomUUID());
  };
}
