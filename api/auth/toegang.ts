import type { RequestHandler, Response } from 'express';
import { HttpFout } from '../fouten';
import type { Gebruiker, Rol, TokenVerifier } from './tokenVerifier';

/** Paths anyone may read: health, the API description and the web app's static files. */
export function isOpenbaar(pad: string): boolean {
  return pad === '/health' || pad === '/openapi.json' || pad === '/app' || pad.startsWith('/app/');
}

/** Requires a valid bearer token on every other path and puts its caller in `res.locals.gebruiker`. */
export function authenticatie(verifieer: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    if (isOpenbaar(req.path)) return next();
    const [schema, token] = (req.get('authorization') ?? '').split(' ');
    res.set('WWW-Authenticate', 'Bearer');
    if (schema?.toLowerCase() !== 'bearer' || !token) throw new HttpFout(401, 'inloggen vereist: stuur een Bearer-token mee');
    res.locals.gebruiker = await verifieer(token);
    res.removeHeader('WWW-Authenticate');
    next();
  };
}

export function gebruiker(res: Response): Gebruiker {
  return res.locals.gebruiker as Gebruiker;
}

export function heeftRol(g: Gebruiker, ...rollen: Rol[]): boolean {
  return g.rollen.some((r) => rollen.includes(r));
}

/** 403 unless the caller has one of the roles. */
export function vereisRol(g: Gebruiker, rollen: Rol[], wat: string): void {
  if (!heeftRol(g, ...rollen)) throw new HttpFout(403, `${wat} mag alleen met de rol ${rollen.join(' of ')}`);
}

/** Case workers act only for their own buurtteams. */
export function werktVoorTeam(g: Gebruiker, team: string): boolean {
  return heeftRol(g, 'medewerker', 'teamleider') && g.buurtteams.includes(team);
}
