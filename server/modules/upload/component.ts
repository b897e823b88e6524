// The upload service on its own domain (config.uploadDomain): disco#info
// with the XEP-0363 feature and its max-file-size form, ping, and slot
// requests. Messages and presence to it are ignored.
// https://xmpp.org/extensions/xep-0363.html#disco

import { AppError, isAppError } from '../../core/errors.js';
import type { StanzaEvent } from '../../core/hooks.js';
import { NS_DATA_FORMS, NS_DISCO_INFO, NS_DISCO_ITEMS, NS_PING } from '../../xmpp/namespaces.js';
import { el, iqPayload, iqResult } from '../../xmpp/stanza.js';
import type { Element } from '../../xmpp/stanza.js';
import { handleMyFiles, NS_FILES } from './my-files.js';
import { handleSlotRequest } from './slot.js';
import { NS_UPLOAD } from './state.js';
import type { UploadState } from './state.js';

export function serviceInfo(maxFileSize: number): Element {
  return el(
    'query',
    { xmlns: NS_DISCO_INFO },
    el('identity', { category: 'store', type: 'file', name: 'HTTP File Upload' }),
    el('feature', { var: NS_DISCO_INFO }),
    el('feature', { var: NS_UPLOAD }),
    el('feature', { var: NS_FILES }),
    el(
      'x',
      { xmlns: NS_DATA_FORMS, type: 'result' },
      el('field', { var: 'FORM_TYPE', type: 'hidden' }, el('value', null, NS_UPLOAD)),
      el('field', { var: 'max-file-size' }, el('value', null, String(maxFileSize))),
    ),
  );
}

export function createUploadComponent(state: UploadState): (event: StanzaEvent) => Promise<void> {
  const { ctx } = state;
  return async (event) => {
    const { stanza, origin, to } = event;
    if (stanza.name !== 'iq' || (stanza.attrs.type !== 'get' && stanza.attrs.type !== 'set')) return;
    try {
      const payload = iqPayload(stanza);
      const ns = payload?.attrs.xmlns;
      if (!payload || !origin?.account || to.local || to.resource) throw new AppError('service-unavailable');
      if (stanza.attrs.type === 'get' && ns === NS_DISCO_INFO && !payload.attrs.node) return origin.send(iqResult(stanza, serviceInfo(ctx.config.limits.maxUploadBytes)));
      if (stanza.attrs.type === 'get' && ns === NS_DISCO_ITEMS && !payload.attrs.node) return origin.send(iqResult(stanza, el('query', { xmlns: NS_DISCO_ITEMS })));
      if (stanza.attrs.type === 'get' && ns === NS_PING) return origin.send(iqResult(stanza));
      if (stanza.attrs.type === 'get' && ns === NS_UPLOAD && payload.name === 'request') return await handleSlotRequest(state, event, payload);
      if (await handleMyFiles(state, event, payload)) return;
      throw new AppError('service-unavailable');
    } catch (error) {
      if (!isAppError(error)) ctx.log.error('upload iq failed', { error });
      ctx.router.reply(origin, stanza, isAppError(error) ? error : new AppError('internal-server-error', 'The request failed; please try again'));
    }
  };
}
