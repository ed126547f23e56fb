export function percentiel(waarden: number[], p: number): number {
  const gesorteerd = [...waarden].sort((a, b) => a - b);
  return gesorteerd[Math.min(gesorteerd.length - 1, Math.ceil((p / 100) * gesorteerd.length) - 1)]!;
}

/** Polls `klaar` every half second until it holds or `maxMs` has passed (then throws). */
export async function wachtTot(klaar: () => Promise<boolean>, maxMs: number, wat: string): Promise<void> {
  const tot = Date.now() + maxMs;
  while (!(await klaar())) {
    if (Date.now() > tot) throw new Error(`bench: ${wat} niet binnen ${maxMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
