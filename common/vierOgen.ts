/**
 * Four eyes on the beschikking (werkkader §2.4.6: the team decides, not the one who assessed the
 * case alone): who held the intake (later also who wrote the ondersteuningsplan), and the case's
 * regievoerder, do not register its beschikking themselves. `door` is the token's subject; the
 * intake's `gehoudenDoor` was recorded from the token too. Pure: the API, and the web app to
 * hide a button the API would refuse, both ask this. VIER_OGEN=uit switches it off.
 */
export interface VierOgenZaak {
  regievoerder?: string;
  intake: { gehoudenDoor?: string };
}

/** Why `door` may not do `handeling` on this case, or undefined when four eyes allow it. */
export function vierOgenBezwaar(door: string, zaak: VierOgenZaak, aan: boolean, handeling: string): string | undefined {
  if (!aan) return undefined;
  if (zaak.regievoerder === door) return `vier ogen: de regievoerder van de zaak mag dit niet zelf doen (${handeling})`;
  if (zaak.intake.gehoudenDoor === door) return `vier ogen: wie de intake hield mag dit niet zelf doen (${handeling})`;
  return undefined;
}
