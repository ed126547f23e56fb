import type { UpdateDefinition } from '@temporalio/common';
import type { ZodObject, ZodType } from 'zod';
import * as schemas from '../common/schemas';
import * as berichten from '../workflows/messages';
import { afsluitingMetEindresultaat } from '../workflows/eindresultaat';
import { persoonSleutel } from './sleutels';
import { vierOgenBezwaar } from '../common/vierOgen';
import type { Handeling } from '../workflows/types';
import type { Zaakprefix } from './zaaktoegang';

/** What the API knows beyond the request: the secret of the keyed hashes and its configuration. */
export interface Aanvullingsbron {
  geheim: Buffer;
  /** VERWIJZING_OPVOLGEN_WEKEN; absent: the workflow's default. */
  verwijzingOpvolgenWeken?: number;
}

/** A POST route that validates its body and runs one workflow update on the case in the path. */
export interface UpdateRoute<A = unknown, R = unknown, P = object> {
  pad: string;
  prefix: Zaakprefix;
  schema: ZodType<A>;
  /** Path parameters after `:id` (e.g. `:verwijzingId`), validated and added to the update's argument. */
  padParameters?: ZodObject & ZodType<P>;
  /** The API adds the acting user (`door`) to the validated body. */
  update: UpdateDefinition<R, [A & P & Handeling]>;
  samenvatting: string;
  /** The operation's name in the OpenAPI document: the summary in camelCase (object, then verb). */
  operationId: string;
  /** Adds what the API derives from the validated body, its secret or its configuration. */
  aanvulling?: (invoer: A, bron: Aanvullingsbron) => A;
  /** When this request needs the teamleider role (a medewerker may do the rest). */
  alleenTeamleider?: (invoer: A) => boolean;
  /** Four eyes: the rule that says who may not do this on the case (off with VIER_OGEN=uit). */
  vierOgen?: typeof vierOgenBezwaar;
  /** An operator may do this on any case (it delivers again what was refused; it changes no case data). */
  ookOperator?: boolean;
}

// Checks at each entry that the body schema and the update's argument agree.
const route = <A, R, P = object>(r: UpdateRoute<A, R, P>) => r as unknown as UpdateRoute;

/** The router and the OpenAPI document are both generated from this table. */
export const UPDATE_ROUTES: UpdateRoute[] = [
  route({
    pad: '/meldingen/:id/huisbezoeken',
    prefix: 'melding-',
    schema: schemas.huisbezoekSchema,
    update: berichten.huisbezoekUpdate,
    samenvatting: 'Huisbezoek registreren',
    operationId: 'huisbezoekRegistreren',
  }),
  route({
    pad: '/meldingen/:id/stappen',
    prefix: 'melding-',
    schema: schemas.stapSchema,
    update: berichten.stapUpdate,
    samenvatting: 'Begeleidingsstap registreren',
    operationId: 'begeleidingsstapRegistreren',
  }),
  route({
    pad: '/meldingen/:id/afsluiting',
    prefix: 'melding-',
    schema: schemas.meldingAfsluitingSchema,
    update: berichten.meldingAfsluitingUpdate,
    samenvatting: 'Melding afsluiten',
    operationId: 'meldingAfsluiten',
    alleenTeamleider: (a) => afsluitingMetEindresultaat(a).reden === 'niet-bereikt',
  }),
  route({
    pad: '/meldingen/:id/contactpogingen',
    prefix: 'melding-',
    schema: schemas.contactpogingSchema,
    update: berichten.contactpogingUpdate,
    samenvatting: 'Contactpoging registreren (telefoon, brief, e-mail; DDAS)',
    operationId: 'contactpogingRegistreren',
  }),
  route({
    pad: '/meldingen/:id/wpi-route',
    prefix: 'melding-',
    schema: schemas.wpiRouteSchema,
    update: berichten.wpiRouteUpdate,
    samenvatting: 'Melding naar een WPI-route (Participatiewet-uitkering; werkkader §2.8.2)',
    operationId: 'meldingNaarWpiRoute',
  }),
  route({
    pad: '/meldingen/:id/wpi-stappen',
    prefix: 'melding-',
    schema: schemas.wpiStapSchema,
    update: berichten.wpiStapUpdate,
    samenvatting: 'Stap van de WPI-route registreren',
    operationId: 'wpiStapRegistreren',
  }),
  route({
    pad: '/meldingen/:id/overdracht',
    prefix: 'melding-',
    schema: schemas.overdrachtSchema,
    update: berichten.overdrachtUpdate,
    samenvatting: 'Overdragen aan een schuldhulptraject',
    operationId: 'meldingOverdragen',
    // The person's key lets the melding's workflow go through their lock: one open traject per person.
    aanvulling: (o, { geheim }) => ({ ...o, persoonSleutel: persoonSleutel(geheim, o.client.bsn) }),
  }),
  route({
    pad: '/meldingen/:id/herlevering',
    prefix: 'melding-',
    schema: schemas.herleveringSchema,
    update: berichten.meldingHerleveringUpdate,
    samenvatting: 'Geweigerde notificaties nu opnieuw versturen (operator)',
    operationId: 'meldingHerleveren',
    ookOperator: true,
  }),
  route({
    pad: '/trajecten/:id/intake',
    prefix: 'traject-',
    schema: schemas.intakeSchema,
    update: berichten.intakeUpdate,
    samenvatting: 'Intake plannen of registreren',
    operationId: 'intakeRegistreren',
  }),
  route({
    pad: '/trajecten/:id/fase',
    prefix: 'traject-',
    schema: schemas.faseSchema,
    update: berichten.faseUpdate,
    samenvatting: 'Fase wijzigen (Route 020)',
    operationId: 'faseWijzigen',
  }),
  route({
    pad: '/trajecten/:id/beschikking',
    prefix: 'traject-',
    schema: schemas.beschikkingSchema,
    update: berichten.beschikkingUpdate,
    samenvatting: 'Beschikking registreren',
    operationId: 'beschikkingRegistreren',
    alleenTeamleider: () => true,
    vierOgen: vierOgenBezwaar,
  }),
  route({
    pad: '/trajecten/:id/toestemming',
    prefix: 'traject-',
    schema: schemas.toestemmingSchema,
    update: berichten.toestemmingUpdate,
    samenvatting: 'Toestemming vastleggen of intrekken',
    operationId: 'toestemmingVastleggen',
  }),
  route({
    pad: '/trajecten/:id/crisisinterventie',
    prefix: 'traject-',
    schema: schemas.crisisinterventieSchema,
    update: berichten.crisisinterventieUpdate,
    samenvatting: 'Crisisinterventie aan of uit',
    operationId: 'crisisinterventieWijzigen',
  }),
  route({
    pad: '/trajecten/:id/flankmodules',
    prefix: 'traject-',
    schema: schemas.flankmoduleSchema,
    update: berichten.flankmoduleUpdate,
    samenvatting: 'Flankmodule aan of uit',
    operationId: 'flankmoduleWijzigen',
  }),
  route({
    pad: '/trajecten/:id/inkomensbeheer',
    prefix: 'traject-',
    schema: schemas.inkomensbeheerSchema,
    update: berichten.inkomensbeheerUpdate,
    samenvatting: 'Verwijzen naar inkomensbeheer',
    operationId: 'inkomensbeheerVerwijzen',
  }),
  route({
    pad: '/trajecten/:id/opschorting',
    prefix: 'traject-',
    schema: schemas.opschortingSchema,
    update: berichten.opschortingUpdate,
    samenvatting: 'Beschikkingstermijn opschorten of hervatten (Awb 4:15)',
    operationId: 'beschikkingstermijnOpschorten',
  }),
  route({
    pad: '/trajecten/:id/zrm',
    prefix: 'traject-',
    schema: schemas.zrmMetingSchema,
    update: berichten.zrmUpdate,
    samenvatting: 'ZRM-meting registreren (start, na 3 maanden, einde)',
    operationId: 'zrmMetingRegistreren',
  }),
  route({
    pad: '/trajecten/:id/ondersteuningsplan',
    prefix: 'traject-',
    schema: schemas.ondersteuningsplanSchema,
    update: berichten.ondersteuningsplanUpdate,
    samenvatting: 'Ondersteuningsplan vaststellen (een volgende versie stelt het bij of vernieuwt het)',
    operationId: 'ondersteuningsplanVaststellen',
  }),
  route({
    pad: '/trajecten/:id/evaluaties',
    prefix: 'traject-',
    schema: schemas.evaluatieSchema,
    update: berichten.evaluatieUpdate,
    samenvatting: 'Evaluatie van het ondersteuningsplan registreren',
    operationId: 'evaluatieRegistreren',
  }),
  route({
    pad: '/trajecten/:id/nazorgcontacten',
    prefix: 'traject-',
    schema: schemas.nazorgContactSchema,
    update: berichten.nazorgContactUpdate,
    samenvatting: 'Nazorgcontact registreren (vinger aan de pols)',
    operationId: 'nazorgcontactRegistreren',
  }),
  route({
    pad: '/trajecten/:id/verdaging',
    prefix: 'traject-',
    schema: schemas.verdagingSchema,
    update: berichten.verdagingUpdate,
    samenvatting: 'Beschikkingstermijn eenmaal verdagen (Awb 4:14)',
    operationId: 'beschikkingstermijnVerdagen',
  }),
  route({
    pad: '/trajecten/:id/verwijzingen',
    prefix: 'traject-',
    schema: schemas.verwijzingSchema,
    update: berichten.verwijzingUpdate,
    samenvatting: 'Verwijzing of warme overdracht registreren (werkkader §2.4.7, hoofdstuk 3)',
    operationId: 'verwijzingRegistreren',
    aanvulling: (v, { verwijzingOpvolgenWeken }) => ({
      ...v,
      ...(verwijzingOpvolgenWeken ? { opvolgenWeken: verwijzingOpvolgenWeken } : {}),
    }),
  }),
  route({
    pad: '/trajecten/:id/verwijzingen/:verwijzingId/uitkomst',
    prefix: 'traject-',
    schema: schemas.verwijzingUitkomstSchema,
    padParameters: schemas.verwijzingPadSchema,
    update: berichten.verwijzingUitkomstUpdate,
    samenvatting: 'Uitkomst van een verwijzing registreren',
    operationId: 'verwijzingUitkomstRegistreren',
  }),
  route({
    pad: '/trajecten/:id/kindcheck',
    prefix: 'traject-',
    schema: schemas.kindcheckSchema,
    update: berichten.kindcheckUpdate,
    samenvatting: 'Minderjarige kinderen en de kindcheck registreren (werkkader §3.1.1)',
    operationId: 'kindcheckRegistreren',
  }),
  route({
    pad: '/trajecten/:id/regie',
    prefix: 'traject-',
    schema: schemas.regieSchema,
    update: berichten.regieUpdate,
    samenvatting: 'Regievoerder aanwijzen of warm overdragen, ook aan een ander buurtteam (teamleider)',
    operationId: 'regievoerderAanwijzen',
    alleenTeamleider: () => true,
  }),
  route({
    pad: '/trajecten/:id/contacten',
    prefix: 'traject-',
    schema: schemas.contactSchema,
    update: berichten.contactUpdate,
    samenvatting: 'Contact vastleggen (afspraak, telefoon, huisbezoek, brief, e-mail)',
    operationId: 'contactVastleggen',
  }),
  route({
    pad: '/trajecten/:id/herlevering',
    prefix: 'traject-',
    schema: schemas.herleveringSchema,
    update: berichten.trajectHerleveringUpdate,
    samenvatting: 'Geweigerde notificaties en registraties nu opnieuw versturen (operator)',
    operationId: 'trajectHerleveren',
    ookOperator: true,
  }),
  route({
    pad: '/adviezen/:id/gesprekken',
    prefix: 'advies-',
    schema: schemas.adviesGesprekSchema,
    update: berichten.adviesGesprekUpdate,
    samenvatting: 'Gesprek registreren (informatie en advies)',
    operationId: 'adviesGesprekRegistreren',
  }),
  route({
    pad: '/adviezen/:id/gegeven-adviezen',
    prefix: 'advies-',
    schema: schemas.gegevenAdviesSchema,
    update: berichten.gegevenAdviesUpdate,
    samenvatting: 'Gegeven advies registreren (ook met een partner)',
    operationId: 'gegevenAdviesRegistreren',
  }),
  route({
    pad: '/adviezen/:id/afsluiting',
    prefix: 'advies-',
    schema: schemas.adviesAfsluitingSchema,
    update: berichten.adviesAfsluitingUpdate,
    samenvatting: 'Advies afsluiten',
    operationId: 'adviesAfsluiten',
  }),
];
