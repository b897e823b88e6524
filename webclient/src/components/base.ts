// Components render into the light DOM and share one stylesheet (styles.ts):
// simpler keyboard focus handling and one place for the look.

import { LitElement } from 'lit';
import { StoreController } from '../context.js';

export class Base extends LitElement {
  protected storeController = new StoreController(this);

  override createRenderRoot(): HTMLElement {
    return this;
  }
}
