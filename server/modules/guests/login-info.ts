// How a guest logs in, for the welcome mail and the last registration page:
// the SmartDiscover settings an administrator set (service URL `webclient`,
// hosts of service `xmpp-client`) first, the node's own addresses otherwise.

import type { NodeConfig } from '../../config.js';
import type { DiscoveryRepo } from '../../store/discovery-repo.js';
import type { InvitationSettings } from '../../domain/invitations.js';

export type LoginInfo = Awaited<ReturnType<InvitationSettings['loginInfo']>>;

export async function loginInfo(discovery: Pick<DiscoveryRepo, 'urls' | 'hosts'>, config: Pick<NodeConfig, 'publicUrl' | 'domain' | 'listen'>): Promise<LoginInfo> {
  const [urls, hosts] = await Promise.all([discovery.urls(), discovery.hosts()]);
  const webclient = urls.find((url) => url.name === 'webclient')?.url;
  const xmpp = hosts.filter((host) => host.service === 'xmpp-client');
  const starttls = xmpp.find((host) => host.mode === 'starttls') ?? xmpp.find((host) => host.mode !== 'tls');
  const directTls = xmpp.find((host) => host.mode === 'tls');
  const { listen } = config;
  return {
    webClientUrl: webclient ?? `${config.publicUrl}/`,
    xmppHost: (starttls ?? directTls)?.host ?? config.domain,
    starttlsPort: starttls?.port ?? (listen.c2sPort || 5222),
    directTlsPort: directTls?.port ?? (listen.directTlsPort || 5223),
  };
}
