import { describe, expect, it } from 'vitest';
import { TokenGeheugen } from '../api/auth/tokenGeheugen';
import type { Gebruiker } from '../api/auth/tokenVerifier';

const mdw: Gebruiker = { sub: 'mdw-1', rollen: ['medewerker'], buurtteams: ['noord'] };

describe('memory of verified tokens', () => {
  it('holds a token until its exp, and never longer than a minute', () => {
    let nu = 1_000_000_000_000;
    const geheugen = new TokenGeheugen(() => nu);
    geheugen.bewaar('kort', mdw, nu / 1000 + 10);
    geheugen.bewaar('lang', mdw, nu / 1000 + 3600);
    geheugen.bewaar('zonder-exp', mdw, undefined);
    nu += 9_999;
    expect(geheugen.haal('kort')).toEqual(mdw);
    nu += 1;
    expect(geheugen.haal('kort')).toBeUndefined();
    nu += 49_999;
    expect(geheugen.haal('lang')).toEqual(mdw);
    expect(geheugen.haal('zonder-exp')).toEqual(mdw);
    nu += 1;
    expect(geheugen.haal('lang')).toBeUndefined();
    expect(geheugen.haal('zonder-exp')).toBeUndefined();
  });

  it('lets the oldest token go first when full, and gives callers a user they cannot change', () => {
    const nu = 1_000_000_000_000;
    const geheugen = new TokenGeheugen(() => nu, 60_000, 2);
    geheugen.bewaar('a', mdw, undefined);
    geheugen.bewaar('b', { ...mdw, sub: 'mdw-2' }, undefined);
    // Stored again: now the newest.
    geheugen.bewaar('a', mdw, undefined);
    geheugen.bewaar('c', { ...mdw, sub: 'mdw-3' }, undefined);
    expect([geheugen.haal('a')?.sub, geheugen.haal('b')?.sub, geheugen.haal('c')?.sub]).toEqual(['mdw-1', undefined, 'mdw-3']);
    expect(() => {
      (geheugen.haal('a') as Gebruiker).sub = 'iemand-anders';
    }).toThrow(TypeError);
  });
});
