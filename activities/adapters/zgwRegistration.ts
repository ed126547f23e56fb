import { SignJWT } from 'jose';
import type { Fase } from '../../common/schemas';
import { bezwaartermijn } from '../../common/termijnen';
import type { TrajectStatus } from '../../workflows/types';
import type { Registratie, RegistrationAdapter } from '../ports';
import { OngeldigeGegevensFout } from '../ports';
import { isWeigering } from './http';

export interface ZgwInstellingen {
  /** Root of the Zaken API, e.g. https://openzaak.example/zaken/api/v1 */
  zakenUrl: string;
  /** Root of the Besluiten API, e.g. https://openzaak.example/besluiten/api/v1 */
  besluitenUrl: string;
  clientId: string;
  secret: string;
  /** RSIN of the gemeente: bronorganisatie and verantwoordelijke organisatie. */
  rsin: string;
  /** Catalogi API URLs of the zaaktype and its types. */
  zaaktype: string;
  roltypeClient: string;
  besluittype: string;
  statustypen: Record<Fase, string>;
}

/** What the adapter reads from the traject snapshot in `Registratie.gegevens`. */
type TrajectGegevens = Pick<TrajectStatus, 'aanmeldDatum' | 'faseHistorie' | 'beschikking' | 'termijn'>;

interface ZgwObject {
  url: string;
}
interface Pagina<T> {
  results: T[];
}

/**
 * Registers a traject in a zaaksysteem through the ZGW APIs (Open Zaak): one zaak per traject,
 * the client as rol, a status per phase and the beschikking as besluit (with its bekendmaking and
 * the last day for bezwaar; a registration of the besluit alone carries no phases). ZGW has no idempotency
 * key, so every object is looked up by our own identificatie before it is created; a retried or
 * repeated registration therefore changes nothing. Each registration carries the whole traject
 * snapshot, so a late consent or a missed one catches up all statussen at once.
 */
export class ZgwRegistrationAdapter implements RegistrationAdapter {
  private readonly geheim: Uint8Array;

  constructor(private readonly zgw: ZgwInstellingen) {
    this.geheim = new TextEncoder().encode(zgw.secret);
  }

  async registreer(registratie: Registratie): Promise<void> {
    const traject = registratie.gegevens as unknown as TrajectGegevens;
    const zaak = await this.zaak(registratie.trajectId, traject);
    await this.client(zaak, registratie.bsn);
    if (traject.beschikking) await this.besluit(zaak, registratie.trajectId, traject.beschikking);
    // Statussen last: the eindstatus (afgesloten) closes the zaak for further changes.
    await this.statussen(zaak, traject.faseHistorie);
  }

  private async zaak(identificatie: string, traject: TrajectGegevens): Promise<ZgwObject> {
    const zoek = new URLSearchParams({ identificatie, bronorganisatie: this.zgw.rsin });
    const bestaand = await this.verzoek<Pagina<ZgwObject>>('GET', `${this.zgw.zakenUrl}/zaken?${zoek}`);
    if (bestaand.results[0]) return bestaand.results[0];
    return this.verzoek<ZgwObject>('POST', `${this.zgw.zakenUrl}/zaken`, {
      identificatie,
      bronorganisatie: this.zgw.rsin,
      verantwoordelijkeOrganisatie: this.zgw.rsin,
      zaaktype: this.zgw.zaaktype,
      omschrijving: 'Schuldhulptraject (Route 020)',
      startdatum: traject.aanmeldDatum,
      // The legal 8-week term is the zaak's deadline; absent while it waits for the first conversation.
      ...(traject.termijn ? { uiterlijkeEinddatumAfdoening: traject.termijn.einddatum } : {}),
      vertrouwelijkheidaanduiding: 'vertrouwelijk',
    });
  }

  /** The BSN goes in the body only, never in a URL (URLs end up in proxy and access logs). */
  private async client(zaak: ZgwObject, bsn: string): Promise<void> {
    const zoek = new URLSearchParams({ zaak: zaak.url, roltype: this.zgw.roltypeClient });
    const rollen = await this.verzoek<Pagina<{ betrokkeneIdentificatie?: { inpBsn?: string } }>>(
      'GET',
      `${this.zgw.zakenUrl}/rollen?${zoek}`,
    );
    if (rollen.results.some((r) => r.betrokkeneIdentificatie?.inpBsn === bsn)) return;
    await this.verzoek('POST', `${this.zgw.zakenUrl}/rollen`, {
      zaak: zaak.url,
      betrokkeneType: 'natuurlijk_persoon',
      roltype: this.zgw.roltypeClient,
      roltoelichting: 'cliënt van het schuldhulptraject',
      betrokkeneIdentificatie: { inpBsn: bsn },
    });
  }

  private async besluit(zaak: ZgwObject, identificatie: string, beschikking: NonNullable<TrajectGegevens['beschikking']>): Promise<void> {
    const zoek = new URLSearchParams({ identificatie, verantwoordelijkeOrganisatie: this.zgw.rsin });
    const bestaand = await this.verzoek<Pagina<ZgwObject>>('GET', `${this.zgw.besluitenUrl}/besluiten?${zoek}`);
    if (bestaand.results.length > 0) return;
    await this.verzoek('POST', `${this.zgw.besluitenUrl}/besluiten`, {
      identificatie,
      verantwoordelijkeOrganisatie: this.zgw.rsin,
      besluittype: this.zgw.besluittype,
      zaak: zaak.url,
      datum: beschikking.datum,
      ingangsdatum: beschikking.datum,
      // Made known (sent) the day it is taken; bezwaar runs 6 weeks from the day after (Awb 6:7, 6:8).
      verzenddatum: beschikking.datum,
      uiterlijkeReactiedatum: bezwaartermijn(beschikking.datum).einddatum,
      toelichting: `beschikking schuldhulpverlening: ${beschikking.besluit}`,
    });
  }

  /** One status per phase reached, in order; a phase already registered is skipped. */
  private async statussen(zaak: ZgwObject, historie: TrajectGegevens['faseHistorie']): Promise<void> {
    const zoek = new URLSearchParams({ zaak: zaak.url });
    const gezet = await this.verzoek<Pagina<{ statustype: string }>>('GET', `${this.zgw.zakenUrl}/statussen?${zoek}`);
    const bekend = new Set(gezet.results.map((s) => s.statustype));
    for (const { fase, vanaf } of historie) {
      const statustype = this.zgw.statustypen[fase];
      if (bekend.has(statustype)) continue;
      await this.verzoek('POST', `${this.zgw.zakenUrl}/statussen`, { zaak: zaak.url, statustype, datumStatusGezet: vanaf });
      bekend.add(statustype);
    }
  }

  /** A fresh ZGW JWT per request: HS256 over the client id, as the Autorisaties API expects. */
  private token(): Promise<string> {
    return new SignJWT({
      client_id: this.zgw.clientId,
      user_id: 'schuldhulp-orchestrator',
      user_representation: 'Schuldhulp-orchestrator (Temporal worker)',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.zgw.clientId)
      .setIssuedAt()
      .sign(this.geheim);
  }

  private async verzoek<T>(methode: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
    const antwoord = await fetch(url, {
      method: methode,
      headers: {
        authorization: `Bearer ${await this.token()}`,
        accept: 'application/json',
        // Required by the Zaken API for every zaak request (geometry), harmless elsewhere.
        'accept-crs': 'EPSG:4326',
        'content-crs': 'EPSG:4326',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (antwoord.ok) return (await antwoord.json()) as T;
    const melding = `ZGW ${methode} ${new URL(url).pathname} antwoordde ${antwoord.status}: ${await foutcodes(antwoord)}`;
    if (isWeigering(antwoord.status)) throw new OngeldigeGegevensFout(melding);
    throw new Error(melding);
  }
}

/**
 * The ZGW error body (title, code and the codes of invalid fields), without the `reason` texts:
 * those may quote the refused values, and this message ends up in alerts and logs.
 */
async function foutcodes(antwoord: Response): Promise<string> {
  const fout = (await antwoord.json().catch(() => ({}))) as {
    code?: string;
    title?: string;
    invalidParams?: { name: string; code: string }[];
  };
  const velden = (fout.invalidParams ?? []).map((p) => `${p.name}: ${p.code}`);
  return [fout.title ?? fout.code ?? 'onbekende fout', ...velden].join('; ');
}
