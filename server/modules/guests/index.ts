// Guests (issue 5, docs/GUESTS.md): invitations by email from any XMPP
// client (iq.ts, namespace urn:causerie:guests:0 on the room's JID), the
// registration pages (pages.ts) and the mail they send (server/mail/).
// The rules live in server/domain/invitations.ts.

import { defineModule } from '../../core/module.js';
import { createInvitationsService } from '../../domain/invitations.js';
import type { InvitationSettings } from '../../domain/invitations.js';
import { createMailTransport } from '../../mail/transport.js';
import { createGuestMailer } from '../../mail/guest-mailer.js';
import { installGuestIq, NS_GUESTS } from './iq.js';
import { mountRegistrationPages } from './pages.js';
import { installGuestConfinement } from './confinement.js';
import { loginInfo } from './login-info.js';

export const guests = defineModule({
  name: 'guests',
  dependsOn: ['muc'],
  setup(ctx) {
    const transport = createMailTransport({ smtpUrl: ctx.config.mail.smtpUrl, from: ctx.config.mail.from, dataDir: ctx.config.dataDir, log: ctx.log.child('mail') });
    ctx.onStop(() => transport.close());
    const { config } = ctx;
    const settings: InvitationSettings = {
      guestDomain: config.guestDomain,
      ttlDays: config.guests.invitationTtlDays,
      perInviterPerHour: config.guests.invitationsPerInviterPerHour,
      perRoomPerHour: config.guests.invitationsPerRoomPerHour,
      // Read at use: a node started on port 0 learns its public port after the modules load.
      get publicUrl() {
        return config.publicUrl;
      },
      loginInfo: () => loginInfo(ctx.services.repos.discovery, config),
    };
    const invitations = createInvitationsService({ services: ctx.services, mailer: createGuestMailer(transport), settings });
    installGuestIq(ctx, invitations);
    installGuestConfinement(ctx);
    // A guest's password reset (here, by the WebAdmin or on another node) ends its sessions: it must log in again.
    const unhook = ctx.services.events.hook('password-changed', ({ jid, selfService }) => {
      if (selfService !== true && jid.endsWith(`@${config.guestDomain}`)) ctx.sessions.disconnect(jid, 'your password was reset by an administrator');
    });
    ctx.onStop(unhook);
    ctx.addHttpRoutes((app) => mountRegistrationPages(app, { invitations, log: ctx.log, loginInfo: () => loginInfo(ctx.services.repos.discovery, config) }));
    // Unverified registrations hold SCRAM secrets: drop them a day after they expire.
    const prune = (): void => {
      void ctx.services.repos.invitations.pruneRegistrations(new Date(Date.now() - 86_400_000)).catch((error: unknown) => ctx.log.warn('could not prune guest registrations', { error }));
    };
    const pruner = setInterval(prune, 3_600_000);
    pruner.unref();
    prune();
    ctx.onStop(() => clearInterval(pruner));
    // Without SMTP, mail lands in a folder: the administrator must learn where (each mail is logged too).
    if (config.mail.smtpUrl) ctx.log.debug('guest invitations ready', { namespace: NS_GUESTS });
    else ctx.log.info('no mail.smtpUrl configured: guest mail is written to the outbox folder', { outbox: `${config.dataDir}/outbox` });
  },
});
