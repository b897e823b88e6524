// How stream-level elements are written on each transport: a <stream:stream>
// document over TCP (RFC 6120 §4), <open/>/<close/> frames over WebSocket
// (RFC 7395 §3.3). Stream errors: RFC 6120 §4.9.

import { escapeXML } from 'ltx';
import { NS_CLIENT, NS_FRAMING, NS_STREAM, NS_STREAM_ERRORS } from '../namespaces.js';
import type { TransportKind } from './transport.js';

export type StreamErrorCondition =
  | 'bad-format' | 'conflict' | 'connection-timeout' | 'host-unknown' | 'internal-server-error'
  | 'invalid-from' | 'invalid-namespace' | 'invalid-xml' | 'not-authorized' | 'not-well-formed'
  | 'policy-violation' | 'reset' | 'resource-constraint' | 'restricted-xml' | 'see-other-host'
  | 'system-shutdown' | 'undefined-condition' | 'unsupported-encoding' | 'unsupported-stanza-type'
  | 'unsupported-version';

export interface StreamHeader {
  id: string;
  from: string;
  to?: string;
  lang: string;
}

export function openStream(kind: TransportKind, header: StreamHeader): string {
  const to = header.to ? ` to='${escapeXML(header.to)}'` : '';
  const common = `id='${header.id}' from='${escapeXML(header.from)}'${to} version='1.0' xml:lang='${escapeXML(header.lang)}'`;
  if (kind === 'websocket') return `<open xmlns='${NS_FRAMING}' ${common}/>`;
  return `<?xml version='1.0'?><stream:stream xmlns='${NS_CLIENT}' xmlns:stream='${NS_STREAM}' ${common}>`;
}

/** A header that could not be answered normally still needs an opening before the error (RFC 6120 §4.9.1.3). */
export function closeStream(kind: TransportKind): string {
  return kind === 'websocket' ? `<close xmlns='${NS_FRAMING}'/>` : '</stream:stream>';
}

export function streamError(condition: StreamErrorCondition, text?: string): string {
  const textElement = text ? `<text xmlns='${NS_STREAM_ERRORS}' xml:lang='en'>${escapeXML(text)}</text>` : '';
  return `<stream:error xmlns:stream='${NS_STREAM}'><${condition} xmlns='${NS_STREAM_ERRORS}'/>${textElement}</stream:error>`;
}

export function features(inner: string): string {
  return `<stream:features xmlns:stream='${NS_STREAM}'>${inner}</stream:features>`;
}
