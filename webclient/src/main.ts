// Entry point of the web client bundle (scripts/build-web.mjs).
import { LitElement, html } from 'lit';

class CauserieApp extends LitElement {
  override render() {
    return html`<p>Causerie</p>`;
  }
}
customElements.define('causerie-app', CauserieApp);
