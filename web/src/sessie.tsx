import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, NietAangemeld } from './api';
import { vierOgenBezwaar, type VierOgenZaak } from '../../common/vierOgen';
import { magOntsleutelen } from '../../common/codecRollen';
import { aanmelden, type AppConfig } from './auth';

export type Rol = 'medewerker' | 'teamleider' | 'operator' | 'beheerder';

/** The signed-in user as the API sees them (GET /ik): what the app may show follows from this. */
export interface Gebruiker {
  sub: string;
  naam?: string;
  rollen: Rol[];
  buurtteams: string[];
}

export interface Sessie {
  config: AppConfig;
  gebruiker: Gebruiker;
}

export const SessieContext = createContext<Sessie | undefined>(undefined);

export function useSessie(): Sessie {
  const sessie = useContext(SessieContext);
  if (!sessie) throw new Error('useSessie buiten SessieContext');
  return sessie;
}

/*
 * What the app offers follows the API's rules (api/auth/toegang.ts, api/updateRoutes.ts); the API checks
 * them again on every request, so these only keep people from buttons that would answer 403.
 */
export const isTeamleider = (g: Gebruiker) => g.rollen.includes('teamleider');
/** Case workers register and change cases of their own teams. */
export const magCasussenBewerken = (g: Gebruiker) => g.rollen.includes('medewerker') || isTeamleider(g);
/** Operators and beheerders may decode payloads through the codec server. */
export const magCodecSessie = (g: Gebruiker) => magOntsleutelen(g.rollen);
/** A beschikking is the teamleider's, under the four-eyes rule of the API (common/vierOgen.ts). */
export const magBeschikkingRegistreren = (g: Gebruiker, zaak: VierOgenZaak, config: AppConfig) =>
  isTeamleider(g) && vierOgenBezwaar(g.sub, zaak, config.vierOgen !== false, 'beschikking registreren') === undefined;

export interface Laden<T> {
  data?: T;
  fout?: Error;
  herlaad: () => void;
  zet: (data: T) => void;
}

/** GETs an API path; a missing or expired sign-in sends the user to the issuer and back here. */
export function useLaden<T>(pad: string | undefined): Laden<T> {
  const [data, zet] = useState<T>();
  const [fout, zetFout] = useState<Error>();
  const [teller, zetTeller] = useState(0);
  useEffect(() => {
    if (!pad) return;
    let actueel = true;
    zetFout(undefined);
    api<T>('GET', pad).then(
      (d) => actueel && zet(d),
      (f: Error) => {
        if (!actueel) return;
        if (f instanceof NietAangemeld) void aanmelden(location.pathname + location.search);
        else zetFout(f);
      },
    );
    return () => {
      actueel = false;
    };
  }, [pad, teller]);
  const herlaad = useCallback(() => zetTeller((t) => t + 1), []);
  return { data, fout, herlaad, zet };
}
