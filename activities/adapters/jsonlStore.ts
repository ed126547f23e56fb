import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Append-only JSON-lines file that drops records whose idempotency key it already holds:
 * the development stand-in for an external system, inspectable with `tail -f`.
 */
export class JsonlStore<T extends { idempotencyKey: string }> {
  private bekend?: Set<string>;

  constructor(private readonly pad: string) {}

  private async sleutels(): Promise<Set<string>> {
    if (!this.bekend) {
      const inhoud = await readFile(this.pad, 'utf8').catch((fout: NodeJS.ErrnoException) => {
        if (fout.code === 'ENOENT') return '';
        throw fout;
      });
      const regels = inhoud.split('\n').filter(Boolean);
      this.bekend = new Set(regels.map((regel) => (JSON.parse(regel) as T).idempotencyKey));
    }
    return this.bekend;
  }

  /** Returns false when the key was already stored. */
  async voegToe(record: T): Promise<boolean> {
    const sleutels = await this.sleutels();
    if (sleutels.has(record.idempotencyKey)) return false;
    await mkdir(dirname(this.pad), { recursive: true });
    await appendFile(this.pad, `${JSON.stringify({ ...record, ontvangen: new Date().toISOString() })}\n`);
    sleutels.add(record.idempotencyKey);
    return true;
  }
}
