#!/usr/bin/python3
# Interop agent: drives an XMPP server with slixmpp (Debian python3-slixmpp), a client
# Causerie did not write, so integration tests can check the server against an
# independent implementation. Protocol: docs/INTEROP.md (JSON lines on stdin/stdout).
#
# RFC 6120 (core), RFC 6121 (IM: roster, presence, messages)
# XEP-0030 disco, XEP-0054 vcard-temp, XEP-0059 RSM, XEP-0092 version, XEP-0199 ping,
# XEP-0280 carbons, XEP-0313 MAM, XEP-0359 stanza-id (read only), XEP-0203 delay,
# XEP-0363 HTTP upload (slixmpp's own plugin; needs python3-aiohttp),
# XEP-0045 MUC (slixmpp's plugin: join with history, occupant status codes),
# XEP-0308 corrections, XEP-0313 room archives with full-text search.
#
# One file on purpose (the test helpers spawn it by path); it is split into the
# stdio protocol below and the command handlers in the Agent class.
import asyncio
import base64
import io
import contextvars
import json
import logging
import os
import ssl
import sys
from typing import Any, Awaitable, Callable, Dict, Optional
from xml.etree import ElementTree as ET

import slixmpp
from slixmpp import ClientXMPP, JID
from slixmpp.exceptions import IqError, IqTimeout, PresenceError
from slixmpp.stanza import Iq, Message
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

DEFAULT_TIMEOUT = 10.0
NS_CLIENT = 'jabber:client'
NS_SID = 'urn:xmpp:sid:0'
NS_DELAY = 'urn:xmpp:delay'
NS_MAM = 'urn:xmpp:mam:2'
NS_ROSTER = 'jabber:iq:roster'
NS_MUC_USER = 'http://jabber.org/protocol/muc#user'
NS_CORRECT = 'urn:xmpp:message-correct:0'
NS_FULLTEXT_FIELD = '{urn:xmpp:fulltext:0}fulltext'
# The per-command deadline, also used as the iq timeout inside that command.
IQ_TIMEOUT: contextvars.ContextVar = contextvars.ContextVar('iq_timeout', default=DEFAULT_TIMEOUT)
PLUGINS = ('xep_0030', 'xep_0199', 'xep_0280', 'xep_0313', 'xep_0059', 'xep_0054',
           'xep_0092', 'xep_0045', 'xep_0308')
# The protocol's stdout. main() points sys.stdout at stderr, so that a stray print() in a
# library cannot break the JSON lines (slixmpp 1.8's join_muc_wait prints history delays).
PROTOCOL_OUT = sys.stdout


class AgentError(Exception):
    """An expected failure, reported to the driver as ok:false with this text."""


def emit(obj: Dict[str, Any]) -> None:
    PROTOCOL_OUT.write(json.dumps(obj, separators=(',', ':')) + '\n')
    PROTOCOL_OUT.flush()


def text_or_none(value: Any) -> Optional[str]:
    return str(value) if value not in (None, '') else None


def stanza_ids(xml: ET.Element) -> Dict[str, str]:
    """XEP-0359 stanza-id elements, keyed by their `by` attribute."""
    return {el.get('by', ''): el.get('id', '') for el in xml.findall('{%s}stanza-id' % NS_SID)}


def delay_stamp(xml: ET.Element) -> Optional[str]:
    el = xml.find('{%s}delay' % NS_DELAY)
    return el.get('stamp') if el is not None else None


def replace_id(xml: ET.Element) -> Optional[str]:
    """The id an XEP-0308 correction replaces."""
    el = xml.find('{%s}replace' % NS_CORRECT)
    return el.get('id') if el is not None else None


def muc_fields(xml: ET.Element) -> Optional[Dict[str, Any]]:
    """The XEP-0045 <x xmlns=muc#user/> of a room presence: item, reason and status codes."""
    x = xml.find('{%s}x' % NS_MUC_USER)
    if x is None:
        return None
    item = x.find('{%s}item' % NS_MUC_USER)
    return {'statuses': [el.get('code', '') for el in x.findall('{%s}status' % NS_MUC_USER)],
            'role': item.get('role') if item is not None else None,
            'affiliation': item.get('affiliation') if item is not None else None,
            'jid': item.get('jid') if item is not None else None,
            'reason': text_or_none(item.findtext('{%s}reason' % NS_MUC_USER))
            if item is not None else None}


def message_fields(msg: Message, own_bare: str) -> Dict[str, Any]:
    ids = stanza_ids(msg.xml)
    fields: Dict[str, Any] = {
        'from': str(msg['from']), 'to': str(msg['to']), 'type': msg['type'],
        'id': text_or_none(msg['id']), 'body': text_or_none(msg['body']),
        'stanza_id': ids.get(own_bare) or next(iter(ids.values()), None),
        'delay': delay_stamp(msg.xml),
        'replace': replace_id(msg.xml),
    }
    if msg['type'] == 'error':
        fields['error'] = msg['error']['condition']
    return fields


def parse_stanza(xml: str) -> ET.Element:
    # Tests write stanzas without xmlns; wrapping gives them the jabber:client default.
    wrapper = ET.fromstring("<wrapper xmlns='%s'>%s</wrapper>" % (NS_CLIENT, xml))
    children = list(wrapper)
    if len(children) != 1:
        raise AgentError('bad-request: expected exactly one stanza')
    return children[0]


class LoopbackClient(ClientXMPP):
    """ClientXMPP that connects to a fixed host/port and never asks DNS.

    slixmpp resolves the JID domain even when given an address and then overrides the
    port with the default 5222; tests run on random loopback ports, so we pin both.
    """

    def __init__(self, jid: str, password: str, host: str, port: int,
                 sasl_mech: Optional[str]) -> None:
        super().__init__(jid, password, sasl_mech=sasl_mech)
        self.fixed_address = (host, port)

    async def get_dns_records(self, domain: str, port: Optional[int] = None) -> list:
        return [(domain, self.fixed_address[0], self.fixed_address[1])]


class Agent:
    def __init__(self) -> None:
        self.client: Optional[LoopbackClient] = None  # set once the session is bound
        self.connecting = False
        self.quitting = asyncio.Event()
        self.tasks: set = set()
        self.commands: Dict[str, Callable[[Dict[str, Any]], Awaitable[Dict[str, Any]]]] = {
            'connect': self.connect, 'disconnect': self.disconnect, 'quit': self.quit,
            'send_presence': self.send_presence, 'subscribe': self.subscribe,
            'subscribed': self.subscribed, 'roster_get': self.roster_get,
            'roster_set': self.roster_set, 'roster_remove': self.roster_remove,
            'send_message': self.send_message, 'enable_carbons': self.enable_carbons,
            'disable_carbons': self.disable_carbons, 'mam_query': self.mam_query,
            'disco_info': self.disco_info, 'disco_items': self.disco_items,
            'ping': self.ping, 'vcard_get': self.vcard_get, 'vcard_set': self.vcard_set,
            'version': self.version, 'iq_raw': self.iq_raw, 'send_raw': self.send_raw,
            'http_upload': self.http_upload, 'muc_join': self.muc_join,
        }

    # ---- stdio protocol -------------------------------------------------------------

    async def run(self) -> None:
        reader = asyncio.StreamReader(limit=16 * 1024 * 1024)
        loop = asyncio.get_running_loop()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        emit({'event': 'ready', 'slixmpp': slixmpp.__version__, 'pid': os.getpid()})
        while not self.quitting.is_set():
            read = asyncio.ensure_future(reader.readline())
            quit_wait = asyncio.ensure_future(self.quitting.wait())
            await asyncio.wait({read, quit_wait}, return_when=asyncio.FIRST_COMPLETED)
            quit_wait.cancel()
            if not read.done():
                read.cancel()
                break
            line = read.result()
            if not line:  # EOF: the driver went away, so leave as if told to quit.
                await self.quit({})
                break
            if line.strip():
                task = asyncio.ensure_future(self.handle_line(line))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=3)

    async def handle_line(self, line: bytes) -> None:
        cmd_id: Any = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise AgentError('bad-request: a command is a JSON object')
            cmd_id = request.get('id')
            name = request.get('cmd')
            handler = self.commands.get(name) if isinstance(name, str) else None
            if handler is None:
                raise AgentError('bad-request: unknown command %r' % (name,))
            timeout = float(request.get('timeout') or DEFAULT_TIMEOUT)
            IQ_TIMEOUT.set(timeout)
            args = request.get('args') or {}
            result = await asyncio.wait_for(handler(args), timeout)
            emit({**result, 'id': cmd_id, 'ok': True})
        except asyncio.TimeoutError:
            emit({'id': cmd_id, 'ok': False, 'error': 'timeout'})
        except IqTimeout:
            emit({'id': cmd_id, 'ok': False, 'error': 'timeout'})
        except IqError as err:
            emit({'id': cmd_id, 'ok': False, 'error': err.iq['error']['condition'] or 'error',
                  'text': text_or_none(err.iq['error']['text'])})
        except PresenceError as err:
            emit({'id': cmd_id, 'ok': False, 'error': err.presence['error']['condition'] or 'error',
                  'text': text_or_none(err.presence['error']['text'])})
        except AgentError as err:
            emit({'id': cmd_id, 'ok': False, 'error': str(err)})
        except Exception as err:  # noqa: BLE001 — every command must answer.
            logging.exception('command failed')
            emit({'id': cmd_id, 'ok': False, 'error': '%s: %s' % (type(err).__name__, err)})

    def need_client(self) -> LoopbackClient:
        if self.client is None:
            raise AgentError('not-connected')
        return self.client

    # ---- connection -----------------------------------------------------------------

    async def connect(self, args: Dict[str, Any]) -> Dict[str, Any]:
        if self.client is not None or self.connecting:
            raise AgentError('already-connected')
        jid = JID(args['jid'])
        if args.get('resource'):
            jid.resource = args['resource']
        mode = args.get('mode', 'starttls')
        if mode not in ('starttls', 'direct_tls'):
            raise AgentError('bad-request: mode must be starttls or direct_tls')
        client = LoopbackClient(jid.full, args['password'], args.get('host', '127.0.0.1'),
                                int(args['port']), args.get('mechanism'))
        for plugin in PLUGINS:
            client.register_plugin(plugin)
        # Subscription requests are left to the test (slixmpp accepts them by default).
        client.auto_authorize = None
        client.auto_subscribe = False
        if args.get('ca_file'):
            client.ca_certs = args['ca_file']
        done: asyncio.Future = asyncio.get_running_loop().create_future()

        def fail(reason: str) -> None:
            if not done.done():
                done.set_exception(AgentError(reason))

        def on_failed_auth(stanza: Any) -> None:
            # Report the first SASL failure instead of letting slixmpp try the other
            # mechanisms: marking them all attempted makes it give up and disconnect.
            mechanisms = client['feature_mechanisms']
            mechanisms.attempted_mechs |= set(getattr(mechanisms, 'mech_list', set()))
            fail(stanza['condition'] or 'not-authorized')

        def on_connection_failed(err: Any) -> None:
            client.cancel_connection_attempt()  # slixmpp would retry forever
            if isinstance(err, ssl.SSLCertVerificationError):  # direct TLS handshake
                fail('certificate-invalid: %s' % (err,))
            fail('connection-failed: %s' % (err,))

        def on_invalid_chain(err: Any) -> None:  # STARTTLS handshake
            fail('certificate-invalid: %s' % (err,))
            client.abort()

        client.add_event_handler('session_start', lambda _: done.done() or done.set_result(True))
        client.add_event_handler('failed_auth', on_failed_auth)
        client.add_event_handler('failed_all_auth', lambda _=None: fail('no-acceptable-mechanism'))
        client.add_event_handler('connection_failed', on_connection_failed)
        client.add_event_handler('ssl_invalid_chain', on_invalid_chain)
        client.add_event_handler('stream_error', lambda err: fail('stream-error: %s' % err['condition']))
        client.add_event_handler('disconnected', lambda reason: fail('disconnected: %s' % (reason,)))
        self.attach_events(client)
        self.connecting = True
        client.connect(address=client.fixed_address, use_ssl=(mode == 'direct_tls'),
                       force_starttls=(mode == 'starttls'), disable_starttls=(mode == 'direct_tls'))
        # Verify the certificate against the JID domain, not the address we dial.
        client.default_domain = jid.domain
        try:
            await done
        except BaseException:
            client.cancel_connection_attempt()
            client.abort()
            dispose(client)
            raise
        finally:
            self.connecting = False
        self.client = client
        mech = client['feature_mechanisms'].mech
        return {'jid': client.boundjid.full, 'mechanism': mech.name if mech else None}

    def attach_events(self, client: LoopbackClient) -> None:
        client.register_handler(Callback('agent-message', MatchXPath('{%s}message' % NS_CLIENT),
                                         lambda msg: self.on_message(client, msg)))
        # Every presence stanza, not slixmpp's 'presence' event: the MUC plugin silences
        # that event for rooms it joined (roster ignore_updates), and 321/332 would be lost.
        client.register_handler(Callback('agent-presence', MatchXPath('{%s}presence' % NS_CLIENT),
                                         lambda pres: self.on_presence(client, pres)))
        client.add_event_handler('roster_update', self.on_roster_update)

        def on_disconnected(reason: Any) -> None:
            # Only a session that was up is reported; a failed connect answers with an error.
            if self.client is client:
                self.client = None
                emit({'event': 'disconnected', 'reason': text_or_none(reason)})
        client.add_event_handler('disconnected', on_disconnected)

    async def disconnect(self, _args: Dict[str, Any]) -> Dict[str, Any]:
        client = self.client
        if client is None:
            return {}
        await client.disconnect(wait=2.0)  # the disconnected event fires before this returns
        self.client = None
        dispose(client)
        return {}

    async def quit(self, _args: Dict[str, Any]) -> Dict[str, Any]:
        if self.client is not None:
            await self.disconnect({})
        self.quitting.set()
        return {}

    # ---- events ---------------------------------------------------------------------

    def on_message(self, client: LoopbackClient, msg: Message) -> None:
        if msg.xml.find('{%s}result' % NS_MAM) is not None:
            return  # MAM results are returned by mam_query, not as live messages
        own = client.boundjid.bare
        carbon = None
        for kind in ('received', 'sent'):
            if msg.xml.find('{urn:xmpp:carbons:2}%s' % kind) is not None and \
                    str(msg['from']) == own:  # XEP-0280 §11: only our own server may wrap
                carbon = kind
                msg = msg['carbon_%s' % kind]
        emit({'event': 'message', **message_fields(msg, own), 'carbon': carbon})

    def on_presence(self, client: LoopbackClient, pres: Any) -> None:
        # Raw attribute: slixmpp's pres['type'] returns the <show/> value when present.
        emit({'event': 'presence', 'from': str(pres['from']),
              'to': str(pres['to']) if pres['to'].bare else client.boundjid.full,
              'type': pres.xml.get('type') or 'available', 'show': text_or_none(pres['show']),
              'status': text_or_none(pres['status']), 'priority': int(pres['priority'] or 0),
              'muc': muc_fields(pres.xml)})

    def on_roster_update(self, iq: Iq) -> None:
        if iq['type'] == 'set':
            emit({'event': 'roster_push', 'items': roster_items(iq),
                  'ver': text_or_none(iq['roster']['ver'])})

    # ---- IM -------------------------------------------------------------------------

    async def send_presence(self, args: Dict[str, Any]) -> Dict[str, Any]:
        ptype = args.get('type')
        self.need_client().send_presence(
            pto=args.get('to'), ptype=None if ptype == 'available' else ptype,
            pshow=args.get('show'), pstatus=args.get('status'), ppriority=args.get('priority'))
        return {}

    async def subscribe(self, args: Dict[str, Any]) -> Dict[str, Any]:
        return await self.send_presence({'to': args['jid'], 'type': 'subscribe'})

    async def subscribed(self, args: Dict[str, Any]) -> Dict[str, Any]:
        return await self.send_presence({'to': args['jid'], 'type': 'subscribed'})

    async def roster_get(self, _args: Dict[str, Any]) -> Dict[str, Any]:
        iq = self.need_client().make_iq_get(queryxmlns=NS_ROSTER)
        reply = await iq.send(timeout=IQ_TIMEOUT.get())
        return {'items': roster_items(reply), 'ver': text_or_none(reply['roster']['ver'])}

    async def roster_set(self, args: Dict[str, Any]) -> Dict[str, Any]:
        item = {'name': args.get('name') or '', 'groups': args.get('groups') or []}
        return await self.roster_write(args['jid'], item)

    async def roster_remove(self, args: Dict[str, Any]) -> Dict[str, Any]:
        return await self.roster_write(args['jid'], {'subscription': 'remove'})

    async def roster_write(self, jid: str, item: Dict[str, Any]) -> Dict[str, Any]:
        iq = self.need_client().make_iq_set()
        iq['roster']['items'] = {jid: item}
        await iq.send(timeout=IQ_TIMEOUT.get())
        return {}

    async def send_message(self, args: Dict[str, Any]) -> Dict[str, Any]:
        client = self.need_client()
        msg = client.make_message(mto=args['to'], mbody=args.get('body'),
                                  mtype=args.get('type', 'chat'))
        msg['id'] = args.get('id') or client.new_id()
        if args.get('replace'):
            msg['replace']['id'] = args['replace']  # slixmpp's XEP-0308 stanza plugin
        msg.send()
        return {'message_id': msg['id']}

    async def send_raw(self, args: Dict[str, Any]) -> Dict[str, Any]:
        parse_stanza(args['xml'])  # refuse malformed XML before it breaks the stream
        self.need_client().send_raw(args['xml'])
        return {}

    # ---- extensions -----------------------------------------------------------------

    async def enable_carbons(self, _args: Dict[str, Any]) -> Dict[str, Any]:
        await self.need_client()['xep_0280'].enable(timeout=IQ_TIMEOUT.get())
        return {}

    async def disable_carbons(self, _args: Dict[str, Any]) -> Dict[str, Any]:
        await self.need_client()['xep_0280'].disable(timeout=IQ_TIMEOUT.get())
        return {}

    async def mam_query(self, args: Dict[str, Any]) -> Dict[str, Any]:
        client = self.need_client()
        iq = client.make_iq_set(ito=args.get('archive'))
        query_id = iq['id']
        iq['mam']['queryid'] = query_id
        for field, key in (('with', 'with'), ('start', 'start'), ('end', 'end')):
            if args.get(field):
                iq['mam'][key] = args[field]
        if args.get('fulltext'):
            iq['mam'].set_custom_field(NS_FULLTEXT_FIELD, args['fulltext'])
        rsm = iq['mam']['rsm']
        if args.get('max') is not None:
            rsm['max'] = str(args['max'])
        if args.get('after'):
            rsm['after'] = args['after']
        if args.get('before') is not None:  # "" asks for the last page (XEP-0059 §2.5)
            rsm['before'] = args['before'] or True
        results: list = []

        def collect(msg: Message) -> None:
            if msg['mam_result']['queryid'] == query_id:
                results.append(msg)
        handler_name = 'agent-mam-%s' % query_id
        client.register_handler(Callback(handler_name, MatchXPath(
            '{%s}message/{%s}result' % (NS_CLIENT, NS_MAM)), collect))
        try:
            reply = await iq.send(timeout=IQ_TIMEOUT.get())
        finally:
            client.remove_handler(handler_name)
        messages = []
        for msg in results:
            forwarded = msg['mam_result']['forwarded']
            inner = forwarded['stanza']
            messages.append({'stanza_id': msg['mam_result']['id'], 'from': str(inner['from']),
                             'to': str(inner['to']), 'type': inner['type'],
                             'id': text_or_none(inner['id']), 'body': text_or_none(inner['body']),
                             'timestamp': delay_stamp(forwarded.xml)})
        fin = reply.xml.find('{%s}fin' % NS_MAM)
        fin_rsm = reply['mam_fin']['rsm']
        return {'messages': messages,
                'complete': fin is not None and fin.get('complete') in ('true', '1'),
                'first': text_or_none(fin_rsm['first']), 'last': text_or_none(fin_rsm['last']),
                'count': int(fin_rsm['count']) if fin_rsm['count'] else None}

    async def muc_join(self, args: Dict[str, Any]) -> Dict[str, Any]:
        """Joins with slixmpp's join_muc_wait: self-presence, then history, then the subject."""
        client = self.need_client()
        maxstanzas = args.get('maxstanzas')
        # A refusal raises PresenceError, answered like an iq error (handle_line).
        pres, subject, occupants, history = await client['xep_0045'].join_muc_wait(
            JID(args['room']), args['nick'],
            maxstanzas=int(maxstanzas) if maxstanzas is not None else None,
            timeout=IQ_TIMEOUT.get())
        own = client.boundjid.bare
        return {'nick': pres['from'].resource, 'muc': muc_fields(pres.xml),
                'subject': text_or_none(subject['subject']),
                'occupants': [p['from'].resource for p in occupants],
                'history': [message_fields(m, own) for m in history]}

    async def disco_info(self, args: Dict[str, Any]) -> Dict[str, Any]:
        reply = await self.need_client()['xep_0030'].get_info(
            jid=args.get('jid'), node=args.get('node'), local=False, cached=False,
            timeout=IQ_TIMEOUT.get())
        info = reply['disco_info']
        return {'identities': [{'category': c, 'type': t, 'lang': text_or_none(lang),
                                'name': text_or_none(name)}
                               for (c, t, lang, name) in info['identities']],
                'features': sorted(info['features'])}

    async def disco_items(self, args: Dict[str, Any]) -> Dict[str, Any]:
        reply = await self.need_client()['xep_0030'].get_items(
            jid=args.get('jid'), node=args.get('node'), local=False, timeout=IQ_TIMEOUT.get())
        return {'items': [{'jid': str(j), 'node': text_or_none(n), 'name': text_or_none(name)}
                          for (j, n, name) in reply['disco_items']['items']]}

    async def ping(self, args: Dict[str, Any]) -> Dict[str, Any]:
        # send_ping, not ping(): ping() hides errors from our own server.
        client = self.need_client()
        await client['xep_0199'].send_ping(args.get('jid') or client.boundjid.domain,
                                           timeout=IQ_TIMEOUT.get())
        return {}

    async def vcard_get(self, args: Dict[str, Any]) -> Dict[str, Any]:
        reply = await self.need_client()['xep_0054'].get_vcard(
            args.get('jid'), local=False, cached=False, timeout=IQ_TIMEOUT.get())
        vcard = reply['vcard_temp']
        # Read the XML: slixmpp returns NICKNAME as a list of strings.
        def field(name: str) -> Optional[str]:
            return text_or_none(vcard.xml.findtext('{vcard-temp}%s' % name))
        return {'fn': field('FN'), 'nickname': field('NICKNAME'), 'xml': str(vcard)}

    async def vcard_set(self, args: Dict[str, Any]) -> Dict[str, Any]:
        client = self.need_client()
        vcard = client['xep_0054'].stanza.VCardTemp()
        if args.get('fn'):
            vcard['FN'] = args['fn']
        if args.get('nickname'):
            vcard['NICKNAME'] = args['nickname']
        await client['xep_0054'].publish_vcard(vcard, timeout=IQ_TIMEOUT.get())
        return {}

    async def version(self, args: Dict[str, Any]) -> Dict[str, Any]:
        client = self.need_client()
        reply = await client['xep_0092'].get_version(args.get('jid') or client.boundjid.domain,
                                                     timeout=IQ_TIMEOUT.get())
        sv = reply['software_version']
        return {'name': text_or_none(sv['name']), 'version': text_or_none(sv['version']),
                'os': text_or_none(sv['os'])}

    async def iq_raw(self, args: Dict[str, Any]) -> Dict[str, Any]:
        """Send an iq as written and return the reply XML, error replies included."""
        client = self.need_client()
        iq = Iq(client, xml=parse_stanza(args['xml']))
        if not iq['id']:
            iq['id'] = client.new_id()
        try:
            reply = await iq.send(timeout=IQ_TIMEOUT.get())
        except IqError as err:
            reply = err.iq
        return {'type': reply['type'], 'xml': str(reply)}


    async def http_upload(self, args: Dict[str, Any]) -> Dict[str, Any]:
        """XEP-0363 the slixmpp way: find the service by disco, request a slot, PUT with aiohttp."""
        client = self.need_client()
        if 'xep_0363' not in client.plugin:
            # Registered on demand: the plugin imports aiohttp, which other commands do not need.
            client.register_plugin('xep_0363')
        if args.get('ca_file'):
            # aiohttp builds its default TLS context on first use, from OpenSSL's default paths.
            os.environ['SSL_CERT_FILE'] = args['ca_file']
        from slixmpp.plugins.xep_0363 import FileTooBig, HTTPError
        upload = client['xep_0363']
        if upload.upload_service is None:
            await self.find_upload_service(client)
        data = base64.b64decode(args['data'])
        try:
            url = await client['xep_0363'].upload_file(
                args['filename'], size=len(data), content_type=args.get('content_type'),
                input_file=io.BytesIO(data), timeout=IQ_TIMEOUT.get())
        except FileTooBig as err:
            raise AgentError('file-too-large: %s' % (err,)) from err
        except HTTPError as err:
            raise AgentError('http-error: %s' % (err,)) from err
        return {'url': url, 'max_file_size': client['xep_0363'].max_file_size}

    async def find_upload_service(self, client: LoopbackClient) -> None:
        """slixmpp's own discovery (get_info_from_domain) fails on Python 3.11 (it passes
        coroutines to asyncio.wait), so walk disco#items then disco#info the same way."""
        disco = client['xep_0030']
        items = await disco.get_items(jid=client.boundjid.domain, local=False, timeout=IQ_TIMEOUT.get())
        for (jid, _node, _name) in items['disco_items']['items']:
            info = await disco.get_info(jid=jid, local=False, cached=False, timeout=IQ_TIMEOUT.get())
            identities = info['disco_info']['identities']
            if not any(c == 'store' and t == 'file' for (c, t, _l, _n) in identities):
                continue
            if 'urn:xmpp:http:upload:0' not in info['disco_info']['features']:
                continue
            upload = client['xep_0363']
            upload.upload_service = info['from']
            for form in info['disco_info'].iterables:
                values = form['values']
                if values['FORM_TYPE'] == ['urn:xmpp:http:upload:0']:
                    upload.max_file_size = int(values['max-file-size'])
            return
        raise AgentError('item-not-found: no HTTP upload service in disco#items')


def dispose(client: ClientXMPP) -> None:
    # slixmpp leaves its outgoing-filter task running after a disconnect; cancel it so
    # asyncio does not log "Task was destroyed but it is pending" at exit.
    task = getattr(client, '_run_out_filters', None)
    if task is not None:
        task.cancel()


def roster_items(iq: Iq) -> list:
    return [{'jid': str(jid), 'name': text_or_none(item['name']),
             'subscription': item['subscription'] or 'none',
             'ask': text_or_none(item['ask']), 'groups': sorted(item['groups'])}
            for jid, item in iq['roster']['items'].items()]


def main() -> None:
    level = os.environ.get('SLIXMPP_AGENT_LOG', 'WARNING').upper()
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, level, logging.WARNING),
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    if level != 'DEBUG':
        # Our failed_auth handler makes slixmpp give up on purpose; its error log is noise.
        logging.getLogger('slixmpp.features.feature_mechanisms.mechanisms').setLevel(logging.CRITICAL)
    sys.stdout = sys.stderr
    asyncio.run(Agent().run())


if __name__ == '__main__':
    main()
