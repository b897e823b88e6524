// A modal dialog (native <dialog>: focus stays inside, Escape cancels) that
// asks to confirm an action, optionally with the administrator's password
// for the changes the API protects. `askConfirm` resolves to the password
// (or '' without one) or undefined when cancelled.

import { html } from 'lit';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { shared } from '../styles.js';
import { css } from 'lit';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  password?: boolean;
  danger?: boolean;
}

export class ConfirmDialog extends I18nElement {
  static override properties = { options: { attribute: false } };
  static override styles = [
    shared,
    css`
      dialog { border: 1px solid #6b7280; border-radius: 10px; padding: 1.4rem; max-width: 28rem; width: calc(100% - 2rem); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      h2 { margin-top: 0; }
      .actions { display: flex; justify-content: flex-end; gap: 0.6rem; margin-top: 1rem; }
    `,
  ];
  declare options: ConfirmOptions | undefined;
  private resolve: ((value: string | undefined) => void) | undefined;

  open(options: ConfirmOptions): Promise<string | undefined> {
    this.options = options;
    return new Promise((resolve) => {
      this.resolve = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('dialog');
        dialog?.showModal();
        const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=password]');
        input?.focus();
      });
    });
  }

  private finish(value: string | undefined): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    this.renderRoot.querySelector('dialog')?.close();
    resolve?.(value);
  }

  private submit(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=password]');
    if (input && input.value === '') {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    this.finish(input ? input.value : '');
  }

  override render() {
    const options = this.options;
    if (!options) return html``;
    return html`
      <dialog aria-labelledby="confirm-title" aria-describedby="confirm-message" @cancel=${() => this.finish(undefined)}>
        <form @submit=${this.submit}>
          <h2 id="confirm-title">${options.title}</h2>
          <p id="confirm-message">${options.message}</p>
          ${options.password
            ? html`<div class="field">
                <label for="confirm-password">${t('confirm.password')}</label>
                <input id="confirm-password" type="password" autocomplete="current-password" required />
              </div>`
            : ''}
          <div class="actions">
            <button type="button" @click=${() => this.finish(undefined)}>${t('common.cancel')}</button>
            <button type="submit" class=${options.danger ? 'primary danger' : 'primary'}>${options.confirmLabel}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
customElements.define('confirm-dialog', ConfirmDialog);

/** Opens a confirmation in a fresh dialog at the end of <body>, removed afterwards. */
export async function askConfirm(options: ConfirmOptions): Promise<string | undefined> {
  const dialog = document.createElement('confirm-dialog') as ConfirmDialog;
  document.body.append(dialog);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  try {
    return await dialog.open(options);
  } finally {
    dialog.remove();
    previous?.focus();
  }
}
