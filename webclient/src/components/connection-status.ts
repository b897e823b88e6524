// The connection state, always visible: a dot in the sidebar and a banner
// over the room while the connection is lost.

import { html } from 'lit';
import { Base } from './base.js';
import { store, t } from '../context.js';
import type { MessageKey } from '../i18n/index.js';

export class ConnectionStatus extends Base {
  override render() {
    const state = store.state.connection;
    const label = t(`conn.${state}` as MessageKey);
    return html`<span class="conn conn-${state}" role="status" aria-live="polite" data-state=${state}><span class="dot" aria-hidden="true"></span>${label}</span>`;
  }
}
customElements.define('connection-status', ConnectionStatus);
