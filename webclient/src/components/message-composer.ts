// The composer: Enter sends, Shift+Enter adds a line; grows with its text.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';

export class MessageComposer extends Base {
  declare room: string;
  static override properties = { room: { type: String } };

  private drafts = new Map<string, string>();

  private get field(): HTMLTextAreaElement | null {
    return this.querySelector('textarea');
  }

  private resize(): void {
    const f = this.field;
    if (!f) return;
    f.style.height = 'auto';
    f.style.height = `${Math.min(f.scrollHeight, 200)}px`;
  }

  private send(): void {
    const f = this.field;
    if (!f || !f.value.trim()) return;
    session.send(this.room, f.value);
    f.value = '';
    this.drafts.delete(this.room);
    this.resize();
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  }

  focusField(): void {
    this.field?.focus();
  }

  override render() {
    const r = store.state.rooms[this.room];
    const canWrite = r?.joined && store.state.connection !== 'offline';
    return html`
      <form class="composer" @submit=${(e: Event) => {
        e.preventDefault();
        this.send();
      }}>
        <label class="visually-hidden" for="composer-field">${t('composer.label')}</label>
        <textarea
          id="composer-field"
          rows="1"
          placeholder=${t('composer.placeholder', { room: r?.name ?? '' })}
          aria-describedby="composer-hint"
          ?disabled=${!canWrite}
          .value=${this.drafts.get(this.room) ?? ''}
          @input=${(e: Event) => {
            this.drafts.set(this.room, (e.target as HTMLTextAreaElement).value);
            this.resize();
          }}
          @keydown=${(e: KeyboardEvent) => this.keydown(e)}
        ></textarea>
        <button class="primary send" type="submit" ?disabled=${!canWrite} aria-label=${t('composer.send')}>➤</button>
        <span id="composer-hint" class="visually-hidden">${t('composer.hint')}</span>
      </form>
    `;
  }
}
customElements.define('message-composer', MessageComposer);
