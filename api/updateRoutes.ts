import type { UpdateDefinition } from '@temporalio/common';
import type { ZodType } from 'zod';
import * as schemas from '../common/schemas';
import * as berichten from '../workflows/messages';
import { afsluitingMetEindresultaat } from '../workflows/eindresultaat';
import { persoonSleutel } from './sleutels';
import { vierOgenBezwaar } from '../common/vierOgen';
import type { Handeling } from '../workflows/types';

/** A POST route that validates its body and runs one workflow update on the case in the path. */
export interface UpdateRoute<A = unknown, R = unknown> {
  pad: string;
  prefix: 'melding-' | 'traject-';
  schema: ZodType<A>;
  /** The API adds the acting user (`door`) to the validated body. */
  update: UpdateDefinition<R, [A & Handeling]>;
  samenvatting: string;
  /** The operation's name in the OpenAPI document: the summary in camelCase (object, then verb). */
  operationId: string;
  /** Adds what the API derives from the validated body, with the secret of the keyed hashes. */
  aanvulling?: (invoer: A, geheim: Buffer) => A;
  /** When this request needs the teamleider role (a medewerker may do the rest). */
  alleenTeamleider?: (invoer: A) => boolean;
  /** Four eyes: the rule that says who may not do this on the case (off with VIER_OGEN=uit). */
  vierOgen?: typeof vierOgenBezwaar;
  /** An operator may do this on any case (it delivers again what was refused; it changes no case data). */
  ookOperator?: boolean;
}

// Checks at each entry that the body schema and the update's argument agree.
const route = <A, R>(r: UpdateRoute<A, R>) => r as unknown as UpdateRoute;

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
    pad: '/meldingen/:id/overdracht',
    prefix: 'melding-',
    schema: schemas.overdrachtSchema,
    update: berichten.overdrachtUpdate,
    samenvatting: 'Overdragen aan een schuldhulptraject',
    operationId: 'meldingOverdragen',
    // The person's key lets the melding's workflow go through their lock: one open traject per person.
    aanvulling: (o, geheim) => ({ ...o, persoonSleutel: persoonSleutel(geheim, o.client.bsn) }),
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
    pad: '/trajecten/:id/herlevering',
    prefix: 'traject-',
    schema: schemas.herleveringSchema,
    update: berichten.trajectHerleveringUpdate,
    samenvatting: 'Geweigerde notificaties en registraties nu opnieuw versturen (operator)',
    operationId: 'trajectHerleveren',
    ookOperator: true,
  }),
];
