import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const DAG_MS = 24 * 3600 * 1000;

/**
 * Append-only JSON-lines file that drops records whose idempotency key it already holds:
 * the development stand-in for an external system, inspectable with `tail -f`. Records hold
 * personal data (BSNs in registrations), so each is kept `bewaarDagen` after it arrived: older
 * lines are removed when the file is opened and whenever the oldest one has expired.
 */
export class JsonlStore<T extends { idempotencyKey: string }> {
  private records?: (T & { ontvangen: string })[];
  private sleutels = new Set<string>();
  /** One append at a time: a retried activity may arrive while its first attempt is still writing. */
  private rij: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pad: string,
    private readonly bewaarDagen: number,
  ) {}

  private async geladen(): Promise<(T & { ontvangen: string })[]> {
    if (!this.records) {
      const inhoud = await readFile(this.pad, 'utf8').catch((fout: NodeJS.ErrnoException) => {
        if (fout.code === 'ENOENT') return '';
        throw fout;
      });
      // Once per store, before it counts as loaded: a failure is tried again at the next append.
      await mkdir(dirname(this.pad), { recursive: true });
      const records: (T & { ontvangen: string })[] = inhoud
        .split('\n')
        .filter(Boolean)
        .map((regel) => JSON.parse(regel));
      this.sleutels = new Set(records.map((r) => r.idempotencyKey));
      this.records = records;
    }
    return this.records;
  }

  /** Rewrites the file without expired records (atomically, via a temporary file). */
  private async ruimOp(records: (T & { ontvangen: string })[]): Promise<(T & { ontvangen: string })[]> {
    const grens = Date.now() - this.bewaarDagen * DAG_MS;
    const oudste = records[0];
    if (!oudste || Date.parse(oudste.ontvangen) >= grens) return records;
    const over = records.filter((r) => Date.parse(r.ontvangen) >= grens);
    const tijdelijk = `${this.pad}.${process.pid}.tmp`;
    await writeFile(tijdelijk, over.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await rename(tijdelijk, this.pad);
    this.records = over;
    this.sleutels = new Set(over.map((r) => r.idempotencyKey));
    return over;
  }

  /** Returns false when the key was already stored. */
  voegToe(record: T): Promise<boolean> {
    const beurt = this.rij.then(async () => {
      const records = await this.ruimOp(await this.geladen());
      if (this.sleutels.has(record.idempotencyKey)) return false;
      const opgeslagen = { ...record, ontvangen: new Date().toISOString() };
      await appendFile(this.pad, `${JSON.stringify(opgeslagen)}\n`);
      records.push(opgeslagen);
      this.sleutels.add(record.idempotencyKey);
      return true;
    });
    // A failed append fails its own caller only; the next one still gets its turn.
    this.rij = beurt.catch(() => undefined);
    return beurt;
  }
}
