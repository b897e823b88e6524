// Styles of direct messages: people as buttons, the "Direct messages"
// section and its address form; appended to the one stylesheet (styles.ts).

export const directCss = `
button.person{width:100%;background:none;border:none;font:inherit;text-align:left;cursor:pointer;border-radius:6px}
button.person:hover{background:rgb(255 255 255/.08)}
.direct-messages .nav-title{margin-bottom:.2rem}
.direct-new{margin:0 .5rem}
.direct-form{display:flex;flex-wrap:wrap;gap:.3rem;margin:.3rem 1rem}
.direct-form input{flex:1;min-width:0}
.direct-link .avatar{flex:none}
.direct-link .room-name{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
`;
