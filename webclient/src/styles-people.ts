// Styles of the left column's sections and people, avatars, presence,
// typing and read markers; appended to the one stylesheet (styles.ts).

export const peopleCss = `
.room-group-title{font-size:.78rem;font-weight:700;color:var(--side-muted);margin:.6rem 1rem .2rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.room-link .count + .count{margin-left:-.2em}
.people{list-style:none;margin:0;padding:0 .5rem .5rem}
.person{display:flex;align-items:center;gap:.5em;padding:.25em .6em;color:var(--side-fg)}
.person-name{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.me-name .avatar{vertical-align:middle;margin-right:.3em}
.avatar.small{width:22px;height:22px;border-radius:4px;font-size:.65rem;display:inline-grid}
img.avatar{object-fit:cover;background:#ddd}
.presence{display:inline-flex;align-items:center}
.presence-dot{width:10px;height:10px;border-radius:50%;box-sizing:border-box;display:inline-block}
.presence[data-presence=online] .presence-dot{background:#2bac76}
.presence[data-presence=busy] .presence-dot{background:#e01e5a;border-radius:2px}
.presence[data-presence=away] .presence-dot{background:transparent;border:2px solid #e8a500}
.presence[data-presence=offline] .presence-dot{background:transparent;border:2px solid #8d8d8d}
.group-head .presence{margin-left:.25em}
.typing{min-height:1.3em;margin:0 1rem;font-size:.85rem;font-style:italic}
.seen-by{display:block;text-align:right;font-size:.75rem}
.field-label{font-weight:600;margin:.8em 0 .3em}
.avatar-row{display:flex;align-items:center;gap:.8rem}
.avatar-row .avatar{width:64px;height:64px;font-size:1.3rem}
`;
