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
      this.records = inhoud
        .split('\n')
        .filter(Boolean)
        .map((regel) => JSON.parse(regel));
    }
    return this.records;
  }

  /** Rewrites the file without expired records (atomically, via a temporary file). */
  private async ruimOp(records: (T & { ontvangen: string })[]): Promise<void> {
    const grens = Date.now() - this.bewaarDagen * DAG_MS;
    const oudste = records[0];
    if (!oudste || Date.parse(oudste.ontvangen) >= grens) return;
    this.records = records.filter((r) => Date.parse(r.ontvangen) >= grens);
    const tijdelijk = `${this.pad}.${process.pid}.tmp`;
    await writeFile(tijdelijk, this.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await rename(tijdelijk, this.pad);
  }

  /** Returns false when the key was already stored. */
  async voegToe(record: T): Promise<boolean> {
    await this.ruimOp(await this.geladen());
    const records = await this.geladen();
    if (records.some((r) => r.idempotencyKey === record.idempotencyKey)) return false;
    const opgeslagen = { ...record, ontvangen: new Date().toISOString() };
    await mkdir(dirname(this.pad), { recursive: true });
    await appendFile(this.pad, `${JSON.stringify(opgeslagen)}\n`);
    records.push(opgeslagen);
    return true;
  }
}
