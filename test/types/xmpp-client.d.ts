// Minimal type declarations for @xmpp/client (it ships none): the parts
// the integration tests use.
declare module '@xmpp/client' {
  import type { Element } from 'ltx';
  import type { EventEmitter } from 'node:events';

  export interface XmppClientOptions {
    service: string;
    domain?: string;
    username?: string;
    password?: string;
    resource?: string;
    timeout?: number;
  }

  export interface XmppClient extends EventEmitter {
    jid: { toString(): string; local: string; domain: string; resource: string } | null;
    status: string;
    start(): Promise<{ toString(): string }>;
    stop(): Promise<void>;
    send(element: Element): Promise<void>;
    iqCaller: { request(element: Element, timeout?: number): Promise<Element> };
    streamManagement: EventEmitter & { enabled: boolean; id: string; inbound: number; outbound: number; outbound_q: unknown[] };
    socket: { socket?: { destroy?: () => void; terminate?: () => void; close?: () => void } } | null;
    reconnect: EventEmitter & { delay: number; stop(): void };
    disconnect(): Promise<void>;
  }

  export function client(options: XmppClientOptions): XmppClient;
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Array<Element | string>): Element;
}
