import { describe, expect, it } from 'vitest';
import { FileRegistrationAdapter } from '../activities/adapters/fileAdapters';
import { HttpRegistrationAdapter } from '../activities/adapters/httpRegistration';
import { ZgwRegistrationAdapter } from '../activities/adapters/zgwRegistration';
import { leesConfig } from '../common/config';
import { FASEN } from '../common/begrippen';
import { adaptersUitConfig } from '../workers/adapters';

const catalogus = 'https://catalogi.example/api/v1';
const zgw = {
  ZGW_ZAKEN_URL: 'https://openzaak.example/zaken/api/v1',
  ZGW_BESLUITEN_URL: 'https://openzaak.example/besluiten/api/v1',
  ZGW_CLIENT_ID: 'schuldhulp',
  ZGW_SECRET: 'geheim',
  ZGW_RSIN: '002564440',
  ZGW_ZAAKTYPE: `${catalogus}/zaaktypen/1`,
  ZGW_ROLTYPE_CLIENT: `${catalogus}/roltypen/1`,
  ZGW_BESLUITTYPE: `${catalogus}/besluittypen/1`,
  ZGW_STATUSTYPEN: JSON.stringify(Object.fromEntries(FASEN.map((f, i) => [f, `${catalogus}/statustypen/${i}`]))),
};

describe('configuration from the environment', () => {
  it('defaults to the embedded dev server and file-backed adapters', () => {
    expect(leesConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: '.data',
      BESCHIKKING_TERMIJN_START: 'aanmelding',
    });
    expect(leesConfig({}).NOTIFICATIE_WEBHOOK_URL).toBeUndefined();
  });

  it('treats empty variables (as docker-compose passes them) as unset', () => {
    expect(leesConfig({ NOTIFICATIE_WEBHOOK_URL: '', REGISTRATIE_URL: '' }).REGISTRATIE_URL).toBeUndefined();
  });

  it('lets a verordening start the beschikking term at the first conversation', () => {
    expect(leesConfig({ BESCHIKKING_TERMIJN_START: 'eerste-gesprek' }).BESCHIKKING_TERMIJN_START).toBe('eerste-gesprek');
    expect(() => leesConfig({ BESCHIKKING_TERMIJN_START: 'beschikking' })).toThrow(/BESCHIKKING_TERMIJN_START/);
  });

  it('alerts the teamleider 14 days after an unheld evaluation unless EVALUATIE_ALERT_DAGEN says otherwise', () => {
    expect(leesConfig({}).EVALUATIE_ALERT_DAGEN).toBe(14);
    expect(leesConfig({ EVALUATIE_ALERT_DAGEN: '21' }).EVALUATIE_ALERT_DAGEN).toBe(21);
    expect(() => leesConfig({ EVALUATIE_ALERT_DAGEN: '0' })).toThrow(/EVALUATIE_ALERT_DAGEN/);
  });

  it('bounds the workflows a worker keeps in memory: 500 unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    expect(leesConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(leesConfig({ WORKER_MAX_CACHED_WORKFLOWS: '2000' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(2000);
    expect(() => leesConfig({ WORKER_MAX_CACHED_WORKFLOWS: 'veel' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('names every invalid variable', () => {
    expect(() => leesConfig({ PORT: 'tachtig', REGISTRATIE_URL: 'geen url' })).toThrow(/PORT: .*; REGISTRATIE_URL: /);
  });

  it('picks the registration adapter: ZGW, plain HTTP or the development file', () => {
    expect(adaptersUitConfig(leesConfig(zgw)).registratie).toBeInstanceOf(ZgwRegistrationAdapter);
    expect(adaptersUitConfig(leesConfig({ REGISTRATIE_URL: 'https://crm.example/r' })).registratie).toBeInstanceOf(HttpRegistrationAdapter);
    expect(adaptersUitConfig(leesConfig({})).registratie).toBeInstanceOf(FileRegistrationAdapter);
  });

  it('asks for the whole ZGW configuration, a statustype per phase, and one registration system', () => {
    expect(() => leesConfig({ ZGW_ZAKEN_URL: zgw.ZGW_ZAKEN_URL })).toThrow(/ZGW_ZAKEN_URL: ZGW_ZAKEN_URL vraagt ook ZGW_BESLUITEN_URL/);
    expect(() => leesConfig({ ...zgw, ZGW_STATUSTYPEN: JSON.stringify({ intake: `${catalogus}/statustypen/0` }) })).toThrow(
      /ZGW_STATUSTYPEN.stabilisatie/,
    );
    expect(() => leesConfig({ ...zgw, ZGW_STATUSTYPEN: '{' })).toThrow(/ZGW_STATUSTYPEN: geen geldige JSON/);
    expect(() => leesConfig({ ...zgw, REGISTRATIE_URL: 'https://crm.example/r' })).toThrow(/kies één registratiesysteem/);
  });

  it('runs the development issuer only outside production', () => {
    expect(leesConfig({})).toMatchObject({ OIDC_AUDIENCE: 'schuldhulp-api', OIDC_CLAIM_ROLLEN: 'roles', DEV_ISSUER_PORT: 3001 });
    expect(() => leesConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER: in productie is OIDC_ISSUER verplicht/);
    // The worker verifies no tokens: it runs in production without an identity provider.
    expect(leesConfig({ NODE_ENV: 'production' }, { api: false }).OIDC_ISSUER).toBeUndefined();
    expect(leesConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'https://login.example/realms/amsterdam' }).OIDC_ISSUER).toBe(
      'https://login.example/realms/amsterdam',
    );
  });
});
