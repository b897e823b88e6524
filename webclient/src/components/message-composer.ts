// The composer: Enter sends, Shift+Enter adds a line; grows with its text;
// tells the room when I type, and shows who else is typing.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { icon } from './icons.js';
import { typingSentence } from '../chat/typing.js';

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
    session.activity.sent(this.room);
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

  private files(list: FileList | null | undefined): void {
    for (const file of Array.from(list ?? [])) void session.files.upload(this.room, file);
  }

  private paste(event: ClipboardEvent): void {
    const files = event.clipboardData?.files;
    if (files && files.length > 0) {
      event.preventDefault();
      this.files(files);
    }
  }

  focusField(): void {
    this.field?.focus();
  }

  override render() {
    const r = store.state.rooms[this.room];
    const canWrite = r?.joined && store.state.connection !== 'offline';
    const uploads = store.state.uploads.filter((u) => u.room === this.room);
    return html`
      <p class="typing muted" aria-live="polite">${typingSentence((r?.typing ?? []).filter((nick) => r?.kind === 'direct' || r?.occupants[nick]), store.state.lang)}</p>
      ${uploads.length
        ? html`<ul class="uploads" aria-label=${t('upload.list')}>
            ${uploads.map(
              (u) => html`<li class="upload ${u.error ? 'failed' : ''}">
                ${u.preview ? html`<img class="upload-preview" src=${u.preview} alt="" />` : html`<span class="upload-icon">${icon('file')}</span>`}
                <span class="upload-name">${u.name}</span>
                ${u.error
                  ? html`<span class="error small" role="alert">${u.error}</span><button class="icon-button" aria-label=${t('room.close')} @click=${() => session.files.dismissUpload(u.id)}>${icon('close')}</button>`
                  : html`<progress max="1" .value=${u.progress} aria-label=${t('upload.progress', { name: u.name })}></progress>`}
              </li>`,
            )}
          </ul>`
        : ''}
      <form class="composer" @submit=${(e: Event) => {
        e.preventDefault();
        this.send();
      }}>
        <input id="composer-file" class="visually-hidden" type="file" multiple tabindex="-1" @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          this.files(input.files);
          input.value = '';
        }} />
        <button type="button" class="attach" ?disabled=${!canWrite} aria-label=${t('upload.attach')} title=${t('upload.attach')} @click=${() => this.querySelector<HTMLInputElement>('#composer-file')?.click()}>${icon('clip')}</button>
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
            session.activity.typed(this.room, (e.target as HTMLTextAreaElement).value);
            this.resize();
          }}
          @keydown=${(e: KeyboardEvent) => this.keydown(e)}
          @paste=${(e: ClipboardEvent) => this.paste(e)}
        ></textarea>
        <button class="primary send" type="submit" ?disabled=${!canWrite} aria-label=${t('composer.send')}>${icon('send')}</button>
        <span id="composer-hint" class="visually-hidden">${t('composer.hint')}</span>
      </form>
    `;
  }
}
customElements.define('message-composer', MessageComposer);
