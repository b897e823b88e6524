// The client's stylesheet, adopted by the document (no inline styles, so the
// Content-Security-Policy needs no 'unsafe-inline'). Colours come from
// palette.ts, whose contrast is checked by a test.

import { peopleCss } from './styles-people.js';
import { directCss } from './styles-direct.js';
import { AVATAR_COLOURS, cssVariables } from './palette.js';

const hues = AVATAR_COLOURS.map((colour, i) => `.avatar[data-hue="${i}"]{background:${colour}}`).join('\n');

const css = `
:root{${cssVariables()};font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg);font-size:15px;line-height:1.45}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
causerie-app{display:block;height:100%}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--line);background:var(--button);border-radius:6px;padding:.45em .9em}
button:hover{background:var(--button-hover)}
button.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
button.primary:hover{background:var(--accent-hover)}
button:disabled{opacity:.6;cursor:default}
button.link{border:none;background:none;color:var(--accent);padding:0;text-decoration:underline}
button.link[aria-pressed="true"]{font-weight:700;text-decoration:none;color:var(--fg)}
input,select,textarea{border:1px solid #8a8a90;border-radius:6px;padding:.5em .6em;background:#fff;width:100%}
label{display:block;font-weight:600;margin:.8em 0 .3em}
label.check{display:flex;gap:.5em;align-items:center;font-weight:400}
label.check input{width:auto}
.icon{vertical-align:-4px;flex:none}
.nav-button,.room-head .nav-button{display:inline-flex;align-items:center;gap:.45em}
.icon-button{display:inline-flex;align-items:center;justify-content:center}
.muted{color:var(--muted)}
.small{font-size:.85em}
.pad{padding:.25em 1rem}
.error{color:var(--err)}
.ok{color:var(--ok)}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.login{min-height:100%;display:grid;place-items:center;background:linear-gradient(135deg,#2b1b3d,#0b63c5);padding:1rem}
.card{background:#fff;border-radius:12px;padding:2rem;width:min(400px,100%);box-shadow:0 10px 40px rgb(0 0 0/.25)}
.card h1{margin:0;font-size:1.7rem}
.card .primary{width:100%;margin-top:1.2em;padding:.7em}
.logo{color:var(--accent)}
.lang-switch{text-align:center}
.shell{display:grid;grid-template-columns:260px 1fr;height:100%;overflow:hidden}
.shell.with-panel{grid-template-columns:260px 1fr 340px}
room-list{display:block;min-height:0;overflow:hidden}
.sidebar{--focus:var(--focus-on-dark);background:var(--side);color:var(--side-fg);height:100%;display:flex;flex-direction:column;overflow:auto}
.me{padding:1rem;border-bottom:1px solid rgb(255 255 255/.12)}
.me-name{font-weight:700;font-size:1.05rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badge{font-size:.7em;background:var(--badge);color:var(--fg);border-radius:4px;padding:.1em .4em;vertical-align:middle}
.conn{display:inline-flex;align-items:center;gap:.4em;font-size:.85em;color:var(--side-muted)}
.conn .dot{width:.6em;height:.6em;border-radius:50%;background:#999}
.conn-online .dot{background:#2bac76}
.conn-reconnecting .dot,.conn-connecting .dot{background:#e8a33d}
.conn-offline .dot{background:#e01e5a}
.nav-actions,.nav-footer{display:flex;flex-direction:column;padding:.5rem}
.nav-footer{margin-top:auto;border-top:1px solid rgb(255 255 255/.12)}
.sidebar .nav-button{background:none;border:none;color:var(--side-fg);text-align:left;padding:.4em .6em}
.sidebar .nav-button:hover,.sidebar .nav-button[aria-pressed="true"]{background:rgb(255 255 255/.1)}
.nav-title{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--side-muted);margin:.8rem 1rem .3rem}
.rooms{list-style:none;margin:0;padding:0 .5rem}
.room-link{display:flex;align-items:center;gap:.4em;color:var(--side-muted);text-decoration:none;padding:.35em .6em;border-radius:6px}
.room-link:hover{background:rgb(255 255 255/.08)}
.room-link.unread{color:#fff;font-weight:700}
.room-link.active{background:var(--active-room);color:var(--accent-fg)}
.room-name{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.count{background:rgb(255 255 255/.2);color:#fff;border-radius:9px;padding:0 .5em;font-size:.8em;font-weight:700}
.count.mention{background:var(--mention)}
room-view{display:block;min-height:0;min-width:0}
.room{display:flex;flex-direction:column;height:100%;min-height:0}
.room.empty{display:grid;place-items:center}
.room-head{display:flex;align-items:center;gap:.6rem;padding:.6rem 1rem;border-bottom:1px solid var(--line)}
.room-title-wrap{flex:1;min-width:0}
.room-title{font-size:1.1rem;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.subject{margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon-button{background:none;border:none;font-size:1.2rem;padding:.2em .5em}
.menu-button{display:none}
.banner{margin:0;padding:.4rem 1rem;border-bottom:1px solid var(--line)}
.warning{background:var(--warn-bg);color:var(--warn-fg)}
.error.banner{background:var(--err-bg);display:flex;justify-content:space-between;align-items:center;gap:1rem}
message-list{display:flex;flex-direction:column;flex:1;min-height:0;position:relative}
.scroller{flex:1;overflow-y:auto;padding:.5rem 0}
.messages{list-style:none;margin:0;padding:0}
.day{display:flex;align-items:center;margin:1rem;color:var(--muted);font-size:.85em;font-weight:600}
.day::before,.day::after{content:"";flex:1;border-top:1px solid var(--line)}
.day span{padding:0 .8em;text-transform:capitalize}
.group{display:flex;gap:.6rem;padding:.3rem 1rem}
.group:hover{background:var(--hover)}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;display:grid;place-items:center;color:#fff;font-weight:700;font-size:.85rem;background:#555}
${hues}
.group-body{min-width:0;flex:1}
.author{font-weight:700}
.group-head time{color:var(--muted);font-size:.8em}
.message{border-radius:4px;padding:.05rem .2rem;margin:0 -.2rem}
.message .body{white-space:pre-wrap;overflow-wrap:anywhere}
.message.pending{opacity:.7}
.message.not-sent .body{color:var(--muted)}
.failed{margin:.1rem 0}
.failed .link{margin-left:.6em}
.message.mention{background:var(--mention-bg);border-left:3px solid var(--mention)}
.message.highlight{animation:highlight 4s ease-out forwards}
@keyframes highlight{0%,60%{background:var(--hl)}100%{background:transparent}}
.message a{color:var(--accent)}
.history-start,.loading{text-align:center}
.jump-latest{position:absolute;bottom:.8rem;left:50%;transform:translateX(-50%);background:var(--accent);color:var(--accent-fg);border-radius:20px;box-shadow:0 2px 8px rgb(0 0 0/.2)}
.composer{display:flex;gap:.5rem;padding:.6rem 1rem 1rem;align-items:flex-end}
.attach{padding:.5em .7em}
.uploads{list-style:none;margin:0;padding:.3rem 1rem 0}
.upload{display:flex;align-items:center;gap:.6rem;padding:.2rem 0}
.upload-preview{width:40px;height:40px;object-fit:cover;border-radius:4px}
.upload-name{flex:0 1 auto;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:40%}
.upload progress{flex:1}
.attachment.image img{max-width:min(360px,100%);max-height:280px;border-radius:6px;border:1px solid var(--line);display:block;margin:.2rem 0}
.attachment.file{display:inline-block;border:1px solid var(--line);border-radius:6px;padding:.4em .7em;margin:.2rem 0;text-decoration:none}
.room{position:relative}
.room.dragging{outline:3px dashed var(--accent);outline-offset:-6px}
.drop-hint{position:absolute;inset:0;display:grid;place-items:center;background:rgb(255 255 255/.85);font-size:1.3rem;font-weight:700;z-index:3;pointer-events:none}
.message{position:relative}
.message-actions{display:none;position:absolute;right:.5rem;top:-1.2rem;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 2px 6px rgb(0 0 0/.12);padding:.1rem;z-index:2}
.message:hover .message-actions,.message:focus-within .message-actions,.message:focus .message-actions{display:flex}
.message-actions .icon-button{font-size:1rem;padding:.15em .35em}
.reactions{display:flex;flex-wrap:wrap;gap:.3rem;margin:.2rem 0}
.reaction{padding:.05em .5em;border-radius:12px;font-size:.9em;background:var(--button)}
.reaction.mine{background:var(--reaction-mine);border-color:var(--accent)}
.comments{font-size:.85em;margin:.1rem 0}
.edit-field{min-height:3em}
.retracted{font-style:italic}
.thread-list{list-style:none;margin:0;padding:.5rem 1rem;flex:1;overflow:auto}
.thread-item{padding:.4rem 0}
.thread-sep{border-top:1px solid var(--line);margin:.4rem 0;padding-top:.3rem}
pins-panel,thread-panel,events-panel{display:block;min-height:0;border-left:1px solid var(--line)}
.event{display:flex;flex-direction:column;gap:.15rem;padding:.6rem .5rem;border-bottom:1px solid var(--line)}
.event.past .event-title,.event.past .event-desc{color:var(--muted)}
.event-actions{display:flex;gap:1rem;align-items:center}
.conference{font-weight:600}
.remove{color:var(--err);font-size:1.1rem}
.room-head .nav-button{background:none;border:1px solid transparent}
.room-head .nav-button[aria-pressed="true"]{background:var(--pressed);border-color:var(--line)}
.composer textarea{resize:none;max-height:200px;min-height:2.6em}
.send{padding:.55em .9em}
members-panel,search-panel{display:block;min-height:0;border-left:1px solid var(--line)}
.panel{height:100%;overflow:auto;display:flex;flex-direction:column}
.panel-head{display:flex;align-items:center;justify-content:space-between;padding:.6rem 1rem;border-bottom:1px solid var(--line)}
.panel-head h2{font-size:1.05rem;margin:0}
.panel-sub{font-size:.8rem;text-transform:uppercase;color:var(--muted);margin:1rem 1rem .3rem;letter-spacing:.05em}
.members,.results{list-style:none;margin:0;padding:0 .5rem}
.member{display:flex;align-items:center;gap:.5em;padding:.3em .5em}
.member-name{flex:1}
.search-form{display:flex;gap:.4rem;padding:.8rem 1rem .2rem}
.result{display:block;width:100%;text-align:left;background:none;border:none;border-bottom:1px solid var(--line);border-radius:0;padding:.6rem .5rem}
.result:hover{background:var(--hover)}
.result-head{display:block}
.result-body{display:block;white-space:pre-wrap;overflow-wrap:anywhere}
dialog{border:none;border-radius:12px;padding:1.5rem;width:min(460px,calc(100% - 2rem));box-shadow:0 10px 40px rgb(0 0 0/.3)}
dialog::backdrop{background:rgb(0 0 0/.45)}
dialog h2{margin-top:0}
.dialog-actions{display:flex;justify-content:flex-end;gap:.5rem;margin-top:1.2rem}
.row{display:flex;gap:.5rem}
@media (max-width:900px){
  .shell,.shell.with-panel{grid-template-columns:1fr}
  room-list{position:fixed;inset:0 25% 0 0;z-index:10;transform:translateX(-100%);transition:transform .2s}
  .nav-open room-list{transform:none;box-shadow:0 0 0 100vmax rgb(0 0 0/.4)}
  .menu-button{display:block}
  members-panel,search-panel,pins-panel,thread-panel,events-panel{position:fixed;inset:0;z-index:5;background:#fff;border:none}
  .room-head .nav-button{font-size:.9em;padding:.3em .4em}
  .room-head .label{display:none}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;

export const styles = new CSSStyleSheet();
styles.replaceSync(css + peopleCss + directCss);
