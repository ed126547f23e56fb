import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { FileNotificationAdapter } from '../activities/adapters/fileAdapters';
import { SmtpNotificationAdapter } from '../activities/adapters/smtpNotification';
import { OngeldigeGegevensFout, type Notificatie } from '../activities/ports';
import { leesConfig } from '../common/config';
import { adaptersUitConfig } from '../workers/adapters';

const alert: Notificatie = {
  idempotencyKey: 'traject-9-beschikkingstermijn:overschreden',
  soort: 'teamleider-alert',
  buurtteam: 'noord',
  zaakId: 'traject-9',
  onderwerp: 'beschikkingstermijn-overschreden',
  bericht: 'beschikkingstermijn van 8 weken is overschreden',
  termijn: '2027-01-21T23:00:00.000Z',
};

/** A real SMTP server on loopback that keeps what it receives and refuses one mailbox. */
describe('SMTP notification adapter', () => {
  let server: SMTPServer;
  let url: string;
  const ontvangen: { aan: string[]; inhoud: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(adres, _sessie, klaar) {
        klaar(adres.address.startsWith('onbekend') ? Object.assign(new Error('mailbox onbekend'), { responseCode: 550 }) : undefined);
      },
      onData(stroom, sessie, klaar) {
        let inhoud = '';
        stroom.on('data', (d: Buffer) => (inhoud += d.toString()));
        stroom.on('end', () => {
          // Unfold header lines (RFC 5322) so assertions see each header whole.
          ontvangen.push({ aan: sessie.envelope.rcptTo.map((r) => r.address), inhoud: inhoud.replace(/\r\n[ \t]+/g, ' ') });
          klaar();
        });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((klaar) => server.close(() => klaar())));

  const adapter = (teamleiderAdres = 'teamleider-{buurtteam}@buurtteams.example') =>
    new SmtpNotificationAdapter({
      url,
      van: 'schuldhulp@buurtteams.example',
      teamleiderAdres,
      teamAdres: 'team-{buurtteam}@buurtteams.example',
    });

  it("mails an alert to the team's teamleider with a Message-ID from the idempotency key", async () => {
    await adapter().verstuur(alert);
    const mail = ontvangen.at(-1)!;
    expect(mail.aan).toEqual(['teamleider-noord@buurtteams.example']);
    expect(mail.inhoud).toContain('Subject: [alert] beschikkingstermijn-overschreden - traject-9');
    expect(mail.inhoud).toContain('Message-ID: <traject-9-beschikkingstermijn:overschreden@schuldhulp-orchestrator>');
    expect(mail.inhoud).toContain('zaak: traject-9');
    expect(mail.inhoud).toContain('termijn: 2027-01-21T23:00:00.000Z');
  });

  it("sends tasks to the team's mailbox", async () => {
    await adapter().verstuur({ ...alert, soort: 'taak', onderwerp: 'huisbezoek-plannen', idempotencyKey: 'melding-1:nieuwe-melding' });
    expect(ontvangen.at(-1)!.aan).toEqual(['team-noord@buurtteams.example']);
  });

  it('treats a permanent refusal (5xx) as bad data that is not retried', async () => {
    await expect(adapter('onbekend-{buurtteam}@buurtteams.example').verstuur(alert)).rejects.toBeInstanceOf(OngeldigeGegevensFout);
  });

  it('is chosen by configuration, which must then name sender and addresses', () => {
    const basis = {
      SMTP_URL: url,
      SMTP_VAN: 'a@b.example',
      MAIL_TEAMLEIDER: 'tl-{buurtteam}@b.example',
      MAIL_TEAM: 't-{buurtteam}@b.example',
    };
    expect(adaptersUitConfig(leesConfig(basis)).notificaties).toBeInstanceOf(SmtpNotificationAdapter);
    // With mail as the only real channel, the uitwijk is the development file; without any, there is none.
    expect(adaptersUitConfig(leesConfig(basis)).uitwijk).toBeInstanceOf(FileNotificationAdapter);
    expect(adaptersUitConfig(leesConfig({})).uitwijk).toBeUndefined();
    expect(() => leesConfig({ SMTP_URL: url })).toThrow(/SMTP_URL: SMTP_URL vraagt ook SMTP_VAN/);
    expect(() => leesConfig({ ...basis, MAIL_TEAM: 'team@b.example' })).toThrow(/MAIL_TEAM/);
  });

  it('is the uitwijk for an alert the webhook refuses (401), through the real activity', async () => {
    const webhook = createServer((_req, res) => res.writeHead(401).end('token verlopen'));
    webhook.listen(0, '127.0.0.1');
    await once(webhook, 'listening');
    try {
      const config = leesConfig({
        NOTIFICATIE_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`,
        SMTP_URL: url,
        SMTP_VAN: 'schuldhulp@buurtteams.example',
        MAIL_TEAMLEIDER: 'teamleider-{buurtteam}@buurtteams.example',
        MAIL_TEAM: 'team-{buurtteam}@buurtteams.example',
      });
      const activiteiten = createActivities(adaptersUitConfig(config));
      const omgeving = new MockActivityEnvironment();
      const fout = await omgeving.run(activiteiten.notificeer, alert).catch((e: unknown) => e);
      expect((fout as ApplicationFailure).type).toBe('OngeldigeGegevens');
      const uitwijk = { ...alert, idempotencyKey: `${alert.idempotencyKey}:uitwijk` };
      expect(await omgeving.run(activiteiten.notificeerViaUitwijk, uitwijk)).toBe(true);
      expect(ontvangen.at(-1)!.aan).toEqual(['teamleider-noord@buurtteams.example']);
      expect(ontvangen.at(-1)!.inhoud).toContain(
        'Message-ID: <traject-9-beschikkingstermijn:overschreden:uitwijk@schuldhulp-orchestrator>',
      );
    } finally {
      webhook.close();
    }
  });
});
