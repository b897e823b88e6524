// Options: display name, avatar, language, notifications on mention, password.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { showModal } from './modal-dialog.js';
import type { Lang } from '../i18n/index.js';
import { avatar } from './avatar.js';
import { avatarFromFile } from '../chat/resize-image.js';

export class OptionsDialog extends Base {
  private message = '';
  private error = '';

  override firstUpdated(): void {
    showModal(this.querySelector('dialog'), () => store.set({ dialog: undefined }));
  }

  private show(message: string, error = ''): void {
    this.message = message;
    this.error = error;
    this.requestUpdate();
  }

  private async saveName(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    try {
      await session.account.saveDisplayName(name);
      this.show(t('options.saved'));
    } catch (error) {
      this.show('', session.sentence(error));
    }
  }

  private async saveAvatar(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let picture;
    try {
      picture = await avatarFromFile(file);
    } catch {
      return this.show('', t('options.avatarInvalid'));
    }
    try {
      await session.people.setAvatar(picture.image, picture.dataUrl);
      this.show(t('options.avatarSaved'));
    } catch (error) {
      this.show('', session.sentence(error));
    }
  }

  private async savePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    if (!password || password !== String(data.get('again') ?? '')) return this.show('', t('options.passwordMismatch'));
    try {
      await session.account.changePassword(password);
      form.reset();
      this.show(t('options.passwordChanged'));
    } catch (error) {
      this.show('', session.sentence(error));
    }
  }

  private async toggleNotifications(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const ok = await session.account.setNotifications(box.checked);
    if (!ok) {
      box.checked = false;
      this.show('', t('options.notificationsDenied'));
    }
  }

  override render() {
    const s = store.state;
    return html`
      <dialog aria-labelledby="options-title" class="options">
        <h2 id="options-title">${t('options.title')}</h2>
        <form @submit=${(e: SubmitEvent) => void this.saveName(e)}>
          <label for="opt-name">${t('options.displayName')}</label>
          <div class="row">
            <input id="opt-name" name="name" maxlength="64" .value=${s.displayName} />
            <button type="submit">${t('options.save')}</button>
          </div>
        </form>
        <p class="field-label" id="opt-avatar-label">${t('options.avatar')}</p>
        <div class="avatar-row" role="group" aria-labelledby="opt-avatar-label">
          ${avatar(s.displayName, s.jid.split('/')[0])}
          <input id="opt-avatar" class="visually-hidden" type="file" accept="image/*" tabindex="-1" @change=${(e: Event) => void this.saveAvatar(e.target as HTMLInputElement)} />
          <button type="button" class="avatar-choose" @click=${() => this.querySelector<HTMLInputElement>('#opt-avatar')?.click()}>${t('options.avatarChoose')}</button>
        </div>
        <label for="opt-lang">${t('options.language')}</label>
        <select id="opt-lang" @change=${(e: Event) => session.account.setLanguage((e.target as HTMLSelectElement).value as Lang)}>
          <option value="fr" ?selected=${s.lang === 'fr'}>Français</option>
          <option value="en" ?selected=${s.lang === 'en'}>English</option>
        </select>
        <label class="check"><input type="checkbox" .checked=${s.notifications} @change=${(e: Event) => void this.toggleNotifications(e)} /> ${t('options.notifications')}</label>
        ${s.canChangePassword
          ? html`<form @submit=${(e: SubmitEvent) => void this.savePassword(e)}>
              <label for="opt-pw">${t('options.password')}</label>
              <input id="opt-pw" name="password" type="password" autocomplete="new-password" />
              <label for="opt-pw2">${t('options.passwordAgain')}</label>
              <input id="opt-pw2" name="again" type="password" autocomplete="new-password" />
              <button type="submit">${t('options.save')}</button>
            </form>`
          : ''}
        ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : ''}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <div class="dialog-actions"><button class="primary" @click=${() => this.querySelector('dialog')?.close()}>${t('options.close')}</button></div>
      </dialog>
    `;
  }
}
customElements.define('options-dialog', OptionsDialog);
