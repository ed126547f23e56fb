import { Alert, Badge, Checkbox, DescriptionList, Field, Heading, Paragraph, ProgressList } from '@amsterdam/design-system-react';
import { FASEN, FLANKMODULES, INKOMENSBEHEER_VORMEN, SCHULDREGELING_ROUTES, UITSTROOM_REDENEN } from '../../../common/begrippen';
import { termijnStand } from '../../../common/termijnStand';
import { waaromGeenBeschikking, waaromOngeldig } from '../../../workflows/route020';
import type { TrajectState, TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { Laadstatus } from '../Laadstatus';
import { Sectie } from '../Sectie';
import { Storingen } from '../Storingen';
import { MinimaatwerkSectie } from './MinimaatwerkSectie';
import { VerwijzingenSectie } from './VerwijzingenSectie';
import { PlanSectie } from './PlanSectie';
import { ZrmSectie } from './ZrmSectie';
import { RegieSectie } from './RegieSectie';
import { ContactenSectie } from './ContactenSectie';
import { alsTijdstip, datum, datumTijd, woorden } from '../opmaak';
import { AppLink } from '../router';
import { isTeamleider, magBeschikkingRegistreren, magCasussenBewerken, useLaden, useSessie } from '../sessie';
import { resterendTekst, TermijnMarkering } from '../termijn';
import { DatumVeld, KeuzeVeld, TekstvakVeld } from '../velden';
import { useZaakActie } from '../zaakActie';

interface Overgang {
  /** The option's value: the phase, with the route for schuldregeling. */
  waarde: string;
  label: string;
  naar: TrajectStatus['fase'];
  route?: TrajectStatus['route'];
}

/** The phase moves the Route 020 rules allow now (the same rules the workflow's validator uses). */
function toegestaneOvergangen(t: TrajectStatus): Overgang[] {
  const state: TrajectState = { ...t, teDelen: [] };
  const kandidaten = FASEN.flatMap((naar): Overgang[] =>
    naar === 'schuldregeling'
      ? SCHULDREGELING_ROUTES.map((route) => ({ waarde: `${naar}:${route}`, label: `schuldregeling (${route})`, naar, route }))
      : [{ waarde: naar, label: naar, naar }],
  );
  // Closing is offered with the most lenient uitstroom (a client who died needs no nazorg contact); the API explains any other refusal.
  return kandidaten.filter(
    (k) =>
      !(k.naar === t.fase && k.route === t.route) &&
      waaromOngeldig(state, { naar: k.naar, route: k.route, reden: 'reden', uitstroom: 'overleden' }) === undefined,
  );
}

/** The colour of the term block: the words in it say the same. */
function termijnKleur(t: TrajectStatus): string {
  if (t.beschikking) return 'afgegeven';
  if (!t.termijn || t.termijn.opgeschortSinds) return 'stil';
  return termijnStand(t.termijn.verloopt, 'traject');
}

export function Traject({ id }: { id: string }) {
  const { config, gebruiker } = useSessie();
  const laden = useLaden<TrajectStatus>(`/trajecten/${id}`);
  const actie = useZaakActie<TrajectStatus>(laden.zet);
  const t = laden.data;
  if (!t) return <Laadstatus laden={laden} />;

  const open = t.fase !== 'afgesloten';
  const bewerken = magCasussenBewerken(gebruiker);
  const overgangen = toegestaneOvergangen(t);
  const bezocht = new Set(t.faseHistorie.map((h) => h.fase));
  const verdaging = t.termijnVerloop?.wijzigingen.find((w) => w.soort === 'verdaging');
  /** Opschorting and verdaging apply to a running term without a beschikking. */
  const termijnLoopt = open && !t.beschikking && t.termijn !== undefined;

  return (
    <>
      <Heading level={1}>
        Traject {t.trajectId.slice(-8)} <span className="fase">({t.fase})</span>
      </Heading>
      <Paragraph>
        Buurtteam {t.buurtteam}, regievoerder {t.regievoerder ?? 'nog niemand'}, aangemeld op {datum(t.aanmeldDatum)}.
        {t.vanMelding && (
          <>
            {' '}
            Overgedragen vanuit{' '}
            <AppLink href={`/app/meldingen/${t.vanMelding}`} className="ams-link">
              een Vroeg Eropaf-melding
            </AppLink>
            .
          </>
        )}
      </Paragraph>

      <div className="kolommen">
        <Sectie id="fasen" titel="Fasen">
          <ProgressList headingLevel={3} completedAccessibleText="afgerond" currentAccessibleText="huidige fase">
            {FASEN.map((f) => {
              const historie = t.faseHistorie.filter((h) => h.fase === f);
              return (
                <ProgressList.Step key={f} heading={f} status={f === t.fase ? 'current' : bezocht.has(f) ? 'completed' : undefined}>
                  {historie.map((h) => (
                    <Paragraph key={h.vanaf} size="small">
                      vanaf {datumTijd(h.vanaf)}
                      {h.route ? `, route ${h.route}` : ''}
                      {h.reden ? ` (${h.reden})` : ''}
                    </Paragraph>
                  ))}
                </ProgressList.Step>
              );
            })}
          </ProgressList>
        </Sectie>

        <div>
          <Sectie id="termijn" titel="Beschikkingstermijn" className={`termijn termijn--${termijnKleur(t)}`}>
            {t.beschikking ? (
              <Paragraph>
                Beschikking <strong>{t.beschikking.besluit}</strong> op {datum(t.beschikking.datum)}
                {t.termijn && ` (einddatum was ${datum(t.termijn.einddatum)})`}.
              </Paragraph>
            ) : !t.termijn ? (
              <Paragraph>De termijn van 8 weken begint bij het eerste gesprek (de intake).</Paragraph>
            ) : t.termijn.opgeschortSinds ? (
              <Paragraph>
                <Badge color="yellow" label="Opgeschort" /> sinds {datum(t.termijn.opgeschortSinds)}, in afwachting van stukken van de
                cliënt; de einddatum (nu {datum(t.termijn.einddatum)}) schuift op zolang de opschorting loopt.
              </Paragraph>
            ) : (
              <Paragraph>
                <TermijnMarkering verloopt={t.termijn.verloopt} soort="traject" /> Einddatum <strong>{datum(t.termijn.einddatum)}</strong>:{' '}
                <strong data-testid="termijn-resterend">{resterendTekst(t.termijn.verloopt)}</strong>
              </Paragraph>
            )}
            {verdaging?.soort === 'verdaging' && (
              <Paragraph>
                Verdaagd tot {datum(verdaging.nieuweEinddatum)}: {verdaging.reden}
              </Paragraph>
            )}
          </Sectie>

          <Sectie id="intake" titel="Intake">
            <Paragraph>
              {t.intake.gehouden
                ? `Gehouden op ${datumTijd(t.intake.gehouden)}.`
                : t.intake.gepland
                  ? `Gepland op ${datumTijd(t.intake.gepland)}, nog niet gehouden.`
                  : 'Nog niet gepland.'}
              {t.crisisinterventie && (
                <>
                  {' '}
                  <Badge color="red" label="crisis" />
                </>
              )}
            </Paragraph>
          </Sectie>

          <Sectie id="toestemming" titel="Toestemming">
            <Paragraph>
              Vastleggen: <strong>{t.toestemming.vastleggen ? 'ja' : 'nee'}</strong>, delen:{' '}
              <strong>{t.toestemming.delen ? 'ja' : 'nee'}</strong> (sinds {datum(t.toestemming.datum)}).
              {t.openstaandeRegistraties > 0 && ` ${t.openstaandeRegistraties} registratie(s) wachten op verzending.`}
            </Paragraph>
          </Sectie>

          <Sectie id="modules" titel="Modules">
            <DescriptionList termsWidth="medium">
              <DescriptionList.Term>Crisisinterventie</DescriptionList.Term>
              <DescriptionList.Description>{t.crisisinterventie ? 'actief' : 'niet actief'}</DescriptionList.Description>
              <DescriptionList.Term>Flankmodules</DescriptionList.Term>
              <DescriptionList.Description>
                {t.flankmodules.length ? t.flankmodules.map(woorden).join(', ') : 'geen'}
              </DescriptionList.Description>
              <DescriptionList.Term>Inkomensbeheer</DescriptionList.Term>
              <DescriptionList.Description>
                {t.inkomensbeheer ? `${t.inkomensbeheer.vorm} sinds ${datum(t.inkomensbeheer.datum)}` : 'geen'}
              </DescriptionList.Description>
            </DescriptionList>
          </Sectie>
        </div>
      </div>

      {!open && (
        <Alert heading={`Afgesloten: ${t.afsluitReden ?? ''}`} headingLevel={2} severity="success">
          <Paragraph>Dit traject is afgesloten; er kan niets meer worden gewijzigd.</Paragraph>
        </Alert>
      )}

      <Storingen
        storingen={[...t.storingen, ...t.termijnStoringen]}
        magHerleveren={bewerken}
        herlever={() => actie(`/trajecten/${id}/herlevering`, {})}
      />

      <PlanSectie t={t} magBewerken={bewerken} actie={actie} />

      <div className="kolommen">
        <ZrmSectie zrm={t.zrm} magMeten={bewerken && open} meet={(body) => actie(`/trajecten/${id}/zrm`, body)} />
        <RegieSectie t={t} magWijzigen={isTeamleider(gebruiker) && open} wijzig={(body) => actie(`/trajecten/${id}/regie`, body)} />
        <ContactenSectie
          contacten={t.contacten}
          magVastleggen={bewerken && open}
          leg={(body) => actie(`/trajecten/${id}/contacten`, body)}
        />
        {bewerken && <MinimaatwerkSectie trajectId={id} buurtteam={t.buurtteam} magBesteden={open} />}
        <VerwijzingenSectie
          verwijzingen={t.verwijzingen}
          magWijzigen={bewerken && open}
          verstuur={(pad, body) => actie(`/trajecten/${id}/${pad}`, body)}
        />
      </div>

      {bewerken && (
        <Sectie id="acties" titel="Wat kan nu" className="acties">
          {open && t.fase === 'intake' && (
            <details open>
              <summary>Intake plannen of registreren</summary>
              <Formulier
                id="intake"
                knop="Intake opslaan"
                onVerstuur={(g) =>
                  actie(`/trajecten/${id}/intake`, { actie: tekst(g, 'actie'), tijdstip: alsTijdstip(tekst(g, 'tijdstip') ?? '') })
                }
              >
                <KeuzeVeld
                  pad="actie"
                  label="Wat"
                  defaultValue={t.intake.gepland ? 'gehouden' : 'gepland'}
                  keuzes={[
                    { waarde: 'gepland', label: 'intake gepland' },
                    { waarde: 'gehouden', label: 'intake gehouden' },
                  ]}
                />
                <DatumVeld pad="tijdstip" label="Tijdstip" metTijd />
              </Formulier>
            </details>
          )}
          {open && !t.beschikking && !waaromGeenBeschikking(t) && magBeschikkingRegistreren(gebruiker, t, config) && (
            <details open={t.fase === 'stabilisatie'}>
              <summary>Beschikking registreren</summary>
              <Formulier
                id="beschikking"
                knop="Beschikking registreren"
                onVerstuur={(g) => actie(`/trajecten/${id}/beschikking`, { datum: tekst(g, 'datum'), besluit: tekst(g, 'besluit') })}
              >
                <KeuzeVeld pad="besluit" label="Besluit" keuzes={['toegekend', 'afgewezen']} />
                <DatumVeld pad="datum" label="Datum" />
              </Formulier>
            </details>
          )}
          {termijnLoopt && (
            <details>
              <summary>{t.termijn?.opgeschortSinds ? 'Termijn hervatten (stukken ontvangen)' : 'Termijn opschorten (Awb 4:15)'}</summary>
              <Formulier
                id="opschorting"
                knop={t.termijn?.opgeschortSinds ? 'Hervatten' : 'Opschorten'}
                onVerstuur={(g) =>
                  actie(`/trajecten/${id}/opschorting`, {
                    actie: t.termijn?.opgeschortSinds ? 'hervatten' : 'opschorten',
                    datum: tekst(g, 'datum'),
                  })
                }
              >
                <DatumVeld pad="datum" label={t.termijn?.opgeschortSinds ? 'Stukken ontvangen op' : 'Stukken gevraagd op'} />
              </Formulier>
            </details>
          )}
          {termijnLoopt && !verdaging && (
            <details>
              <summary>Termijn verdagen (Awb 4:14, eenmaal)</summary>
              <Formulier
                id="verdaging"
                knop="Verdagen"
                onVerstuur={(g) =>
                  actie(`/trajecten/${id}/verdaging`, { nieuweEinddatum: tekst(g, 'nieuweEinddatum'), reden: tekst(g, 'reden') })
                }
              >
                <DatumVeld pad="nieuweEinddatum" label="Nieuwe einddatum" />
                <TekstvakVeld pad="reden" label="Reden" leeg="Vul de reden van de verdaging in" />
              </Formulier>
            </details>
          )}
          {overgangen.length > 0 && (
            <details open={overgangen.some((o) => o.naar !== 'afgesloten')}>
              <summary>Fase wijzigen</summary>
              <Formulier
                id="fase"
                knop="Fase wijzigen"
                onVerstuur={(g) => {
                  const gekozen = overgangen.find((o) => o.waarde === tekst(g, 'naar'));
                  const uitstroom = gekozen?.naar === 'afgesloten' ? tekst(g, 'uitstroom') : undefined;
                  return actie(`/trajecten/${id}/fase`, {
                    naar: gekozen?.naar,
                    route: gekozen?.route,
                    reden: tekst(g, 'reden'),
                    uitstroom,
                  });
                }}
              >
                <KeuzeVeld pad="naar" label="Naar fase" keuzes={overgangen} />
                <TekstvakVeld pad="reden" label="Reden" hint="nodig bij afsluiten en bij WSNP" />
                <KeuzeVeld
                  pad="uitstroom"
                  label="Uitstroomreden"
                  hint="nodig bij afsluiten"
                  defaultValue=""
                  keuzes={[{ waarde: '', label: 'geen (niet afsluiten)' }, ...UITSTROOM_REDENEN]}
                />
              </Formulier>
            </details>
          )}
          <details>
            <summary>Toestemming wijzigen</summary>
            <Formulier
              id="toestemming"
              knop="Toestemming opslaan"
              onVerstuur={(g) =>
                actie(`/trajecten/${id}/toestemming`, {
                  vastleggen: g.get('vastleggen') === 'on',
                  delen: g.get('delen') === 'on',
                  datum: tekst(g, 'datum'),
                })
              }
            >
              <Field>
                <Checkbox name="vastleggen" defaultChecked={t.toestemming.vastleggen}>
                  Gegevens vastleggen
                </Checkbox>
                <Checkbox name="delen" id="toestemming-delen" defaultChecked={t.toestemming.delen}>
                  Gegevens delen met de registratie
                </Checkbox>
              </Field>
              <DatumVeld pad="datum" label="Datum" />
            </Formulier>
          </details>
          {open && (
            <details>
              <summary>Modules</summary>
              <Formulier
                id="flankmodule"
                knop="Flankmodule opslaan"
                onVerstuur={(g) => actie(`/trajecten/${id}/flankmodules`, { module: tekst(g, 'module'), actief: g.get('actief') === 'on' })}
              >
                <KeuzeVeld pad="module" label="Flankmodule" keuzes={FLANKMODULES} />
                <Field>
                  <Checkbox name="actief" defaultChecked>
                    Actief
                  </Checkbox>
                </Field>
              </Formulier>
              <Formulier
                id="crisisinterventie"
                knop={t.crisisinterventie ? 'Crisisinterventie beëindigen' : 'Crisisinterventie starten'}
                onVerstuur={() => actie(`/trajecten/${id}/crisisinterventie`, { actief: !t.crisisinterventie })}
              >
                {null}
              </Formulier>
            </details>
          )}
          {open && (
            <details>
              <summary>{t.inkomensbeheer ? 'Verwijzing naar inkomensbeheer wijzigen' : 'Verwijzen naar inkomensbeheer'}</summary>
              <Formulier
                id="inkomensbeheer"
                knop="Verwijzing opslaan"
                onVerstuur={(g) => actie(`/trajecten/${id}/inkomensbeheer`, { vorm: tekst(g, 'vorm'), datum: tekst(g, 'datum') })}
              >
                {/* Once referred, only the date of that same form can change (the workflow refuses another form). */}
                <KeuzeVeld pad="vorm" label="Vorm" keuzes={t.inkomensbeheer ? [t.inkomensbeheer.vorm] : INKOMENSBEHEER_VORMEN} />
                <DatumVeld pad="datum" label="Datum van de verwijzing" />
              </Formulier>
            </details>
          )}
        </Sectie>
      )}
    </>
  );
}
