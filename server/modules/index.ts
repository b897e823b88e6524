// The modules a node loads, in no particular order (dependencies are
// declared by each module). Listing them here, explicitly, keeps the set of
// features visible in one place.

import type { ModuleDefinition } from '../core/module.js';
import { disco } from './disco/index.js';
import { ping } from './ping/index.js';
import { presence } from './presence/index.js';
import { roster } from './roster/index.js';
import { time } from './time/index.js';
import { version } from './version/index.js';
import { message } from './message/index.js';
import { offline } from './offline/index.js';
import { carbons } from './carbons/index.js';
import { mam } from './mam/index.js';
import { vcard } from './vcard/index.js';
import { caps } from './caps/index.js';
import { pep } from './pep/index.js';
import { blocking } from './blocking/index.js';
import { csi } from './csi/index.js';
import { muc } from './muc/index.js';
import { register } from './register/index.js';
import { upload } from './upload/index.js';
import { roomEvents } from './room-events/index.js';
import { guests } from './guests/index.js';
import { groups } from './groups/index.js';
import { webclient } from './webclient/index.js';

export const defaultModules: ModuleDefinition[] = [disco, ping, time, version, roster, presence, message, offline, carbons, mam, vcard, caps, pep, blocking, csi, register, muc, groups, guests, upload, roomEvents, webclient];
