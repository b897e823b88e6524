// Namespaces of XEP-0045 and its companions used only by the rooms service.
// https://xmpp.org/extensions/xep-0045.html#registrar-namespaces

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_MUC_ROOMINFO = 'http://jabber.org/protocol/muc#roominfo';
/** XEP-0421 — https://xmpp.org/extensions/xep-0421.html */
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
/** XEP-0308 — https://xmpp.org/extensions/xep-0308.html */
export const NS_CORRECT = 'urn:xmpp:message-correct:0';
/** XEP-0425 — https://xmpp.org/extensions/xep-0425.html */
export const NS_MODERATE = 'urn:xmpp:message-moderate:1';
/** XEP-0444 — https://xmpp.org/extensions/xep-0444.html */
export const NS_REACTIONS = 'urn:xmpp:reactions:0';
/** XEP-0461 — https://xmpp.org/extensions/xep-0461.html */
export const NS_REPLY = 'urn:xmpp:reply:0';
/** Causerie's room pins (docs/XMPP.md "Pins"). */
export const NS_PINS = 'urn:causerie:pins:0';
/** Causerie's MAM extensions: the `{urn:causerie:mam:0}thread` filter (docs/XMPP.md). */
export const NS_CAUSERIE_MAM = 'urn:causerie:mam:0';
/** Causerie's rights grants on a room, for holders of the admin right (docs/XMPP.md "Rights"). */
export const NS_RIGHTS = 'urn:causerie:rights:0';
