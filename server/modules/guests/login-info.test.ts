// How a guest logs in: the discovery settings when an administrator set
// them (web client URL, xmpp-client hosts by mode), the node's own
// addresses otherwise.
import { describe, expect, it } from 'vitest';
import type { ServiceHost, ServiceUrl } from '../../store/discovery-repo.js';
import { loginInfo } from './login-info.js';

const config = { publicUrl: 'https://node.example.org:8443', domain: 'example.org', listen: { host: '0.0.0.0', c2sPort: 5222, directTlsPort: 5223, httpsPort: 8443, adminPort: 9443 } };

function discovery(urls: Array<Omit<ServiceUrl, 'updatedAt'>>, hosts: Array<Omit<ServiceHost, 'id'>>) {
  return {
    urls: async (): Promise<ServiceUrl[]> => urls.map((url) => ({ ...url, updatedAt: new Date(0) })),
    hosts: async (): Promise<ServiceHost[]> => hosts.map((host, id) => ({ ...host, id })),
  };
}

describe('guest login details', () => {
  it('falls back to the node\'s public URL, domain and ports', async () => {
    expect(await loginInfo(discovery([], []), config)).toEqual({ webClientUrl: 'https://node.example.org:8443/', xmppHost: 'example.org', starttlsPort: 5222, directTlsPort: 5223 });
    expect(await loginInfo(discovery([], []), { ...config, listen: { ...config.listen, c2sPort: 0, directTlsPort: 0 } })).toMatchObject({ starttlsPort: 5222, directTlsPort: 5223 });
  });

  it('takes the web client URL and the xmpp-client hosts from the discovery settings', async () => {
    const settings = discovery(
      [{ name: 'imap', url: 'imaps://mail.example.org' }, { name: 'webclient', url: 'https://chat.example.org/' }],
      [{ service: 'smtp', host: 'mail.example.org', port: 587, mode: 'starttls' }, { service: 'xmpp-client', host: 'xmpp.example.org', port: 443, mode: 'tls' }, { service: 'xmpp-client', host: 'xmpp.example.org', port: 5280, mode: 'starttls' }],
    );
    expect(await loginInfo(settings, config)).toEqual({ webClientUrl: 'https://chat.example.org/', xmppHost: 'xmpp.example.org', starttlsPort: 5280, directTlsPort: 443 });
  });

  it('uses a direct-TLS-only host for the server name, with the node\'s STARTTLS port', async () => {
    const settings = discovery([], [{ service: 'xmpp-client', host: 'tls.example.org', port: 5223, mode: 'tls' }]);
    expect(await loginInfo(settings, config)).toEqual({ webClientUrl: 'https://node.example.org:8443/', xmppHost: 'tls.example.org', starttlsPort: 5222, directTlsPort: 5223 });
  });
});
