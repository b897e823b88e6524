// One group: name, access level and description; "enable TeamChat" (which
// creates the group's room "TeamChat") and the group's rooms; managers; and
// members (accounts, whole domains, other groups).

import { css, html } from 'lit';
import type { Group, Principal, Room } from '../api/types.js';
import { GROUP_ACCESS } from '../api/types.js';
import { I18nElement } from '../i18n-element.js';
import { t } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { href } from '../router.js';
import { call, session } from '../state.js';
import { shared } from '../styles.js';
import { askConfirm } from './confirm-dialog.js';
import { accountIdOf } from './domain-page.js';
import './feature-switch.js';
import { errorBanner, field, messageOf, okBanner, orNull } from './page-helpers.js';
import './principal-picker.js';
import type { PickDetail } from './principal-picker.js';

export function principalLabel(principal: Principal): string {
  const label = principal.label ?? `#${principal.id}`;
  return principal.type === 'domain' ? t('principal.wholeDomain', { name: label }) : label;
}

export class GroupPage extends I18nElement {
  static override properties = {
    groupId: { type: Number },
    group: { state: true },
    rooms: { state: true },
    error: { state: true },
    notice: { state: true },
    teamchatError: { state: true },
    teamchatBusy: { state: true },
    memberError: { state: true },
    managerError: { state: true },
    roomError: { state: true },
  };
  static override styles = [
    shared,
    css`
      .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
      ul.list { list-style: none; padding: 0; margin: 0 0 1rem; }
      ul.list li { display: flex; justify-content: space-between; align-items: center; gap: 0.6rem; padding: 0.35rem 0; border-bottom: 1px solid #e5e7eb; }
      .kind { font-size: 0.85rem; color: #4b5563; margin-right: 0.4rem; }
    `,
  ];
  declare groupId: number;
  declare group: Group | undefined;
  declare rooms: Room[];
  declare error: string;
  declare notice: string;
  declare teamchatError: string;
  declare teamchatBusy: boolean;
  declare memberError: string;
  declare managerError: string;
  declare roomError: string;

  constructor() {
    super();
    this.groupId = 0;
    this.group = undefined;
    this.rooms = [];
    this.error = '';
    this.notice = '';
    this.teamchatError = '';
    this.teamchatBusy = false;
    this.memberError = '';
    this.managerError = '';
    this.roomError = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('groupId') && this.groupId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [group, rooms] = await Promise.all([call.group(this.groupId), call.groupRooms(this.groupId)]);
      this.group = group;
      this.rooms = rooms.items;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Domain administrators of the group's domain (and server administrators) manage managers and delete groups. */
  private canAdminister(): boolean {
    const roles = session()?.roles;
    return roles?.serverAdmin === true || (this.group !== undefined && (roles?.domainAdminOf ?? []).includes(this.group.domain));
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.error = '';
    this.notice = '';
    try {
      const updated = await call.updateGroup(this.groupId, { name: field(form, 'name'), access: field(form, 'access') as Group['access'], description: orNull(field(form, 'description')) });
      this.group = { ...(this.group as Group), ...updated, managers: this.group?.managers ?? [], members: this.group?.members ?? [] };
      this.notice = t('common.saved');
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async switchTeamChat(enabled: boolean): Promise<void> {
    this.teamchatError = '';
    this.teamchatBusy = true;
    try {
      this.rooms = (await call.setGroupTeamChat(this.groupId, enabled)).items;
      this.group = { ...(this.group as Group), teamchatEnabled: enabled };
      this.notice = enabled ? t('group.teamchatEnabled') : t('group.teamchatDisabled');
    } catch (error) {
      this.teamchatError = messageOf(error);
    } finally {
      this.teamchatBusy = false;
    }
  }

  private async addMember(event: CustomEvent<PickDetail>): Promise<void> {
    this.memberError = '';
    try {
      await call.addMember(this.groupId, event.detail.ref);
      await this.load();
    } catch (error) {
      this.memberError = messageOf(error);
    }
  }

  private async removeMember(member: Principal): Promise<void> {
    this.memberError = '';
    try {
      await call.removeMember(this.groupId, member.type, member.id);
      await this.load();
    } catch (error) {
      this.memberError = messageOf(error);
    }
  }

  private async addManager(event: CustomEvent<PickDetail>): Promise<void> {
    this.managerError = '';
    const jid = event.detail.ref.jid ?? '';
    try {
      const id = await accountIdOf(jid);
      if (id === undefined) {
        this.managerError = t('common.noSuchAccount', { jid });
        return;
      }
      await call.addManager(this.groupId, id);
      await this.load();
    } catch (error) {
      this.managerError = messageOf(error);
    }
  }

  private async removeManager(id: number): Promise<void> {
    this.managerError = '';
    try {
      await call.removeManager(this.groupId, id);
      await this.load();
    } catch (error) {
      this.managerError = messageOf(error);
    }
  }

  private async addRoom(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.roomError = '';
    try {
      await call.addGroupRoom(this.groupId, field(form, 'room'));
      form.reset();
      this.rooms = (await call.groupRooms(this.groupId)).items;
    } catch (error) {
      this.roomError = messageOf(error);
    }
  }

  private async deleteGroup(): Promise<void> {
    const ok = await askConfirm({ title: t('group.deleteTitle'), message: t('group.deleteConfirm', { name: this.group?.name ?? '' }), confirmLabel: t('common.delete'), password: true, danger: true });
    if (ok === undefined) return;
    try {
      await call.deleteGroup(this.groupId, ok);
      navigate('groups');
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  override render() {
    const g = this.group;
    if (!g) return html`<p><a href=${href('groups')}>← ${t('nav.groups')}</a></p>${errorBanner(this.error)}${this.error ? '' : html`<p role="status">${t('common.loading')}</p>`}`;
    const members = g.members ?? [];
    const managers = g.managers ?? [];
    return html`
      <p><a href=${href('groups')}>← ${t('nav.groups')}</a></p>
      <h1>${g.name} <span class="muted">${g.address}</span></h1>
      ${errorBanner(this.error)} ${okBanner(this.notice)}
      <div class="columns">
        <section class="card" aria-labelledby="info-h">
          <h2 id="info-h">${t('group.info')}</h2>
          <form @submit=${this.save}>
            <div class="field"><label for="name">${t('groups.name')}</label><input id="name" name="name" required .value=${g.name} /></div>
            <div class="field">
              <label for="access">${t('groups.access')}</label>
              <select id="access" name="access" aria-describedby="access-hint">${GROUP_ACCESS.map((a) => html`<option value=${a} ?selected=${a === g.access}>${t(`access.${a}`)}</option>`)}</select>
              <span class="hint" id="access-hint">${t(`access.${g.access}.hint`)}</span>
            </div>
            <div class="field"><label for="description">${t('common.description')}</label><input id="description" name="description" .value=${g.description ?? ''} /></div>
            <button type="submit" class="primary">${t('common.save')}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="teamchat-h">
          <h2 id="teamchat-h">TeamChat</h2>
          <feature-switch id="group-teamchat" .label=${t('group.enableTeamchat')} .hint=${t('group.enableTeamchatHint')} .checked=${g.teamchatEnabled} .busy=${this.teamchatBusy} .error=${this.teamchatError}
            @switch-change=${(event: CustomEvent<{ checked: boolean }>) => this.switchTeamChat(event.detail.checked)}></feature-switch>
          <h3>${t('group.rooms')}</h3>
          ${this.rooms.length === 0 ? html`<p class="muted">${t('group.noRoom')}</p>` : ''}
          <ul class="list" aria-label=${t('group.rooms')}>
            ${this.rooms.map(
              (room) => html`<li>
                <span>${room.name} <span class="muted">${room.jid}</span>${room.archived ? html` <span class="badge">${t('group.archived')}</span>` : ''}</span>
                <a href=${href('rights', { group: g.id }, { room: room.id })}>${t('group.roomRights', { name: room.name })}</a>
              </li>`,
            )}
          </ul>
          <p><a href=${href('rights', { group: g.id })}>${t('group.allRoomsRights')}</a></p>
          ${g.teamchatEnabled
            ? html`<form class="row" @submit=${this.addRoom}>
                <label for="room">${t('group.newRoom')}</label>
                <input id="room" name="room" required maxlength="100" aria-describedby="room-error" />
                <button type="submit">${t('common.add')}</button>
                <span class="error" id="room-error" role="alert" ?hidden=${!this.roomError}>${this.roomError}</span>
              </form>`
            : ''}
        </section>
        <section class="card" aria-labelledby="members-h">
          <h2 id="members-h">${t('group.members')} <span class="muted">(${members.length})</span></h2>
          ${members.length === 0 ? html`<p class="muted">${t('group.noMember')}</p>` : ''}
          <ul class="list" aria-label=${t('group.members')}>
            ${members.map(
              (m) => html`<li>
                <span><span class="kind">${t(`principal.${m.type}`)}</span>${principalLabel(m)}</span>
                <button type="button" class="link" aria-label=${t('group.removeMember', { name: principalLabel(m) })} @click=${() => this.removeMember(m)}>${t('common.remove')}</button>
              </li>`,
            )}
          </ul>
          <principal-picker .action=${t('group.addMember')} .error=${this.memberError} @principal-pick=${this.addMember}></principal-picker>
        </section>
        <section class="card" aria-labelledby="managers-h">
          <h2 id="managers-h">${t('group.managers')}</h2>
          <p class="hint">${t('group.managersHint')}</p>
          ${managers.length === 0 ? html`<p class="muted">${t('group.noManager')}</p>` : ''}
          <ul class="list" aria-label=${t('group.managers')}>
            ${managers.map(
              (m) => html`<li><span>${m.jid}</span>${this.canAdminister()
                ? html`<button type="button" class="link" aria-label=${t('group.removeManager', { name: m.jid })} @click=${() => this.removeManager(m.id)}>${t('common.remove')}</button>`
                : ''}</li>`,
            )}
          </ul>
          ${this.canAdminister() ? html`<principal-picker .types=${['account']} .action=${t('group.addManager')} .error=${this.managerError} @principal-pick=${this.addManager}></principal-picker>` : ''}
        </section>
      </div>
      ${this.canAdminister() ? html`<p><button type="button" class="danger" @click=${this.deleteGroup}>${t('group.delete')}</button></p>` : ''}
    `;
  }
}
customElements.define('group-page', GroupPage);
