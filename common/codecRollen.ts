/**
 * Who may decode payloads through the codec server (the Temporal UI's and CLI's view of every
 * case's personal data): the API's codec access and the web app's operator page both follow this.
 */
export const CODEC_ROLLEN = ['operator', 'beheerder'] as const;

export const magOntsleutelen = (rollen: readonly string[]): boolean =>
  rollen.some((rol) => (CODEC_ROLLEN as readonly string[]).includes(rol));
