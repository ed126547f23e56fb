import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * A real child process (worker, dev server) that a test can kill hard, with its output kept so a
 * failing test can show what the process said. Every wait is bounded.
 */
export class Kindproces {
  private tekst = '';
  private readonly kind: ChildProcess;
  private readonly gestopt: Promise<unknown>;

  constructor(
    readonly naam: string,
    opdracht: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    cwd?: string,
  ) {
    this.kind = spawn(opdracht, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.gestopt = once(this.kind, 'exit');
    const bewaar = (d: Buffer) => (this.tekst += d.toString());
    this.kind.stdout!.on('data', bewaar);
    this.kind.stderr!.on('data', bewaar);
  }

  get pid(): number {
    return this.kind.pid!;
  }

  get draait(): boolean {
    return this.kind.exitCode === null && this.kind.signalCode === null;
  }

  uitvoer(): string {
    return this.tekst;
  }

  /** Resolves once the output matches; fails when the process exits first or time runs out. */
  async wachtOpUitvoer(patroon: RegExp, timeoutMs: number): Promise<void> {
    const tot = Date.now() + timeoutMs;
    while (!patroon.test(this.tekst)) {
      if (!this.draait) throw new Error(`${this.naam} stopte voordat ${patroon} verscheen:\n${this.tekst.slice(-3000)}`);
      if (Date.now() > tot) throw new Error(`${this.naam}: ${patroon} verscheen niet binnen ${timeoutMs} ms:\n${this.tekst.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async doodHard(): Promise<void> {
    if (this.draait) this.kind.kill('SIGKILL');
    await this.gestopt;
  }

  /** SIGSTOP: the process keeps its sockets but does nothing, like a hung machine. */
  bevries(): void {
    this.kind.kill('SIGSTOP');
  }

  /** Graceful stop, hard after 10 s. */
  async stop(): Promise<void> {
    if (!this.draait) return;
    this.kind.kill('SIGCONT');
    this.kind.kill('SIGTERM');
    const hard = setTimeout(() => this.kind.kill('SIGKILL'), 10_000);
    await this.gestopt;
    clearTimeout(hard);
  }
}
