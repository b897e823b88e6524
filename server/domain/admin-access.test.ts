// A WebAdmin session's absolute lifetime: however active, it ends 12 hours
// after sign-in, and its idle expiry never reaches past that end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamChatKit, type TeamChatKit } from '../testing/teamchat-kit.js';
import { createAuditTrail } from './audit.js';
import { ADMIN_ABSOLUTE_MS, ADMIN_IDLE_MS, absoluteExpiry, createAdminAccess } from './admin-access.js';

describe('WebAdmin session lifetime', () => {
  let kit: TeamChatKit;
  let now = new Date('2026-12-01T08:00:00Z');
  let access: ReturnType<typeof createAdminAccess>;

  beforeAll(async () => {
    kit = await openTeamChatKit();
    access = createAdminAccess({ repos: kit.repos, clock: { now: () => now }, audit: createAuditTrail(kit.repos), scramIterations: 4096 });
  });
  afterAll(async () => {
    await kit.close();
  });

  it('ends an active session 12 hours after sign-in', async () => {
    const domain = await kit.domain();
    await kit.services.accounts.create({ jid: `root@${domain.name}`, password: 'pw-root-secret', serverAdmin: true });
    const signed = await access.authenticate(`root@${domain.name}`, 'pw-root-secret', null);
    const { cookie, session } = await access.openSession(signed, null);
    const end = absoluteExpiry(session);
    expect(end.getTime() - session.createdAt.getTime()).toBe(ADMIN_ABSOLUTE_MS);
    // Used every 20 minutes: alive until the absolute end, whose idle expiry it never passes.
    while (now.getTime() + 20 * 60_000 < end.getTime()) {
      now = new Date(now.getTime() + 20 * 60_000);
      const open = await access.resumeSession(cookie, null);
      expect(open, now.toISOString()).toBeDefined();
      expect(open?.session.expiresAt.getTime()).toBeLessThanOrEqual(end.getTime());
      expect(open?.session.expiresAt.getTime()).toBeLessThanOrEqual(now.getTime() + ADMIN_IDLE_MS);
    }
    now = new Date(end.getTime());
    expect(await access.resumeSession(cookie, null)).toBeUndefined();
  });
});
