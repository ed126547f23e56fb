import { readFileSync } from 'node:fs';
import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { logJson } from './jsonLog';

/**
 * The Temporal connection as Temporal's own tools read it (@temporalio/envconfig, as the CLI): the
 * profile TEMPORAL_PROFILE (default `default`) of the TOML client configuration TEMPORAL_CONFIG_FILE
 * (default ~/.config/temporalio/temporal.toml), overridden by the TEMPORAL_* variables; an API key
 * without TLS settings means TLS. Without any of it: plain text to localhost:7233, namespace `default`.
 */
export type TemporalVerbinding = Pick<NativeConnectionOptions, 'apiKey' | 'tls' | 'metadata'> & {
  address: string;
  namespace: string;
};

/** Names this service read before it followed Temporal's; still honoured, with a warning. */
const VEROUDERD = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

type Waarschuwing = (bericht: string, velden: Record<string, unknown>) => void;

export function temporalVerbinding(
  omgeving: NodeJS.ProcessEnv = process.env,
  waarschuw: Waarschuwing = (bericht, velden) => logJson('WARN', bericht, velden),
): TemporalVerbinding {
  // Empty is unset, as in common/config.ts (docker-compose passes unset variables empty).
  const env = Object.fromEntries(
    Object.entries(omgeving).filter((paar): paar is [string, string] => paar[1] !== undefined && paar[1] !== ''),
  );
  const verouderd = Object.entries(VEROUDERD).filter(([oud]) => env[oud] !== undefined);
  // Names only: the values are paths to key material.
  if (verouderd.length > 0)
    waarschuw('verouderde Temporal-variabelen; gebruik de namen van Temporal', { vervang: Object.fromEntries(verouderd) });
  for (const [oud, nieuw] of verouderd) env[nieuw] ??= env[oud]!;

  const bestand = env.TEMPORAL_CONFIG_FILE;
  const profiel = loadClientConfigProfile({
    overrideEnvVars: env,
    // envconfig takes a missing file for an empty one; a service sent to a file that is not there
    // should not silently run against localhost, so it is read here (ENOENT names the path).
    configSource: bestand === undefined ? undefined : { data: readFileSync(bestand) },
    // A misspelt key (`adress`) is an error rather than a silent default.
    configFileStrict: true,
  });
  // envconfig drops a certificate without its key (or the reverse) silently, and mTLS then fails at
  // the handshake with no word on why; the CLI refuses it, and so does this.
  const tls = profiel.tls;
  if (tls && !tls.disabled && (tls.clientCert === undefined) !== (tls.clientKey === undefined)) {
    throw new Error('Temporal-TLS: een clientcertificaat vraagt ook de sleutel (TEMPORAL_TLS_CLIENT_CERT_PATH en _KEY_PATH)');
  }
  const { namespace = 'default', connectionOptions } = toClientOptions(profiel);
  return { ...connectionOptions, address: connectionOptions.address ?? 'localhost:7233', namespace };
}
