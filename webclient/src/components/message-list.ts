// The messages of a room, grouped by day and author; loads older ones from
// the archive when scrolled to the top, sticks to the bottom for new ones,
// and scrolls to a highlighted message (search result).

import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { dayKey, groupMessages } from '../chat/grouping.js';
import type { RoomState } from '../store.js';
import { messageText } from './message-text.js';
import { attachmentOf } from '../xmpp/upload.js';
import { applyActions } from '../chat/actions.js';
import type { ShownMessage } from '../chat/actions.js';
import { messageActions, reactionChips } from './message-actions.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { presenceDot } from './presence.js';
import { joinNames } from '../chat/typing.js';
import { presenceFromShow, presenceOf } from '../chat/people.js';
import type { Presence } from '../chat/people.js';

/** XEP-0333: who displayed this message last (a discreet line, on the newest message each reader saw). */
function seenBy(r: RoomState, stanzaId: string | undefined) {
  if (!stanzaId) return '';
  const readers = Object.entries(r.seenBy ?? {})
    .filter(([nick, id]) => id === stanzaId && nick !== r.nick)
    .map(([nick]) => nick);
  return readers.length ? html`<span class="seen-by muted small">${t('seen.by', { names: joinNames(readers, store.state.lang) })}</span>` : '';
}

/** An author's presence: anywhere when their JID is known, else whether that nick is in the room. */
function presenceOfAuthor(r: RoomState, nick: string, jid: string | undefined): Presence {
  if (jid) return presenceOf(store.state, jid);
  const occupant = r.occupants[nick];
  return occupant ? presenceFromShow(occupant.show) : 'offline';
}

function editor(room: string, m: ShownMessage) {
  const id = m.stanzaId ?? m.id;
  return html`<textarea
    class="edit-field"
    aria-label=${t('message.edit')}
    .value=${m.body}
    @keydown=${(e: KeyboardEvent) => {
      const field = e.target as HTMLTextAreaElement;
      if (e.key === 'Escape') {
        e.stopPropagation();
        store.set({ editing: undefined });
      } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        session.edits.correct(room, id, field.value);
      }
    }}
  ></textarea><span class="muted small">${t('message.editHint')}</span>`;
}

export function messageBody(m: ShownMessage) {
  if (m.retracted) return html`<div class="body retracted muted">${m.moderated ? t('message.moderated') : t('message.retracted')}</div>`;
  const file = attachmentOf(m.body, m.oob);
  if (!file) return html`<div class="body">${messageText(m.body)}${m.edited ? html` <span class="edited muted small">${t('message.edited')}</span>` : ''}</div>`;
  return file.image
    ? html`<a class="attachment image" href=${file.url} target="_blank" rel="noopener noreferrer"><img src=${file.url} alt=${file.name} loading="lazy" /></a>`
    : html`<a class="attachment file" href=${file.url} target="_blank" rel="noopener noreferrer" download=${file.name}><span aria-hidden="true">${icon('clip')}</span> ${file.name}</a>`;
}

function dayLabel(at: number, lang: string): string {
  const today = dayKey(Date.now());
  const yesterday = dayKey(Date.now() - 86_400_000);
  const key = dayKey(at);
  if (key === today) return t('room.today');
  if (key === yesterday) return t('room.yesterday');
  return new Date(at).toLocaleDateString(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

function time(at: number, lang: string): string {
  return new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
}

/** The real JID behind an author block: from its occupant id, else from the occupant of that nick. */
function authorJid(r: RoomState, block: { nick: string; mine?: boolean; messages: Array<{ occupantId?: string }> }): string | undefined {
  if (r.kind === 'direct') return block.mine ? store.state.jid.split('/')[0] : r.jid;
  const occupantId = block.messages[0]?.occupantId;
  return (occupantId ? store.state.occupantJids[occupantId] : undefined) ?? r.occupants[block.nick]?.jid;
}

export class MessageList extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  private stick = true;
  private lastCount = 0;
  private lastFirst?: string;
  private lastLast?: string;
  /** Messages that arrived below while the person was reading higher up. */
  private newBelow = 0;
  private scrolledTo?: string;
  private heightBefore = 0;

  private get scroller(): HTMLElement | null {
    return this.querySelector('.scroller');
  }

  private onScroll(): void {
    const el = this.scroller;
    if (!el) return;
    this.stick = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (this.stick && this.newBelow) {
      this.newBelow = 0;
      this.requestUpdate();
    }
    if (el.scrollTop < 80) {
      const r = store.state.rooms[this.room];
      if (r && !r.historyComplete && !r.loadingHistory) {
        this.heightBefore = el.scrollHeight;
        void session.archive.loadOlder(this.room);
      }
    }
  }

  /** ↑/↓ move the focus from message to message (then Tab reaches its actions). */
  private keydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const target = event.target as HTMLElement;
    if (!target.classList.contains('scroller') && !target.classList.contains('message')) return;
    const messages = [...this.querySelectorAll<HTMLElement>('message-list .messages .message')];
    if (messages.length === 0) return;
    const index = messages.indexOf(target);
    const next = index === -1 ? messages[messages.length - 1] : messages[Math.max(0, Math.min(messages.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    event.preventDefault();
    next?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('room')) {
      this.stick = true;
      this.newBelow = 0;
      this.lastLast = undefined;
      this.scrolledTo = undefined;
    }
    const el = this.scroller;
    if (el && !this.heightBefore) this.heightBefore = el.scrollHeight;
  }

  protected override updated(): void {
    const el = this.scroller;
    const r = store.state.rooms[this.room];
    if (!el || !r) return;
    const first = r.messages[0]?.id;
    const visible = r.messages.filter((m) => !m.thread);
    const last = visible[visible.length - 1];
    const lastChanged = last !== undefined && this.lastLast !== undefined && last.id !== this.lastLast;
    if (lastChanged && !this.stick && !r.detached && !last.mine) {
      this.newBelow += 1;
      queueMicrotask(() => this.requestUpdate());
    }
    this.lastLast = last?.id;
    const highlight = store.state.highlight;
    if (highlight && highlight !== this.scrolledTo) {
      const target = this.querySelector<HTMLElement>(`[data-id="${CSS.escape(highlight)}"]`);
      if (target) {
        this.scrolledTo = highlight;
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
        this.stick = false;
      }
    } else if (first !== this.lastFirst && this.lastFirst !== undefined && r.messages.length > this.lastCount && !this.stick) {
      // Older messages were added above: keep the same messages in view.
      el.scrollTop += el.scrollHeight - this.heightBefore;
    } else if (this.stick || (lastChanged && last?.mine)) {
      // Stay at the bottom, and jump there when I send something.
      el.scrollTop = el.scrollHeight;
      this.stick = true;
      this.newBelow = 0;
    }
    this.heightBefore = 0;
    this.lastFirst = first;
    this.lastCount = r.messages.length;
    // A first page shorter than the view: load more so scrolling is possible.
    if (!r.historyComplete && !r.loadingHistory && r.messages.length > 0 && el.scrollHeight <= el.clientHeight && r.joined) void session.archive.loadOlder(this.room);
  }

  private renderRoom(r: RoomState) {
    const lang = store.state.lang;
    const highlight = store.state.highlight;
    const me = session.myKey(r.jid);
    const commentCount = new Map<string, number>();
    for (const m of r.messages) if (m.thread) commentCount.set(m.thread, (commentCount.get(m.thread) ?? 0) + 1);
    return groupMessages(r.messages.filter((m) => !m.thread)).map((block) =>
      block.kind === 'day'
        ? html`<li class="day" role="separator"><span>${dayLabel(block.at, lang)}</span></li>`
        : html`<li class="group ${block.mine ? 'mine' : ''}">
            ${avatar(block.nick, authorJid(r, block))}
            <div class="group-body">
              <div class="group-head"><span class="author">${block.nick}</span>${presenceDot(presenceOfAuthor(r, block.nick, authorJid(r, block)))} <time datetime=${new Date(block.at).toISOString()}>${time(block.at, lang)}</time></div>
              ${block.messages.map((raw) => {
                const m = applyActions(raw, r.actions, me);
                const comments = commentCount.get(m.stanzaId ?? '') ?? 0;
                return html`<div
                  class="message ${m.pending ? 'pending' : ''} ${m.failed ? 'not-sent' : ''} ${m.mention ? 'mention' : ''} ${m.id === highlight ? 'highlight' : ''} ${m.retracted ? 'retracted' : ''}"
                  data-id=${m.id}
                  tabindex="-1"
                  role="article"
                  aria-label=${`${m.nick}, ${time(m.at, lang)}`}
                >
                  ${store.state.editing === m.stanzaId && m.stanzaId ? editor(r.jid, m) : messageBody(m)}
                  ${m.pending ? html`<span class="muted small">${t('room.pending')}</span>` : ''}
                  ${m.failed && m.clientId
                    ? html`<p class="failed error small" role="alert">${m.failed}
                        <button class="link" @click=${() => session.retry(r.jid, m.clientId as string)}>${t('room.retry')}</button>
                        <button class="link" @click=${() => session.discard(r.jid, m.clientId as string)}>${t('room.discard')}</button></p>`
                    : ''}
                  ${seenBy(r, m.stanzaId)}
                  ${reactionChips(r, m)}
                  ${comments ? html`<button class="link comments" @click=${() => void session.openThread(r.jid, m)}>${icon('comment')} ${t('message.comments', { n: comments })}</button>` : ''}
                  ${r.kind === 'direct' ? '' : messageActions(r, m)}
                </div>`;
              })}
            </div>
          </li>`,
    );
  }

  override render() {
    const r = store.state.rooms[this.room];
    if (!r) return html``;
    return html`
      <div class="scroller" @scroll=${() => this.onScroll()} @keydown=${(e: KeyboardEvent) => this.keydown(e)} tabindex="0" role="log" aria-live="polite" aria-relevant="additions" aria-label=${t('room.messages', { room: r.name })}>
        ${r.historyComplete ? html`<p class="history-start muted small">${t('room.historyStart')}</p>` : ''}
        ${r.loadingHistory ? html`<p class="loading muted small" role="status">${t('room.loadingHistory')}</p>` : ''}
        <ol class="messages">${this.renderRoom(r)}</ol>
      </div>
      ${this.newBelow && !r.detached
        ? html`<button class="jump-latest new-below" @click=${() => {
            const el = this.scroller;
            if (el) el.scrollTop = el.scrollHeight;
          }}>${icon('down')} ${t('room.newBelow', { n: this.newBelow })}</button>`
        : ''}
      ${r.detached ? html`<button class="jump-latest" @click=${() => void session.archive.jumpToLatest(this.room)}>${icon('down')} ${t('room.jumpLatest')}</button>` : ''}
    `;
  }
}
customElements.define('message-list', MessageList);
