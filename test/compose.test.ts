import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WEB_CLIENT_ID } from '../api/auth/devIssuer';
import { persoonGeheimUitConfig } from '../api/sleutels';
import { ROLLEN } from '../api/auth/tokenVerifier';
import { CONFIG_VARIABELEN, leesConfig, type Config } from '../common/config';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { sleutelringUitConfig } from '../common/sleutelring';
import { testSleutelringJson } from './helpers/sleutels';

/**
 * docker-compose.yml checked without Docker: what `docker compose up` would hand each container,
 * read against the code's own configuration schema, search attributes, roles and dependencies.
 */
const ROOT = resolve(__dirname, '..');
const lees = (pad: string) => readFileSync(join(ROOT, pad), 'utf8');

interface Dienst {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  healthcheck?: { test: string[] };
}
const compose = parse(lees('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Dienst>;
  volumes: Record<string, unknown>;
};
const diensten = Object.entries(compose.services);
/** The services that run this repository's image (worker, API, namespace job). */
const eigen = diensten.filter(([, d]) => d.build === '.');

/** The user's secrets, as the README tells them to set them. */
const GEHEIMEN: Record<string, string> = {
  SLEUTELRING: testSleutelringJson,
  PERSOON_SLEUTEL: randomBytes(32).toString('base64'),
  CODEC_TOKEN: 'c'.repeat(32),
};

/** Compose's interpolation: ${X:-standaard}, ${X:?fout} (must be set), ${X} and $$. */
function vul(waarde: string | number, verplicht: Set<string>): string {
  return String(waarde).replace(
    /\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_heel: string, naam: string | undefined, soort?: string, rest?: string) => {
      if (!naam) return '$';
      if (soort === '?') verplicht.add(naam);
      return GEHEIMEN[naam] ?? (soort === '-' ? (rest ?? '') : '');
    },
  );
}

/** The environment a container of `dienst` gets: compose's values plus the image's NODE_ENV. */
function omgevingVan(dienst: Dienst, verplicht = new Set<string>()): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(dienst.environment ?? {}).map(([k, v]) => [k, vul(v, verplicht)]));
  return { ...env, NODE_ENV: 'production' };
}

const dienst = (naam: string): Dienst => {
  const d = compose.services[naam];
  if (!d) throw new Error(`geen dienst ${naam} in docker-compose.yml`);
  return d;
};

describe('docker-compose.yml', () => {
  it('pins every image to a release and uses no deprecated auto-setup image', () => {
    for (const [naam, d] of diensten) {
      if (d.build) continue;
      expect(d.image, naam).toMatch(/^[\w./-]+:\d+(\.\d+)+[\w.-]*$/);
      expect(d.image, naam).not.toMatch(/auto-setup/);
    }
  });

  it('sets only variables the configuration schema knows, and enough for production in a container', () => {
    const verplicht = new Set<string>();
    for (const [naam, d] of eigen) {
      const env = omgevingVan(d, verplicht);
      for (const variabele of Object.keys(d.environment ?? {})) expect(CONFIG_VARIABELEN, `${naam}: ${variabele}`).toContain(variabele);
      const config = leesConfig(env, { api: naam === 'api' });
      // No key files in the image: the secrets must come from the environment.
      if (naam !== 'temporal-namespace') expect(() => sleutelringUitConfig(config)).not.toThrow();
      if (naam === 'api') expect(persoonGeheimUitConfig(config)).toHaveLength(32);
    }
    // The secrets the user must set are exactly the ones the README names.
    expect([...verplicht].sort()).toEqual(Object.keys(GEHEIMEN).sort());
  });

  it('keeps the protocol in the stack’s PostgreSQL (the image’s /app is not writable) and issues tokens through the stack’s Keycloak', () => {
    const api = leesConfig(omgevingVan(dienst('api')));
    expect(new URL(api.AUDIT_DATABASE_URL!).hostname).toBe('postgresql');
    const keycloak = dienst('keycloak').environment!;
    const realm = JSON.parse(lees('tools/compose/keycloak/schuldhulp-realm.json')) as { realm: string };
    expect(api.OIDC_ISSUER).toBe(`${keycloak.KC_HOSTNAME}/realms/${realm.realm}`);
    // The worker's files go to its volume, not into the image.
    const worker = leesConfig(omgevingVan(dienst('worker')), { api: false });
    expect(dienst('worker').volumes).toContain(`adapter-data:${worker.DATA_DIR}`);
    expect(() => leesConfig({ ...omgevingVan(dienst('api')), OIDC_ISSUER: '' })).toThrow(/OIDC_ISSUER/);
  });

  it('binds every published port to the host’s loopback, on the ports the processes listen on', () => {
    for (const [naam, d] of diensten) for (const poort of d.ports ?? []) expect(poort, naam).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    const gepubliceerd = (naam: string) => (dienst(naam).ports ?? []).map((p) => Number(p.split(':')[2]));
    const api: Config = leesConfig(omgevingVan(dienst('api')));
    const worker: Config = leesConfig(omgevingVan(dienst('worker')), { api: false });
    expect(gepubliceerd('api').sort()).toEqual([api.PORT, api.CODEC_TLS_PORT, api.API_OPS_PORT].sort());
    expect(gepubliceerd('worker')).toEqual([worker.WORKER_METRICS_PORT]);
    expect(dienst('api').healthcheck!.test.join(' ')).toContain(`127.0.0.1:${api.API_OPS_PORT}/health/ready`);
    expect(dienst('worker').healthcheck!.test.join(' ')).toContain(`127.0.0.1:${worker.WORKER_OPS_PORT}/health/ready`);
    expect(gepubliceerd('keycloak')).toEqual([Number(dienst('keycloak').environment!.KC_HTTP_PORT)]);
  });

  it('signs operators into the Temporal UI at Keycloak and passes their token to the codec server over HTTPS', () => {
    const ui = dienst('temporal-ui').environment!;
    const api = leesConfig(omgevingVan(dienst('api')));
    expect(ui).toMatchObject({
      TEMPORAL_AUTH_ENABLED: 'true',
      TEMPORAL_AUTH_PROVIDER_URL: api.OIDC_ISSUER,
      TEMPORAL_CODEC_PASS_ACCESS_TOKEN: 'true',
    });
    // The UI sends the access token only to an https:// endpoint: the API's TLS port, answering the UI's origin.
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`https://localhost:${api.CODEC_TLS_PORT}/codec`);
    expect(api.CODEC_UI_ORIGIN).toBe(new URL(ui.TEMPORAL_AUTH_CALLBACK_URL!).origin);
    expect(dienst('api').volumes).toContain(`codec-tls:${dirname(api.CODEC_TLS_CERT!)}:ro`);
  });

  it('mounts files that exist and volumes that are declared; one-shot jobs are waited for and not restarted', () => {
    for (const [naam, d] of diensten) {
      for (const volume of d.volumes ?? []) {
        const bron = volume.split(':')[0]!;
        if (bron.startsWith('./')) expect(existsSync(join(ROOT, bron)), `${naam}: ${bron}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${naam}: ${bron}`).toContain(bron);
      }
      for (const [afhankelijk, { condition }] of Object.entries(d.depends_on ?? {})) {
        expect(compose.services[afhankelijk], `${naam} → ${afhankelijk}`).toBeDefined();
        if (condition === 'service_completed_successfully') expect(dienst(afhankelijk).restart, afhankelijk).toBe('no');
      }
    }
  });

  it('hides no failure of the set-up jobs', () => {
    const scripts = readdirSync(join(ROOT, 'tools/compose')).filter((b) => b.endsWith('.sh'));
    for (const tekst of [lees('docker-compose.yml'), ...scripts.map((b) => lees(`tools/compose/${b}`))])
      expect(tekst).not.toMatch(/\|\|\s*true/);
    for (const b of scripts) expect(lees(`tools/compose/${b}`)).toMatch(/^set -eu$/m);
  });

  it('registers the search attributes from common/searchAttributes.ts, as scripts/lib.sh does', () => {
    expect(dienst('temporal-namespace').command).toEqual(['node', 'dist/workers/namespaceInrichting.js']);
    expect(dienst('worker').depends_on?.['temporal-namespace']?.condition).toBe('service_completed_successfully');
    const cliType: Record<string, string> = {
      [SearchAttributeType.KEYWORD]: 'Keyword',
      [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
      [SearchAttributeType.DATETIME]: 'Datetime',
      [SearchAttributeType.INT]: 'Int',
      [SearchAttributeType.TEXT]: 'Text',
      [SearchAttributeType.BOOL]: 'Bool',
      [SearchAttributeType.DOUBLE]: 'Double',
    };
    const libSh = /^SEARCH_ATTRIBUTES=\(([^)]*)\)$/m.exec(lees('scripts/lib.sh'))?.[1]?.split(/\s+/);
    expect(libSh).toEqual(ALL_SEARCH_ATTRIBUTES.map((k) => `${k.name}=${cliType[k.type]}`));
  });
});

describe('the Keycloak realm of the compose stack', () => {
  interface Mapper {
    protocolMapper: string;
    config: Record<string, string>;
  }
  interface Client {
    clientId: string;
    publicClient?: boolean;
    standardFlowEnabled?: boolean;
    secret?: string;
    redirectUris?: string[];
    attributes?: Record<string, string>;
    protocolMappers?: Mapper[];
  }
  const realm = JSON.parse(lees('tools/compose/keycloak/schuldhulp-realm.json')) as {
    roles: { realm: { name: string }[] };
    groups: { name: string }[];
    clients: Client[];
    revokeRefreshToken?: boolean;
    refreshTokenMaxReuse?: number;
    users: { username: string; realmRoles: string[]; groups: string[] }[];
  };
  const apiConfig = () => leesConfig(omgevingVan(dienst('api')));

  it('has exactly the roles the API knows, each with a test user', () => {
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLLEN].sort());
    for (const rol of ROLLEN)
      expect(
        realm.users.some((u) => u.realmRoles.includes(rol)),
        rol,
      ).toBe(true);
    const teams = realm.groups.map((g) => `/${g.name}`);
    for (const u of realm.users) {
      for (const g of u.groups) expect(teams).toContain(g);
      if (u.realmRoles.some((r) => r === 'medewerker' || r === 'teamleider')) expect(u.groups.length, u.username).toBeGreaterThan(0);
    }
  });

  it('knows the Temporal UI as a confidential client whose access tokens the codec server accepts', () => {
    const ui = dienst('temporal-ui').environment!;
    const client = realm.clients.find((c) => c.clientId === ui.TEMPORAL_AUTH_CLIENT_ID);
    expect(client).toMatchObject({
      publicClient: false,
      secret: ui.TEMPORAL_AUTH_CLIENT_SECRET,
      redirectUris: [ui.TEMPORAL_AUTH_CALLBACK_URL],
    });
    const web = realm.clients.find((c) => c.clientId === WEB_CLIENT_ID);
    expect(client!.protocolMappers).toEqual(web!.protocolMappers);
  });

  it('signs the web app in with code + PKCE and rotating refresh tokens, and gives the API the audience, roles and teams it reads', () => {
    const api = apiConfig();
    const web = realm.clients.find((c) => c.clientId === WEB_CLIENT_ID);
    expect(web).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      attributes: { 'pkce.code.challenge.method': 'S256', 'use.refresh.tokens': 'true' },
    });
    // A refresh token is used once; a reused one is refused (the dev issuer does the same).
    expect(realm).toMatchObject({ revokeRefreshToken: true, refreshTokenMaxReuse: 0 });
    expect(web!.redirectUris).toContain(`http://localhost:${api.PORT}/app/*`);
    expect(realm.clients.map((c) => c.clientId)).toContain(api.OIDC_AUDIENCE);
    const mapper = (soort: string) => web!.protocolMappers!.find((m) => m.protocolMapper === soort)?.config;
    expect(mapper('oidc-audience-mapper')).toMatchObject({ 'included.client.audience': api.OIDC_AUDIENCE, 'access.token.claim': 'true' });
    expect(mapper('oidc-usermodel-realm-role-mapper')).toMatchObject({ 'claim.name': api.OIDC_CLAIM_ROLLEN, multivalued: 'true' });
    expect(mapper('oidc-group-membership-mapper')).toMatchObject({ 'claim.name': api.OIDC_CLAIM_BUURTTEAMS, 'full.path': 'false' });
  });
});

describe('the Docker image', () => {
  const pakket = JSON.parse(lees('package.json')) as { dependencies: Record<string, string> };

  it('builds on a current Node LTS', () => {
    const bases = [...lees('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:(22|24)-/);
  });

  it('needs only production dependencies at run time: the compiled code imports nothing else', () => {
    const bestanden = (map: string): string[] =>
      readdirSync(join(ROOT, map)).flatMap((naam) => {
        const pad = join(map, naam);
        return statSync(join(ROOT, pad)).isDirectory() ? bestanden(pad) : /\.(ts|js)$/.test(naam) ? [pad] : [];
      });
    const ingebouwd = new Set(builtinModules);
    for (const bestand of ['common', 'workflows', 'activities', 'workers', 'api'].flatMap(bestanden)) {
      for (const [, bron] of lees(bestand).matchAll(/^(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^.'][^']*)'/gm)) {
        const naam = bron!.startsWith('@') ? bron!.split('/').slice(0, 2).join('/') : bron!.split('/')[0]!;
        if (bron!.startsWith('node:') || ingebouwd.has(naam)) continue;
        expect(Object.keys(pakket.dependencies), `${bestand}: ${bron}`).toContain(naam);
      }
    }
    for (const ontwikkel of ['esbuild', 'tsx', 'react', 'react-dom']) expect(Object.keys(pakket.dependencies)).not.toContain(ontwikkel);
  });
});
