// Room events and conference links (urn:causerie:events:0): events with a
// title, start, end, description and an optional meeting link, attached to
// a TeamChat room, gated by the GroupWare policy. Registered on the rooms
// service through its iq extension hooks (server/modules/muc/muc-api.ts).

import { defineModule } from '../../core/module.js';
import { NS_EVENTS } from './codec.js';
import { createHandlers } from './handlers.js';

export const roomEvents = defineModule({
  name: 'room-events',
  dependsOn: ['muc'],
  setup(ctx) {
    const handlers = createHandlers(ctx);
    ctx.hook(`muc-iq-set/${NS_EVENTS}:create`, handlers.create);
    ctx.hook(`muc-iq-get/${NS_EVENTS}:list`, handlers.list);
    ctx.hook(`muc-iq-set/${NS_EVENTS}:delete`, handlers.remove);
    ctx.hook(`muc-iq-get/${NS_EVENTS}:conference`, handlers.conference);
  },
});
