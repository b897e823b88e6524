// Who performs an action, with the roles that decide what they may do. Every
// administrative change names its actor, for authorization and the audit log.

export interface Actor {
  /** The acting account; null for the system itself (first start, migrations). */
  accountId: number | null;
  /** How the audit log names the actor: a JID, "cli" or "system". */
  label: string;
  ip: string | null;
  serverAdmin: boolean;
  /** Domains this actor administers. */
  domainAdminOf: readonly number[];
  /** Groups this actor manages. */
  managerOf: readonly number[];
}

/** The node itself, and the `causerie` command run by the machine's administrator. */
export const SYSTEM_ACTOR: Actor = { accountId: null, label: 'system', ip: null, serverAdmin: true, domainAdminOf: [], managerOf: [] };
export const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'cli' };
