/** Runs `werk(0..aantal-1)` with at most `gelijktijdig` at a time: bounded load on a server. */
export async function metParallel(aantal: number, gelijktijdig: number, werk: (i: number) => Promise<void>): Promise<void> {
  let volgende = 0;
  await Promise.all(
    Array.from({ length: gelijktijdig }, async () => {
      while (volgende < aantal) await werk(volgende++);
    }),
  );
}
