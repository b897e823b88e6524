// The toolbar of one message (shown on hover and keyboard focus): react,
// comment, pin, edit and delete own messages (and the file they shared),
// moderate others'.

import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { session, store, t } from '../context.js';
import type { ShownMessage } from '../chat/actions.js';
import type { RoomState } from '../store.js';
import { icon } from './icons.js';
import { askChoice } from './modal-dialog.js';
import { attachmentOf } from '../xmpp/upload.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀'];

/** Deleting my own message that shared a file of this server also offers to delete the file. */
async function askDeleteWithFile(room: RoomState, id: string, url: string): Promise<void> {
  const answer = await askChoice({
    title: t('message.confirmDelete'),
    text: t('message.deleteFileQuestion', { name: attachmentOf(url, url)?.name ?? url }),
    choices: [
      { value: 'cancel', label: t('create.cancel') },
      { value: 'message', label: t('message.deleteKeepFile') },
      { value: 'both', label: t('message.deleteWithFile'), primary: true },
    ],
  });
  if (answer === 'message') session.edits.retract(room.jid, id);
  else if (answer === 'both') await session.edits.retractWithFile(room.jid, id, url);
}

function confirmDelete(room: RoomState, m: ShownMessage): void {
  const id = m.stanzaId;
  if (!id) return;
  if (m.mine && m.oob && session.files.isServerFile(m.oob)) {
    void askDeleteWithFile(room, id, m.oob);
    return;
  }
  if (!window.confirm(t('message.confirmDelete'))) return;
  if (m.mine) session.edits.retract(room.jid, id);
  else void session.edits.moderate(room.jid, id).catch((error: unknown) => store.room(room.jid, () => ({ error: session.sentence(error) })));
}

export function messageActions(room: RoomState, m: ShownMessage, inThread = false): TemplateResult | string {
  const id = m.stanzaId;
  if (!id || m.retracted || m.pending) return '';
  const me = room.nick ? room.occupants[room.nick] : undefined;
  const moderator = me?.role === 'moderator';
  const pinned = room.pins.some((p) => p.id === id);
  return html`<div class="message-actions" role="toolbar" aria-label=${t('message.actions')}>
    ${QUICK_REACTIONS.map((emoji) => html`<button class="icon-button" title=${t('message.react', { emoji })} aria-label=${t('message.react', { emoji })} @click=${() => session.edits.react(room.jid, id, emoji)}>${emoji}</button>`)}
    ${inThread ? '' : html`<button class="icon-button" data-action="comment" title=${t('message.comment')} aria-label=${t('message.comment')} @click=${() => void session.openThread(room.jid, m)}>${icon('comment')}</button>`}
    <button class="icon-button" data-action="pin" title=${pinned ? t('message.unpin') : t('message.pin')} aria-label=${pinned ? t('message.unpin') : t('message.pin')} aria-pressed=${pinned} @click=${() => void session.tools.setPinned(room.jid, id, !pinned).catch((error: unknown) => store.room(room.jid, () => ({ error: session.sentence(error) })))}>${icon('pin')}</button>
    ${m.mine && !m.oob ? html`<button class="icon-button" data-action="edit" title=${t('message.edit')} aria-label=${t('message.edit')} @click=${() => store.set({ editing: id })}>${icon('edit')}</button>` : ''}
    ${m.mine || moderator ? html`<button class="icon-button" data-action="delete" title=${t('message.delete')} aria-label=${t('message.delete')} @click=${() => confirmDelete(room, m)}>${icon('trash')}</button>` : ''}
  </div>`;
}

export function reactionChips(room: RoomState, m: ShownMessage): TemplateResult | string {
  const id = m.stanzaId;
  if (!id || m.reactionCounts.length === 0) return '';
  return html`<div class="reactions">
    ${m.reactionCounts.map(
      (r) => html`<button class="reaction ${r.mine ? 'mine' : ''}" aria-pressed=${r.mine} aria-label=${t('message.reactionCount', { emoji: r.emoji, n: r.count })} @click=${() => session.edits.react(room.jid, id, r.emoji)}>${r.emoji} <span>${r.count}</span></button>`,
    )}
  </div>`;
}
