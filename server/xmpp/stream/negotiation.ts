// Stream negotiation before a session is bound: features, STARTTLS
// (RFC 6120 §5), SASL (§6), resource binding (§7) and XEP-0198 resumption.

import { escapeXML } from 'ltx';
import { el } from '../stanza.js';
import type { Element } from '../stanza.js';
import { NS_BIND, NS_CLIENT, NS_SASL, NS_SESSION, NS_SM, NS_STANZAS, NS_TLS } from '../namespaces.js';
import { features } from './stream-framing.js';
import type { ClientSession } from './client-session.js';

export function sendFeatures(session: ClientSession): void {
  if (session.transport.canStartTls) {
    session.writeRaw(features(`<starttls xmlns='${NS_TLS}'><required/></starttls>`));
    return;
  }
  if (!session.isAuthenticated) {
    session.sasl ??= session.env.createSasl({
      domain: session.domain,
      ip: session.transport.remoteAddress,
      secure: session.transport.secure,
      bindings: session.transport.channelBindings(),
    });
    const mechanisms = session.sasl.mechanisms().map((m) => `<mechanism>${m}</mechanism>`).join('');
    // XEP-0440: tell clients which channel-binding types this connection supports.
    const types = [...session.transport.channelBindings().keys()].map((type) => `<channel-binding type='${type}'/>`).join('');
    const bindings = types ? `<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>${types}</sasl-channel-binding>` : '';
    session.writeRaw(features(`<mechanisms xmlns='${NS_SASL}'>${mechanisms}</mechanisms>${bindings}`));
    return;
  }
  const bound = `<bind xmlns='${NS_BIND}'/><session xmlns='${NS_SESSION}'><optional/></session><sm xmlns='${NS_SM}'/>`;
  session.writeRaw(features(bound + session.env.boundFeatures(session)));
}

/** Handles one element received before the session is bound. */
export async function negotiateElement(session: ClientSession, element: Element): Promise<void> {
  if (session.phase === 'closed') return;
  const xmlns = element.attrs.xmlns ?? NS_CLIENT;
  if (session.transport.canStartTls) {
    if (element.name === 'starttls' && xmlns === NS_TLS) return startTls(session);
    if (element.name === 'auth' && xmlns === NS_SASL) {
      session.sendNonza(el('failure', { xmlns: NS_SASL }, el('encryption-required'), el('text', { 'xml:lang': 'en' }, 'Negotiate TLS (STARTTLS) first')));
      return;
    }
    return session.close('not-authorized', 'negotiate TLS first');
  }
  if (!session.isAuthenticated) {
    if (xmlns === NS_SASL && (element.name === 'auth' || element.name === 'response' || element.name === 'abort')) return sasl(session, element);
    return session.close('not-authorized', 'authenticate first');
  }
  if (element.name === 'iq' && xmlns === NS_CLIENT) return iqBeforeBind(session, element);
  if (element.name === 'resume' && xmlns === NS_SM) return resume(session, element);
  if (element.name === 'enable' && xmlns === NS_SM) {
    session.sendNonza(el('failed', { xmlns: NS_SM }, el('unexpected-request', { xmlns: NS_STANZAS })));
    return;
  }
  return session.close('not-authorized', 'bind a resource first');
}

async function startTls(session: ClientSession): Promise<void> {
  session.restartStream();
  try {
    await session.transport.startTls(`<proceed xmlns='${NS_TLS}'/>`);
  } catch (error) {
    session.env.log.debug('TLS handshake failed', { error, ip: session.transport.remoteAddress });
    session.transport.destroy();
  }
}

async function sasl(session: ClientSession, element: Element): Promise<void> {
  const negotiator = session.sasl;
  if (!negotiator) return session.close('not-authorized');
  const result = await negotiator.handle(element);
  if (session.phase === 'closed') return;
  if (result.kind === 'continue') return session.sendNonza(result.reply);
  if (result.kind === 'failure') {
    session.saslFailures += 1;
    session.env.log.debug('SASL failure', { reply: result.reply.toString(), ip: session.transport.remoteAddress });
    if (result.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, result.delayMs));
    session.sendNonza(result.reply);
    if (session.saslFailures >= session.env.limits.maxSaslFailures) session.close('policy-violation', 'too many failed authentication attempts');
    return;
  }
  const account = await session.env.loadAccount(result.localpart, session.domain);
  if (!account) {
    session.sendNonza(el('failure', { xmlns: NS_SASL }, el('account-disabled')));
    return;
  }
  session.account = account;
  session.phase = 'authenticated';
  session.sendNonza(result.reply);
  session.restartStream();
}

async function iqBeforeBind(session: ClientSession, iq: Element): Promise<void> {
  const bind = iq.getChild('bind', NS_BIND);
  if (iq.attrs.type !== 'set' || !bind || !iq.attrs.id) return session.close('not-authorized', 'bind a resource first');
  const requested = bind.getChildText('resource')?.trim() || undefined;
  if (requested !== undefined && (Buffer.byteLength(requested) > 1023 || /[\u0000-\u001f\u007f]/u.test(requested))) {
    session.writeRaw(`<iq type='error' id='${escapeXML(iq.attrs.id)}'><bind xmlns='${NS_BIND}'/><error type='modify'><bad-request xmlns='${NS_STANZAS}'/></error></iq>`);
    return;
  }
  session.env.bind(session, requested);
  const jid = session.jid;
  if (!jid) return;
  session.phase = 'bound';
  session.writeRaw(`<iq type='result' id='${escapeXML(iq.attrs.id)}'><bind xmlns='${NS_BIND}'><jid>${escapeXML(jid.full)}</jid></bind></iq>`);
}

async function resume(session: ClientSession, element: Element): Promise<void> {
  const previd = element.attrs.previd ?? '';
  const h = Number(element.attrs.h);
  const account = session.account;
  const target = account ? session.env.findResumable(previd, account.id) : undefined;
  const sm = target?.sm;
  if (!target || !sm || !Number.isInteger(h) || h < 0) {
    session.sendNonza(el('failed', { xmlns: NS_SM }, el('item-not-found', { xmlns: NS_STANZAS })));
    return;
  }
  if (!sm.acknowledge(h)) {
    session.sendNonza(el('failed', { xmlns: NS_SM, h: String(sm.handled) }, el('unexpected-request', { xmlns: NS_STANZAS })));
    return;
  }
  target.adoptConnection(session);
  target.sendNonza(el('resumed', { xmlns: NS_SM, previd: sm.id, h: String(sm.handled) }));
  for (const stanza of sm.peekUnacked()) target.writeRaw(stanza.toString());
  target.env.log.debug('session resumed', { jid: target.jid?.full, resent: sm.unackedCount });
}
