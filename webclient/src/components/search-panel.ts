// Full-text search across the user's rooms and direct messages; a result
// opens the room (or the conversation) at that message.

import { html } from 'lit';
import { Base } from './base.js';
import { session, store, t } from '../context.js';
import { messageText } from './message-text.js';
import { icon } from './icons.js';

export class SearchPanel extends Base {
  override firstUpdated(): void {
    this.querySelector<HTMLInputElement>('input')?.focus();
  }

  override render() {
    const s = store.state;
    const search = s.search;
    return html`
      <aside class="panel" aria-labelledby="search-title">
        <header class="panel-head">
          <h2 id="search-title">${t('search.title')}</h2>
          <button class="icon-button" aria-label=${t('room.close')} @click=${() => store.set({ panel: undefined })}>${icon('close')}</button>
        </header>
        <form role="search" class="search-form" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const q = new FormData(e.target as HTMLFormElement).get('q');
          void session.archive.search(String(q ?? ''));
        }}>
          <label class="visually-hidden" for="search-q">${t('search.label')}</label>
          <input id="search-q" name="q" type="search" placeholder=${t('search.label')} .value=${search.query} />
          <button class="primary" type="submit">${t('search.submit')}</button>
        </form>
        <div role="status" aria-live="polite" class="muted small pad">
          ${search.busy ? t('search.busy') : search.done ? (search.results.length ? t('search.results', { n: search.results.length }) : t('search.none')) : ''}
        </div>
        ${search.error ? html`<p class="error pad" role="alert">${search.error}</p>` : ''}
        <ul class="results">
          ${search.results.map(
            (res) => html`<li>
              <button class="result" @click=${() => void session.archive.jumpTo(res)}>
                <span class="result-head"><strong>${res.message.nick}</strong> <span class="muted small">${res.kind === 'direct' ? t('search.direct', { name: session.direct.nameOf(res.room) }) : `# ${s.rooms[res.room]?.name ?? res.room}`} · ${new Date(res.message.at).toLocaleString(s.lang, { dateStyle: 'short', timeStyle: 'short' })}</span></span>
                <span class="result-body">${messageText(res.message.body)}</span>
              </button>
            </li>`,
          )}
        </ul>
      </aside>
    `;
  }
}
customElements.define('search-panel', SearchPanel);
