// A message's comment thread in the side panel, with its own composer.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { applyActions } from '../chat/actions.js';
import { messageBody } from './message-list.js';
import { messageActions, reactionChips } from './message-actions.js';
import { icon } from './icons.js';

export class ThreadPanel extends Base {
  private keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    const thread = store.state.thread;
    const field = event.target as HTMLTextAreaElement;
    if (!thread || !field.value.trim()) return;
    session.comment(thread.room, thread.root, field.value);
    field.value = '';
  }

  override render() {
    const thread = store.state.thread;
    const r = thread ? store.state.rooms[thread.room] : undefined;
    if (!thread || !r) return html``;
    const me = session.myKey(r.jid);
    const lang = store.state.lang;
    const item = (raw: typeof thread.root, inThread: boolean) => {
      const m = applyActions(raw, r.actions, me);
      return html`<li class="message thread-item ${m.pending ? 'pending' : ''}" data-id=${m.id} tabindex="-1">
        <div class="group-head"><span class="author">${m.nick}</span> <time>${new Date(m.at).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })}</time></div>
        ${messageBody(m)} ${reactionChips(r, m)} ${messageActions(r, m, inThread)}
      </li>`;
    };
    return html`
      <aside class="panel thread" aria-labelledby="thread-title">
        <header class="panel-head">
          <h2 id="thread-title">${icon('comment')} ${t('thread.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined, thread: undefined })}>${icon('close')}</button>
        </header>
        <ol class="thread-list">
          ${item(thread.root, true)}
          <li class="thread-sep muted small" role="separator">${thread.loading ? t('room.loadingHistory') : thread.comments.length ? t('message.comments', { n: thread.comments.length }) : t('thread.none')}</li>
          ${thread.comments.map((c) => item(c, true))}
        </ol>
        <div class="composer">
          <label class="visually-hidden" for="thread-field">${t('thread.placeholder')}</label>
          <textarea id="thread-field" rows="2" placeholder=${t('thread.placeholder')} ?disabled=${!r.joined} @keydown=${(e: KeyboardEvent) => this.keydown(e)}></textarea>
        </div>
      </aside>
    `;
  }
}
customElements.define('thread-panel', ThreadPanel);
