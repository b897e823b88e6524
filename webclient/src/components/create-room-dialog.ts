// "New private room": a name and the members to invite.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { showModal } from './modal-dialog.js';

export class CreateRoomDialog extends Base {
  private busy = false;
  private error = '';

  override firstUpdated(): void {
    showModal(this.querySelector('dialog'), () => store.set({ dialog: undefined }));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const members = String(data.get('members') ?? '').split(/[,;\s]+/).map((m) => m.trim()).filter(Boolean);
    if (!name) {
      this.error = t('create.nameRequired');
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.error = '';
    this.requestUpdate();
    try {
      await session.createRoom(name, members);
      this.querySelector('dialog')?.close();
    } catch (error) {
      this.error = session.sentence(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  override render() {
    return html`
      <dialog aria-labelledby="create-title">
        <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
          <h2 id="create-title">${t('create.title')}</h2>
          <label for="create-name">${t('create.name')}</label>
          <input id="create-name" name="name" maxlength="100" required autofocus />
          <label for="create-members">${t('create.members')}</label>
          <input id="create-members" name="members" autocapitalize="none" spellcheck="false" placeholder="anna@…, bob@…" />
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
          <div class="dialog-actions">
            <button type="button" @click=${() => this.querySelector('dialog')?.close()}>${t('create.cancel')}</button>
            <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('create.busy') : t('create.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
customElements.define('create-room-dialog', CreateRoomDialog);
