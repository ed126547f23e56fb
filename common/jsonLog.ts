/**
 * One JSON object per line on stdout (warnings and errors on stderr), for the platform's log
 * collector, with the keys collectors expect without mapping: `time`, `level`, `msg`. Callers pass ids and organisational facts only: personal data stays in the
 * (encrypted) workflow payloads and never reaches a log line.
 */
export type LogNiveau = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export function logJson(niveau: LogNiveau, bericht: string, velden: Record<string, unknown> = {}): void {
  const regel = JSON.stringify({ time: new Date().toISOString(), level: niveau.toLowerCase(), msg: bericht, ...velden }, alsJson);
  (niveau === 'WARN' || niveau === 'ERROR' ? process.stderr : process.stdout).write(`${regel}\n`);
}

/** Errors become {naam, melding, stack} (JSON.stringify would drop them as `{}`); bigints text. */
function alsJson(_sleutel: string, waarde: unknown): unknown {
  if (waarde instanceof Error) return { naam: waarde.name, melding: waarde.message, stack: waarde.stack };
  if (typeof waarde === 'bigint') return waarde.toString();
  return waarde;
}
