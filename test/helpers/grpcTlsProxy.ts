import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createSecureServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificaten {
  /** PEM file of the test CA: what a client trusts with TEMPORAL_TLS_SERVER_CA_CERT_PATH. */
  ca: string;
  cert: string;
  key: string;
}

/** A throw-away CA and a server certificate for `naam` signed by it, made with openssl. */
export function maakCertificaten(naam: string): Certificaten {
  const map = mkdtempSync(join(tmpdir(), 'schuldhulp-tls-'));
  const pad = (bestand: string) => join(map, bestand);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecSleutel = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ecSleutel, '-keyout', pad('ca.key'), '-out', pad('ca.pem'), '-days', '1', '-subj', '/CN=schuldhulp test-CA');
  openssl('req', ...ecSleutel, '-keyout', pad('server.key'), '-out', pad('server.csr'), '-subj', `/CN=${naam}`);
  writeFileSync(pad('ext.cnf'), `subjectAltName=DNS:${naam}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    pad('server.csr'),
    '-CA',
    pad('ca.pem'),
    '-CAkey',
    pad('ca.key'),
    '-CAcreateserial',
    '-out',
    pad('server.pem'),
    '-days',
    '1',
    '-extfile',
    pad('ext.cnf'),
  );
  return { ca: pad('ca.pem'), cert: pad('server.pem'), key: pad('server.key') };
}

export interface GrpcTlsProxy {
  adres: string;
  /** Request headers of every call that came in, in order. */
  verzoeken: IncomingHttpHeaders[];
  sluit(): Promise<void>;
}

const zonderPseudo = (kop: IncomingHttpHeaders): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(kop).filter(([naam]) => !naam.startsWith(':')));

/**
 * A TLS-only Temporal endpoint on loopback: gRPC over HTTP/2 with TLS (ALPN h2) in front of a
 * plaintext server at `doel`, as a cloud or a cluster behind a TLS proxy looks to a client. Each
 * call is forwarded as is (headers, messages, trailers) and its request headers are recorded.
 */
export async function grpcTlsProxy(doel: string, certificaten: Certificaten): Promise<GrpcTlsProxy> {
  const verzoeken: IncomingHttpHeaders[] = [];
  const achter = connect(`http://${doel}`);
  const server = createSecureServer({ cert: readFileSync(certificaten.cert), key: readFileSync(certificaten.key), ALPNProtocols: ['h2'] });
  server.on('stream', (stream, kop) => {
    verzoeken.push(kop);
    const verzoek = achter.request({ ':method': kop[':method'], ':path': kop[':path'], ...zonderPseudo(kop) });
    stream.pipe(verzoek);
    let trailers: OutgoingHttpHeaders = {};
    verzoek.on('trailers', (t) => (trailers = zonderPseudo(t)));
    verzoek.on('response', (antwoord) => {
      // A trailers-only answer (an error status without messages) ends in its headers.
      if (antwoord['grpc-status'] !== undefined) return stream.respond(antwoord, { endStream: true });
      stream.respond(antwoord, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers(trailers));
      verzoek.pipe(stream);
    });
    verzoek.on('error', () => stream.close());
    stream.on('error', () => verzoek.close());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    adres: `127.0.0.1:${port}`,
    verzoeken,
    async sluit() {
      achter.close();
      await new Promise((klaar) => server.close(klaar));
    },
  };
}
