/**
 * Messages of the API's field errors (`velden[].melding`) that clients act on. The web app shows
 * its own sentence for the field instead ("Vul de straat in"); other clients show this one.
 * Free of zod, so the web app can import it.
 */
export const VERPLICHT = 'verplicht';
