import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from './config';
import { logJson } from './jsonLog';

/**
 * The Temporal connection read the way Temporal's own tools read it (the CLI and the SDKs'
 * environment configuration, @temporalio/envconfig): a profile from the TOML client configuration
 * file, overridden by the TEMPORAL_* variables. Same precedence and defaults as envconfig's
 * `loadClientConnectConfig`, with one difference: a TEMPORAL_CONFIG_FILE that does not exist is an
 * error here (a service should not silently run against the default server).
 */
export interface TemporalVerbinding {
  address: string;
  namespace: string;
  apiKey?: string;
  /** `true`: TLS with the system's roots; an object: own CA, server name or client certificate. */
  tls?: TLSConfig | boolean;
}

/** A profile as `temporal config set` writes it (`[profile.<naam>]` and `[profile.<naam>.tls]`). */
interface Profiel {
  address?: string;
  namespace?: string;
  api_key?: string;
  tls?: ProfielTls;
}

interface ProfielTls {
  disabled?: boolean;
  client_cert_path?: string;
  client_key_path?: string;
  server_ca_cert_path?: string;
  server_name?: string;
}

/** Names this service read before it followed Temporal's; still honoured, with a warning. */
const VEROUDERD = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

type Waarschuwing = (bericht: string, velden: Record<string, unknown>) => void;

/**
 * `omgeving` only locates the default configuration file (HOME, XDG_CONFIG_HOME); everything else
 * comes from the validated configuration.
 */
export function temporalVerbinding(
  config: Config,
  omgeving: NodeJS.ProcessEnv = process.env,
  waarschuw: Waarschuwing = (bericht, velden) => logJson('WARN', bericht, velden),
): TemporalVerbinding {
  const profiel = leesProfiel(config, omgeving);
  const verouderd = Object.entries(VEROUDERD).filter(([oud]) => config[oud as keyof typeof VEROUDERD] !== undefined);
  // Names only: the values are paths to key material.
  if (verouderd.length > 0)
    waarschuw('verouderde Temporal-variabelen; gebruik de namen van Temporal', { vervang: Object.fromEntries(verouderd) });
  const tlsUitOmgeving = zonderLeeg<ProfielTls>({
    disabled: config.TEMPORAL_TLS === undefined ? undefined : !config.TEMPORAL_TLS,
    client_cert_path: config.TEMPORAL_TLS_CLIENT_CERT_PATH ?? config.TEMPORAL_TLS_CERT,
    client_key_path: config.TEMPORAL_TLS_CLIENT_KEY_PATH ?? config.TEMPORAL_TLS_KEY,
    server_ca_cert_path: config.TEMPORAL_TLS_SERVER_CA_CERT_PATH ?? config.TEMPORAL_TLS_CA,
    server_name: config.TEMPORAL_TLS_SERVER_NAME,
  });
  const tls = profiel.tls || tlsUitOmgeving ? { ...profiel.tls, ...tlsUitOmgeving } : undefined;
  const apiKey = config.TEMPORAL_API_KEY ?? profiel.api_key;
  return {
    address: config.TEMPORAL_ADDRESS ?? profiel.address ?? 'localhost:7233',
    namespace: config.TEMPORAL_NAMESPACE ?? profiel.namespace ?? 'default',
    ...(apiKey === undefined ? {} : { apiKey }),
    // As envconfig: an API key without TLS settings means TLS (Temporal Cloud).
    ...zonderLeeg({ tls: tlsOpties(tls) ?? (apiKey === undefined ? undefined : true) }),
  };
}

function tlsOpties(tls: ProfielTls | undefined): TLSConfig | false | undefined {
  if (tls === undefined) return undefined;
  if (tls.disabled === true) return false;
  const lees = (pad: string | undefined) => (pad === undefined ? undefined : readFileSync(pad));
  const crt = lees(tls.client_cert_path);
  const key = lees(tls.client_key_path);
  if ((crt === undefined) !== (key === undefined)) {
    throw new Error('Temporal-TLS: een clientcertificaat vraagt ook de sleutel (TEMPORAL_TLS_CLIENT_CERT_PATH en _KEY_PATH)');
  }
  // Nothing to customise (TEMPORAL_TLS=true): TLS with the system's roots.
  return (
    zonderLeeg<TLSConfig>({
      serverNameOverride: tls.server_name,
      serverRootCACertificate: lees(tls.server_ca_cert_path),
      clientCertPair: crt && key ? { crt, key } : undefined,
    }) ?? {}
  );
}

/** TEMPORAL_PROFILE from TEMPORAL_CONFIG_FILE, else `default` from the user's file if there is one. */
function leesProfiel(config: Config, omgeving: NodeJS.ProcessEnv): Profiel {
  const pad = config.TEMPORAL_CONFIG_FILE ?? standaardBestand(omgeving);
  let tekst: string | undefined;
  try {
    tekst = pad === undefined ? undefined : readFileSync(pad, 'utf8');
  } catch (fout) {
    if (config.TEMPORAL_CONFIG_FILE !== undefined || (fout as NodeJS.ErrnoException).code !== 'ENOENT') throw fout;
  }
  const profielen = tekst === undefined ? {} : leesProfielen(tekst, pad!);
  const naam = config.TEMPORAL_PROFILE ?? 'default';
  const profiel = profielen[naam];
  if (profiel === undefined && config.TEMPORAL_PROFILE !== undefined) {
    throw new Error(`TEMPORAL_PROFILE: profiel '${naam}' staat niet in ${pad ?? 'een configuratiebestand'}`);
  }
  return profiel ?? {};
}

/** Where Temporal's CLI keeps its configuration (envconfig's default, Linux and macOS). */
function standaardBestand(omgeving: NodeJS.ProcessEnv): string | undefined {
  if (platform() === 'darwin')
    return omgeving.HOME ? join(omgeving.HOME, 'Library', 'Application Support', 'temporalio', 'temporal.toml') : undefined;
  const xdg = omgeving.XDG_CONFIG_HOME;
  if (xdg) return isAbsolute(xdg) ? join(xdg, 'temporalio', 'temporal.toml') : undefined;
  return omgeving.HOME ? join(omgeving.HOME, '.config', 'temporalio', 'temporal.toml') : undefined;
}

const PROFIEL_SLEUTELS = new Set(['address', 'namespace', 'api_key']);
const TLS_SLEUTELS = new Set(['disabled', 'client_cert_path', 'client_key_path', 'server_ca_cert_path', 'server_name']);
const KOP = /^\[\s*profile\.([A-Za-z0-9_-]+|"[^"\\]*")(\.tls)?\s*\]$/;
const PAAR = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/;

/**
 * The part of TOML that Temporal's client configuration uses: `[profile.<naam>]` and
 * `[profile.<naam>.tls]` tables with string and boolean values, and comments. Anything else
 * (codec, grpc_meta, inline tables, multi-line strings) is refused with its line number rather
 * than half read; @temporalio/envconfig with a full TOML parser replaces this once installed.
 */
export function leesProfielen(tekst: string, bron: string): Record<string, Profiel> {
  const profielen: Record<string, Profiel> = {};
  let tabel: Record<string, unknown> | undefined;
  let sleutels = PROFIEL_SLEUTELS;
  tekst.split(/\r?\n/).forEach((ruw, i) => {
    const fout = (wat: string) => new Error(`${bron}:${i + 1}: ${wat}`);
    const regel = zonderCommentaar(ruw).trim();
    if (regel === '') return;
    const [, profielNaam, isTls] = KOP.exec(regel) ?? [];
    if (profielNaam !== undefined) {
      const profiel = (profielen[profielNaam.replace(/^"|"$/g, '')] ??= {});
      tabel = isTls ? ((profiel.tls ??= {}) as Record<string, unknown>) : (profiel as Record<string, unknown>);
      sleutels = isTls ? TLS_SLEUTELS : PROFIEL_SLEUTELS;
      return;
    }
    const [, sleutel, tekstwaarde] = PAAR.exec(regel) ?? [];
    if (sleutel === undefined || tekstwaarde === undefined) {
      throw fout('alleen [profile.<naam>], [profile.<naam>.tls] en sleutel = waarde worden gelezen');
    }
    if (!tabel) throw fout(`${sleutel} staat buiten een [profile.<naam>]-tabel`);
    if (!sleutels.has(sleutel)) throw fout(`onbekende sleutel ${sleutel}`);
    const w = waarde(tekstwaarde.trim(), fout);
    if ((sleutel === 'disabled') !== (typeof w === 'boolean')) throw fout(`${sleutel}: verkeerd soort waarde`);
    tabel[sleutel] = w;
  });
  return profielen;
}

function waarde(tekst: string, fout: (wat: string) => Error): string | boolean {
  if (tekst === 'true' || tekst === 'false') return tekst === 'true';
  if (/^'[^']*'$/.test(tekst)) return tekst.slice(1, -1);
  if (/^"(?:[^"\\]|\\.)*"$/.test(tekst)) {
    try {
      return JSON.parse(tekst) as string;
    } catch {
      throw fout('ongeldige tekenreeks');
    }
  }
  throw fout('alleen "tekst", \'tekst\', true en false worden gelezen');
}

/** The line without a `#` comment; a `#` inside a string stays. */
function zonderCommentaar(regel: string): string {
  let teken: string | undefined;
  for (let i = 0; i < regel.length; i++) {
    const c = regel[i];
    if (teken) {
      if (c === '\\' && teken === '"') i++;
      else if (c === teken) teken = undefined;
    } else if (c === '"' || c === "'") teken = c;
    else if (c === '#') return regel.slice(0, i);
  }
  return regel;
}

/** The object without its undefined fields; undefined when none is left. */
function zonderLeeg<T extends object>(object: T): T | undefined {
  const over = Object.fromEntries(Object.entries(object).filter(([, w]) => w !== undefined));
  return Object.keys(over).length > 0 ? (over as T) : undefined;
}
