// Rights on all the rooms of a group, or on one of its rooms: the grantees
// (the group, accounts, other groups, domains) with their rights; adding,
// changing (preset or custom set) and removing a grantee.

import { css, html } from 'lit';
import type { RightsScope } from '../api/endpoints.js';
import type { Grant, Group, Rights, Room } from '../api/types.js';
import { RIGHT_NAMES } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t, tDynamic } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { PRESET_RIGHTS, inputOf, presetOf } from '../rights-presets.js';
import { call } from '../state.js';
import { shared } from '../styles.js';
import { accountIdOf } from './domain-page.js';
import { principalLabel } from './group-page.js';
import { errorBanner, messageOf, okBanner } from './page-helpers.js';
import './principal-picker.js';
import type { PickDetail } from './principal-picker.js';
import './rights-chooser.js';

export function rightsSummary(rights: Rights): string {
  const preset = presetOf(rights);
  if (preset) return tDynamic(`preset.${preset}`, preset);
  const names = RIGHT_NAMES.filter((right) => rights[right]).map((right) => tDynamic(`right.${right}`, right));
  return names.length > 0 ? names.join(', ') : t('rights.none');
}

const keyOf = (grant: Grant) => `${grant.grantee.type}:${grant.grantee.id}`;

export class RightsPage extends I18nElement {
  static override properties = {
    groupId: { type: Number },
    roomId: { attribute: false },
    group: { state: true },
    rooms: { state: true },
    grants: { state: true },
    editing: { state: true },
    draft: { state: true },
    newRights: { state: true },
    error: { state: true },
    addError: { state: true },
    notice: { state: true },
  };
  static override styles = [
    shared,
    css`
      td.actions { white-space: nowrap; text-align: right; }
      tr.editor td { background: #f3f6fb; }
      .scope { margin-bottom: 1rem; }
      .scope .field { margin: 0; }
    `,
  ];
  declare groupId: number;
  declare roomId: number | undefined;
  declare group: Group | undefined;
  declare rooms: Room[];
  declare grants: Grant[] | undefined;
  declare editing: string | undefined;
  declare draft: Rights;
  declare newRights: Rights;
  declare error: string;
  declare addError: string;
  declare notice: string;

  constructor() {
    super();
    this.groupId = 0;
    this.roomId = undefined;
    this.group = undefined;
    this.rooms = [];
    this.grants = undefined;
    this.editing = undefined;
    this.draft = PRESET_RIGHTS.author;
    this.newRights = PRESET_RIGHTS.author;
    this.error = '';
    this.addError = '';
    this.notice = '';
  }

  private get scope(): RightsScope {
    return this.roomId ? { kind: 'room', id: this.roomId } : { kind: 'group', id: this.groupId };
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('groupId') || changed.has('roomId')) && this.groupId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [group, rooms, grants] = await Promise.all([call.group(this.groupId), call.groupRooms(this.groupId), call.rights(this.scope)]);
      this.group = group;
      this.rooms = rooms.items;
      this.grants = grants.items;
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async reloadGrants(): Promise<void> {
    this.grants = (await call.rights(this.scope)).items;
  }

  private async save(grant: Grant): Promise<void> {
    this.error = '';
    this.notice = '';
    try {
      await call.setRight(this.scope, grant.grantee.type, grant.grantee.id, inputOf(this.draft));
      this.editing = undefined;
      await this.reloadGrants();
      this.notice = t('rights.saved', { name: principalLabel(grant.grantee) });
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async revoke(grant: Grant): Promise<void> {
    this.error = '';
    this.notice = '';
    try {
      await call.removeRight(this.scope, grant.grantee.type, grant.grantee.id);
      await this.reloadGrants();
      this.notice = t('rights.removed', { name: principalLabel(grant.grantee) });
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async add(event: CustomEvent<PickDetail>): Promise<void> {
    const { ref, label } = event.detail;
    this.addError = '';
    this.notice = '';
    try {
      const id = ref.type === 'account' ? await accountIdOf(ref.jid ?? '') : ref.id;
      if (id === undefined) {
        this.addError = t('common.noSuchAccount', { jid: ref.jid ?? '' });
        return;
      }
      await call.setRight(this.scope, ref.type, id, inputOf(this.newRights));
      await this.reloadGrants();
      this.notice = t('rights.saved', { name: label });
    } catch (error) {
      this.addError = messageOf(error);
    }
  }

  private renderRow(grant: Grant) {
    const key = keyOf(grant);
    const name = principalLabel(grant.grantee);
    const rows = [
      html`<tr>
        <td><span class="muted">${t(`principal.${grant.grantee.type}`)}</span> ${name}</td>
        <td>${rightsSummary(grant.rights)}</td>
        <td class="actions">
          <button type="button" aria-expanded=${this.editing === key ? 'true' : 'false'} aria-label=${t('rights.changeFor', { name })}
            @click=${() => { this.editing = this.editing === key ? undefined : key; this.draft = grant.rights; }}>${t('common.edit')}</button>
          <button type="button" class="danger" aria-label=${t('rights.removeFor', { name })} @click=${() => this.revoke(grant)}>${t('common.remove')}</button>
        </td>
      </tr>`,
    ];
    if (this.editing === key) {
      rows.push(html`<tr class="editor"><td colspan="3">
        <rights-chooser .label=${t('rights.editFor', { name })} .rights=${this.draft} @rights-change=${(e: CustomEvent<{ rights: Rights }>) => (this.draft = e.detail.rights)}></rights-chooser>
        <div class="row">
          <button type="button" class="primary" @click=${() => this.save(grant)}>${t('common.save')}</button>
          <button type="button" @click=${() => (this.editing = undefined)}>${t('common.cancel')}</button>
        </div>
      </td></tr>`);
    }
    return rows;
  }

  override render() {
    const g = this.group;
    const room = this.rooms.find((r) => r.id === this.roomId);
    return html`
      <p><a href=${href('group', { group: this.groupId })}>← ${g?.name ?? t('nav.groups')}</a></p>
      <h1>${room ? t('rights.titleRoom', { room: room.name }) : t('rights.titleGroup', { group: g?.name ?? '' })}</h1>
      <div class="row scope">
        <div class="field">
          <label for="scope">${t('rights.scope')}</label>
          <select id="scope" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; navigate('rights', { group: this.groupId }, { room: v || undefined }); }}>
            <option value="" ?selected=${!this.roomId}>${t('rights.allRooms')}</option>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === this.roomId}>${t('rights.oneRoom', { room: r.name })}</option>`)}
          </select>
        </div>
      </div>
      <p class="hint">${t('rights.defaultHint')}</p>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      ${this.grants
        ? html`<div class="table-wrap"><table>
            <caption class="visually-hidden">${t('rights.grantees')}</caption>
            <thead><tr><th scope="col">${t('rights.grantee')}</th><th scope="col">${t('rights.rights')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
            <tbody>${this.grants.map((grant) => this.renderRow(grant))}</tbody>
          </table></div>
          ${this.grants.length === 0 ? html`<p class="muted">${t('rights.noGrant')}</p>` : ''}`
        : this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}
      <section class="card" aria-labelledby="add-h">
        <h2 id="add-h">${t('rights.add')}</h2>
        <rights-chooser .rights=${this.newRights} @rights-change=${(e: CustomEvent<{ rights: Rights }>) => (this.newRights = e.detail.rights)}></rights-chooser>
        <principal-picker .action=${t('rights.addSubmit')} .error=${this.addError} @principal-pick=${this.add}></principal-picker>
      </section>
    `;
  }
}
customElements.define('rights-page', RightsPage);
