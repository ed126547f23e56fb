import { z } from 'zod';
import { TERMIJN_STARTS } from './termijnen';
import { FASEN } from './begrippen';
import { AMSTERDAM } from './ddas';
import { VERWIJZING_OPVOLGEN_WEKEN } from './verwijzingen';
import { ADVIES_LOOPTIJD_MAANDEN } from './normen';
import { EVALUATIE_ALERT_DAGEN } from './normen';

const poort = z.coerce.number().int().min(0).max(65535);

/** ZGW_STATUSTYPEN: a JSON object with the Catalogi API statustype URL of every phase. */
const statustypen = z
  .string()
  .transform((tekst, ctx) => {
    try {
      return JSON.parse(tekst) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'geen geldige JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.strictObject(Object.fromEntries(FASEN.map((f) => [f, z.url()])) as Record<(typeof FASEN)[number], z.ZodURL>));

/** Registration through the ZGW APIs needs all of these together. */
const ZGW_VARIABELEN = [
  'ZGW_BESLUITEN_URL',
  'ZGW_CLIENT_ID',
  'ZGW_SECRET',
  'ZGW_RSIN',
  'ZGW_ZAAKTYPE',
  'ZGW_ROLTYPE_CLIENT',
  'ZGW_BESLUITTYPE',
  'ZGW_STATUSTYPEN',
] as const;

/** Process configuration from the environment, validated once at start-up (Node side only). */
const omgeving = z
  .object({
    /**
     * The Temporal connection, as Temporal's CLI and SDKs name it. @temporalio/envconfig reads these
     * from the environment (common/temporalVerbinding.ts); declared here so that a wrong value stops
     * the start and this list is complete. They override the profile TEMPORAL_PROFILE of the TOML
     * file TEMPORAL_CONFIG_FILE; without either, localhost:7233 and namespace `default` in plain text.
     */
    TEMPORAL_ADDRESS: z.string().min(1).optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /** `true`: TLS without client certificate (server-only TLS); `false`: plain text, also with an API key. */
    TEMPORAL_TLS: z.enum(['true', 'false', '1', '0']).optional(),
    TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().optional(),
    TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().optional(),
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
    TEMPORAL_PROFILE: z.string().min(1).optional(),
    TEMPORAL_CONFIG_FILE: z.string().min(1).optional(),
    /** How long the server keeps a closed case's history (and its personal data); set by workers/namespaceInrichting.ts. */
    TEMPORAL_RETENTIE: z
      .string()
      .regex(/^\d+(h|d)$/, 'een duur in uren of dagen, bijvoorbeeld 720h')
      .default('720h'),
    /** Before the names above: still read, with a warning (TEMPORAL_TLS_CLIENT_CERT_PATH, _KEY_PATH, _SERVER_CA_CERT_PATH). */
    TEMPORAL_TLS_CERT: z.string().optional(),
    TEMPORAL_TLS_KEY: z.string().optional(),
    TEMPORAL_TLS_CA: z.string().optional(),
    PORT: poort.default(3000),
    /** Operations ports: probes and metrics, apart from the API (see common/opsServer.ts). */
    OPS_HOST: z.string().default('127.0.0.1'),
    API_OPS_PORT: poort.default(9464),
    WORKER_METRICS_PORT: poort.default(9465),
    WORKER_OPS_PORT: poort.default(9466),
    /**
     * Workflows the worker keeps in memory between tasks. The SDK's default follows the heap size
     * (about 2,300 on a 4 GB heap: 1.4 GB resident at 3,000 open cases); a case not cached is
     * replayed from its history on its next task, which costs CPU, not correctness.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
    /**
     * A workflow bundle built beforehand. The compiled worker finds dist/workflow-bundle.js of
     * `npm run build` by itself; the tests hand the bundle of their run to the workers they start.
     */
    WORKFLOW_BUNDLE: z.string().optional(),
    NOTIFICATIE_WEBHOOK_URL: z.url().optional(),
    SMTP_URL: z.url().optional(),
    SMTP_VAN: z.string().optional(),
    MAIL_TEAMLEIDER: z.string().includes('{buurtteam}').optional(),
    MAIL_TEAM: z.string().includes('{buurtteam}').optional(),
    /** WPI's mailbox for melding on a WPI route (may use {buurtteam}); without it they go to MAIL_TEAM. */
    MAIL_WPI: z.string().optional(),
    REGISTRATIE_URL: z.url().optional(),
    ADAPTER_TOKEN: z.string().optional(),
    DATA_DIR: z.string().default('.data'),
    /** Awb 4:13 term start: the aanmelding, or the first conversation where the verordening says so. */
    BESCHIKKING_TERMIJN_START: z.enum(TERMIJN_STARTS).default('aanmelding'),
    /** Secret of the keyed hash of a BSN (one open traject per person), base64; wins over the file. */
    PERSOON_SLEUTEL: z.string().optional(),
    PERSOON_SLEUTEL_BESTAND: z.string().default('.geheimen/persoonsleutel'),
    ZGW_ZAKEN_URL: z.url().optional(),
    ZGW_BESLUITEN_URL: z.url().optional(),
    ZGW_CLIENT_ID: z.string().optional(),
    ZGW_SECRET: z.string().optional(),
    ZGW_RSIN: z
      .string()
      .regex(/^\d{9}$/, 'een RSIN heeft 9 cijfers')
      .optional(),
    ZGW_ZAAKTYPE: z.url().optional(),
    ZGW_ROLTYPE_CLIENT: z.url().optional(),
    ZGW_BESLUITTYPE: z.url().optional(),
    ZGW_STATUSTYPEN: statustypen.optional(),
    /** Days the file-backed development adapters keep a record (they hold BSNs and case data). */
    DATA_BEWAAR_DAGEN: z.coerce.number().int().min(1).default(30),
    /** The payload keyring as JSON; wins over SLEUTELRING_BESTAND. */
    SLEUTELRING: z.string().optional(),
    SLEUTELRING_BESTAND: z.string().default('.geheimen/sleutelring.json'),
    /** Bearer token the codec server accepts (operators' Temporal UI and CLI). */
    CODEC_TOKEN: z.string().min(24, { error: 'CODEC_TOKEN: minstens 24 tekens' }).optional(),
    /** The Temporal UI's origin: the only one allowed to call the codec server from a browser. */
    CODEC_UI_ORIGIN: z.url().default('http://localhost:8233'),
    /**
     * PEM files: the API serves itself over HTTPS on CODEC_TLS_PORT as well, for a Temporal UI that
     * passes the operator's access token (it does so only to an https:// codec endpoint) without a proxy in front.
     */
    CODEC_TLS_CERT: z.string().optional(),
    CODEC_TLS_KEY: z.string().optional(),
    CODEC_TLS_PORT: poort.default(3443),
    /** Days after the melddatum at which a Vroeg Eropaf melding still not reached closes, once the visit rule is met (else it escalates). */
    MELDING_SLUIT_NA_DAGEN: z.coerce.number().int().min(14).max(365).default(90),
    /** Weeks after a verwijzing without an outcome before the team is reminded (common/verwijzingen.ts). */
    VERWIJZING_OPVOLGEN_WEKEN: z.coerce.number().int().min(1).max(26).default(VERWIJZING_OPVOLGEN_WEKEN),
    /** Months an advies (informatie en advies) runs before the teamleider hears it is over time; werkkader §2.4.2: at most three, in principle. */
    ADVIES_LOOPTIJD_MAANDEN: z.coerce.number().int().min(1).max(12).default(ADVIES_LOOPTIJD_MAANDEN),
    /** Days an agreed evaluation of the ondersteuningsplan may pass unheld before the teamleider is alerted (new trajecten). */
    EVALUATIE_ALERT_DAGEN: z.coerce.number().int().min(1).max(365).default(EVALUATIE_ALERT_DAGEN),
    /** Unset: the API runs the local development issuer (never in production). */
    OIDC_ISSUER: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).default('schuldhulp-api'),
    /** Claim names, dotted for nested claims (Keycloak: realm_access.roles; Entra ID: roles, groups). */
    OIDC_CLAIM_ROLLEN: z.string().min(1).default('roles'),
    OIDC_CLAIM_BUURTTEAMS: z.string().min(1).default('buurtteams'),
    DEV_ISSUER_PORT: poort.default(3001),
    /** Protocollering: PostgreSQL in production; unset: the SQLite file AUDIT_SQLITE (default DATA_DIR/audit.sqlite). */
    AUDIT_DATABASE_URL: z.url().optional(),
    AUDIT_SQLITE: z.string().optional(),
    /** Requests per minute per client address; behind a proxy set TRUST_PROXY to its number of hops. */
    VERZOEKEN_PER_MINUUT: z.coerce.number().int().min(1).default(600),
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    /** Four-eyes on the beschikking: the case's regievoerder may not register it. */
    VIER_OGEN: z.enum(['aan', 'uit']).default('aan'),
    /** Sender of the DDAS delivery to the CBS (GET /rapportage/ddas). */
    DDAS_GEMEENTECODE: z
      .string()
      .regex(/^\d{4}$/, 'een CBS-gemeentecode heeft 4 cijfers')
      .default(AMSTERDAM.gemeentecode),
    DDAS_ORGANISATIE: z.string().min(1).default(AMSTERDAM.organisatie),
    DDAS_KVK_NUMMER: z
      .string()
      .regex(/^\d{8}$/, 'een KvK-nummer heeft 8 cijfers')
      .optional(),
    DDAS_LEVERANCIERSCODE: z.string().min(1).default(AMSTERDAM.leverancierscode),
    NODE_ENV: z.string().optional(),
  })
  .refine((c) => !c.SMTP_URL || (c.SMTP_VAN && c.MAIL_TEAMLEIDER && c.MAIL_TEAM), {
    path: ['SMTP_URL'],
    error: 'SMTP_URL vraagt ook SMTP_VAN, MAIL_TEAMLEIDER en MAIL_TEAM',
  })
  .refine((c) => !c.ZGW_ZAKEN_URL || ZGW_VARIABELEN.every((v) => c[v] !== undefined), {
    path: ['ZGW_ZAKEN_URL'],
    error: `ZGW_ZAKEN_URL vraagt ook ${ZGW_VARIABELEN.join(', ')}`,
  })
  .refine((c) => !(c.ZGW_ZAKEN_URL && c.REGISTRATIE_URL), {
    path: ['REGISTRATIE_URL'],
    error: 'kies één registratiesysteem: REGISTRATIE_URL of ZGW_ZAKEN_URL',
  });

export type Config = z.infer<typeof omgeving>;

/** Every variable the processes read (test/compose.test.ts checks docker-compose.yml against it). */
export const CONFIG_VARIABELEN = Object.keys(omgeving.shape);

/**
 * `api: false` for processes that verify no tokens (the worker, the namespace job): they need no
 * identity provider, also in production.
 */
export function leesConfig(env: NodeJS.ProcessEnv = process.env, { api = true }: { api?: boolean } = {}): Config {
  // docker-compose passes unset variables as empty strings; treat them as absent.
  const gezet = Object.fromEntries(Object.entries(env).filter(([, waarde]) => waarde !== ''));
  const resultaat = omgeving.safeParse(gezet);
  const fouten = resultaat.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
  if (api && resultaat.data && !resultaat.data.OIDC_ISSUER && resultaat.data.NODE_ENV === 'production') {
    fouten.push('OIDC_ISSUER: in productie is OIDC_ISSUER verplicht; de ontwikkel-issuer draait alleen lokaal');
  }
  if (!resultaat.success || fouten.length > 0) throw new Error(`ongeldige configuratie: ${fouten.join('; ')}`);
  return resultaat.data;
}
