// What the rooms service's handlers share: the module context, the live
// rooms and the node secret behind XEP-0421 occupant ids.

import type { ModuleContext } from '../../core/module.js';
import type { RoomRegistry } from './room-registry.js';

export interface MucState {
  ctx: ModuleContext;
  registry: RoomRegistry;
  secret: Buffer;
}
