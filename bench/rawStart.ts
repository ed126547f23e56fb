import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { meldingIdVoor } from '../api/app';
import { meldSignaal } from '../api/signaalIntake';
import type { Melding } from '../common/schemas';

/** The bench's own household key secret: the raw path's households never meet the API's. */
const GEHEIM = randomBytes(32);

/**
 * Registers a melding the way `POST /meldingen` does, without the API: through its household's
 * lock (update-with-start), which starts the melding (same id, memo, reuse policy).
 */
export async function startMeldingRaw(client: Client, m: Melding): Promise<void> {
  const antwoord = await meldSignaal(client, GEHEIM, { ...m, meldingId: meldingIdVoor(m) }, async () => {});
  if (antwoord.bestaand) throw new Error('bench: melding bestond al');
}
