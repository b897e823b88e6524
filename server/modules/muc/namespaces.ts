// Namespaces of XEP-0045 and its companions used only by the rooms service.
// https://xmpp.org/extensions/xep-0045.html#registrar-namespaces

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_MUC_ROOMINFO = 'http://jabber.org/protocol/muc#roominfo';
/** XEP-0421 — https://xmpp.org/extensions/xep-0421.html */
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
