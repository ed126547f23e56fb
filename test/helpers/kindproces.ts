import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * A real child process (worker, API, dev server) that a test can stop, freeze or kill hard, with
 * its output kept so a failing test can show what the process said.
 */
export class Kindproces {
  private tekst = '';
  private readonly kind: ChildProcess;
  private readonly gestopt: Promise<[number | null]>;

  constructor(
    readonly naam: string,
    opdracht: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    cwd?: string,
  ) {
    this.kind = spawn(opdracht, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.gestopt = once(this.kind, 'exit') as Promise<[number | null]>;
    const bewaar = (d: Buffer) => (this.tekst += d.toString());
    this.kind.stdout!.on('data', bewaar);
    this.kind.stderr!.on('data', bewaar);
  }

  get draait(): boolean {
    return this.kind.exitCode === null && this.kind.signalCode === null;
  }

  uitvoer(): string {
    return this.tekst;
  }

  stuur(signaal: NodeJS.Signals): void {
    this.kind.kill(signaal);
  }

  /** Exit code once the process has ended (null after a signal). */
  async einde(): Promise<number | null> {
    const [code] = await this.gestopt;
    return code;
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async doodHard(): Promise<void> {
    if (this.draait) this.kind.kill('SIGKILL');
    await this.gestopt;
  }

  /** SIGSTOP: the process keeps its sockets open but does nothing, like a hung machine. */
  bevries(): void {
    this.kind.kill('SIGSTOP');
  }

  /** Graceful stop (SIGTERM), hard after 30 s; the exit code. */
  async stop(): Promise<number | null> {
    if (this.draait) {
      this.kind.kill('SIGCONT');
      this.kind.kill('SIGTERM');
    }
    const hard = setTimeout(() => this.kind.kill('SIGKILL'), 30_000);
    const code = await this.einde();
    clearTimeout(hard);
    return code;
  }
}
