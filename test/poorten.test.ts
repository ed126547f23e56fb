import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { efemereOndergrens, vrijePoort } from './helpers/poorten';

describe('ports for servers that tests start as processes', () => {
  it('come from below the ephemeral range, where no outgoing connection takes them before the server binds', async () => {
    const poorten = await Promise.all(Array.from({ length: 20 }, () => vrijePoort()));
    for (const poort of poorten) expect(poort).toBeLessThan(efemereOndergrens());
    expect(new Set(poorten).size).toBe(poorten.length);
    // Each is free: a server can listen on it.
    for (const poort of poorten) {
      const server = createServer().listen(poort, '127.0.0.1');
      await new Promise((klaar, fout) => server.once('listening', klaar).once('error', fout));
      server.close();
    }
  });
});
