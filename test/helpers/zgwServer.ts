import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { jwtVerify } from 'jose';
import { parse } from 'yaml';

/** The official ZGW OpenAPI documents, kept in the repository (docs/zgw) so a clean clone can test. */
const SPECS = resolve(__dirname, '../../docs/zgw');

/**
 * Reads an OpenAPI 3.0.3 document for the validator, adjusting two spellings Ajv refuses to
 * compile, both without changing what is valid:
 * - `nullable` next to no `type` (21 times in the Zaken API): OAS 3.0.3 gives it no effect;
 * - the identity escape `\_` in a regex pattern (`[a-z\_]+`): it means `_`, but Ajv compiles
 *   patterns with the unicode flag, where the escape is a syntax error.
 */
function leesSpec(bestand: string): object {
  const aangepast = (knoop: unknown): unknown => {
    if (Array.isArray(knoop)) return knoop.map(aangepast);
    if (knoop === null || typeof knoop !== 'object') return knoop;
    const paren = Object.entries(knoop)
      .filter(([k]) => k !== 'nullable' || 'type' in knoop)
      .map(([k, v]) => [k, k === 'pattern' && typeof v === 'string' ? v.replaceAll('\\_', '_') : aangepast(v)]);
    return Object.fromEntries(paren);
  };
  return aangepast(parse(readFileSync(resolve(SPECS, bestand), 'utf8'))) as object;
}

type Object_ = Record<string, unknown> & { url: string; uuid: string };

export interface ZgwVerzoek {
  methode: string;
  pad: string;
  claims: Record<string, unknown>;
}

/**
 * A zaaksysteem on loopback whose Zaken and Besluiten APIs validate every request AND every
 * response against the official VNG OpenAPI documents (express-openapi-validator), and check the
 * ZGW JWT (HS256 with the client's secret). The storage behind it is a plain in-memory list per
 * resource; what counts is that the adapter speaks the standard, so a spec violation on either
 * side fails the test (`schendingen`). The validator does not follow the spec's base-class
 * discriminator on Rol (mapping without oneOf), so `betrokkeneIdentificatie` is checked by the test.
 */
export class ZgwTestServer {
  readonly zaken: Object_[] = [];
  readonly rollen: Object_[] = [];
  readonly statussen: Object_[] = [];
  readonly besluiten: Object_[] = [];
  readonly verzoeken: ZgwVerzoek[] = [];
  /** Failures of this server itself, such as a response the validator refused: must stay empty. */
  readonly schendingen: string[] = [];
  zakenUrl = '';
  besluitenUrl = '';
  private servers: Server[] = [];

  constructor(
    readonly clientId: string,
    private readonly secret: string,
  ) {}

  async start(): Promise<this> {
    const [zaken, besluiten] = await Promise.all([
      this.luister(this.api('zaken-api.openapi.yaml', (app) => this.zakenRoutes(app))),
      this.luister(this.api('besluiten-api.openapi.yaml', (app) => this.besluitenRoutes(app))),
    ]);
    this.zakenUrl = `${zaken}/api/v1`;
    this.besluitenUrl = `${besluiten}/api/v1`;
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise((klaar) => s.close(klaar))));
  }

  private async luister(app: express.Express): Promise<string> {
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private api(spec: string, routes: (app: express.Express) => void): express.Express {
    const app = express();
    app.use(express.json());
    app.use(
      OpenApiValidator.middleware({
        apiSpec: leesSpec(spec) as never,
        validateRequests: true,
        validateResponses: true,
        validateSecurity: { handlers: { 'JWT-Claims': (req) => this.controleerJwt(req) } },
      }),
    );
    routes(app);
    app.use(this.fouten);
    return app;
  }

  private async controleerJwt(req: Request): Promise<boolean> {
    const token = req.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(this.secret), { algorithms: ['HS256'] });
    const claims = ['iss', 'iat', 'client_id', 'user_id', 'user_representation'];
    if (protectedHeader.alg !== 'HS256' || claims.some((c) => payload[c] === undefined) || payload.client_id !== this.clientId) {
      throw new Error('ongeldige ZGW JWT');
    }
    this.verzoeken.push({ methode: req.method, pad: req.originalUrl, claims: payload });
    return true;
  }

  /** ZGW error bodies (Fout / ValidatieFout); a 500 is an invalid response of this server. */
  private readonly fouten: ErrorRequestHandler = (fout, req, res, _next) => {
    const status: number = fout.status ?? 500;
    if (status >= 500) this.schendingen.push(`${req.method} ${req.originalUrl} ${status}: ${fout.message}`);
    const invalidParams = ((fout.errors ?? []) as { path: string; errorCode?: string; message: string }[]).map((e) => ({
      name: e.path,
      code: e.errorCode ?? 'invalid',
      reason: e.message,
    }));
    res.status(status).json({
      type: '',
      code: status === 400 ? 'invalid' : 'error',
      title: status === 400 ? 'Invalid input.' : String(fout.message),
      status,
      detail: String(fout.message),
      instance: `urn:uuid:${randomUUID()}`,
      ...(status === 400 ? { invalidParams } : {}),
    });
  };

  private maak(res: Response, lijst: Object_[], basis: string, pad: string, velden: Record<string, unknown>, crs = false): Object_ {
    const uuid = randomUUID();
    const object = { ...velden, url: `${basis}/${pad}/${uuid}`, uuid };
    lijst.push(object);
    if (crs) res.set('Content-Crs', 'EPSG:4326');
    res.status(201).location(object.url).json(object);
    return object;
  }

  private pagina(res: Response, resultaten: Object_[], crs = false): void {
    if (crs) res.set('Content-Crs', 'EPSG:4326');
    res.json({ count: resultaten.length, next: null, previous: null, results: resultaten });
  }

  private zakenRoutes(app: express.Express): void {
    const q = (req: Request, veld: string) => req.query[veld] as string | undefined;
    app.get('/api/v1/zaken', (req, res) => {
      this.pagina(
        res,
        this.zaken.filter((z) => z.identificatie === q(req, 'identificatie') && z.bronorganisatie === q(req, 'bronorganisatie')),
        true,
      );
    });
    app.post('/api/v1/zaken', (req, res) => {
      this.maak(
        res,
        this.zaken,
        this.zakenUrl,
        'zaken',
        {
          ...req.body,
          registratiedatum: new Date().toISOString().slice(0, 10),
          betalingsindicatieWeergave: '',
          deelzaken: [],
          eigenschappen: [],
          rollen: [],
          zaakinformatieobjecten: [],
          zaakobjecten: [],
          einddatum: null,
          resultaat: null,
          status: null,
        },
        true,
      );
    });
    app.get('/api/v1/rollen', (req, res) => {
      this.pagina(
        res,
        this.rollen.filter((r) => r.zaak === q(req, 'zaak') && r.roltype === q(req, 'roltype')),
      );
    });
    app.post('/api/v1/rollen', (req, res) => {
      const rol = this.maak(res, this.rollen, this.zakenUrl, 'rollen', {
        ...req.body,
        omschrijving: 'Cliënt',
        omschrijvingGeneriek: 'belanghebbende',
        registratiedatum: new Date().toISOString(),
        statussen: [],
      });
      (this.zaken.find((z) => z.url === rol.zaak)?.rollen as string[] | undefined)?.push(rol.url);
    });
    app.get('/api/v1/statussen', (req, res) => {
      this.pagina(
        res,
        this.statussen.filter((s) => s.zaak === q(req, 'zaak')),
      );
    });
    app.post('/api/v1/statussen', (req, res) => {
      for (const s of this.statussen) if (s.zaak === req.body.zaak) s.indicatieLaatstGezetteStatus = false;
      const status = this.maak(res, this.statussen, this.zakenUrl, 'statussen', {
        ...req.body,
        indicatieLaatstGezetteStatus: true,
        zaakinformatieobjecten: [],
      });
      const zaak = this.zaken.find((z) => z.url === status.zaak);
      if (zaak) zaak.status = status.url;
    });
  }

  private besluitenRoutes(app: express.Express): void {
    app.get('/api/v1/besluiten', (req, res) => {
      this.pagina(
        res,
        this.besluiten.filter(
          (b) => b.identificatie === req.query.identificatie && b.verantwoordelijkeOrganisatie === req.query.verantwoordelijkeOrganisatie,
        ),
      );
    });
    app.post('/api/v1/besluiten', (req, res) => {
      this.maak(res, this.besluiten, this.besluitenUrl, 'besluiten', req.body);
    });
  }
}
