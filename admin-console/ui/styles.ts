// Shared look: readable contrast (every text colour passes WCAG AA on its
// background), a visible focus ring, controls large enough for a tablet.

import { css } from 'lit';

export const shared = css`
  :host {
    display: block;
    color: #1b1f24;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 1.5rem 0 0.75rem; }
  a { color: #1a4fb8; }
  :focus-visible { outline: 3px solid #1a4fb8; outline-offset: 2px; }
  button, input, select, textarea { font: inherit; }
  button {
    min-height: 2.5rem;
    padding: 0.4rem 1rem;
    border: 1px solid #1a4fb8;
    border-radius: 6px;
    background: #fff;
    color: #1a4fb8;
    cursor: pointer;
  }
  button.primary { background: #1a4fb8; color: #fff; }
  button.danger { border-color: #a61b1b; color: #a61b1b; }
  button.danger.primary { background: #a61b1b; color: #fff; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button.link { border: none; background: none; padding: 0.2rem; min-height: auto; text-decoration: underline; }
  input[type='text'], input[type='search'], input[type='password'], input[type='email'], input[type='number'], input:not([type]), select, textarea {
    min-height: 2.4rem;
    padding: 0.35rem 0.6rem;
    border: 1px solid #6b7280;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    box-sizing: border-box;
  }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: #a61b1b; }
  label { font-weight: 600; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.9rem; max-width: 32rem; }
  .field input, .field select, .field textarea { width: 100%; }
  .hint { color: #4b5563; font-size: 0.9rem; font-weight: normal; }
  .error { color: #a61b1b; font-weight: 600; }
  .ok { color: #14632b; font-weight: 600; }
  .banner { padding: 0.6rem 0.9rem; border-radius: 6px; margin: 0 0 1rem; }
  .banner.error { background: #fdecec; border: 1px solid #a61b1b; }
  .banner.ok { background: #e8f5ec; border: 1px solid #14632b; }
  .row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; }
  .card { border: 1px solid #d0d5dd; border-radius: 8px; padding: 1rem 1.2rem; margin-bottom: 1rem; background: #fff; }
  .card > h2:first-child { margin-top: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem 0.6rem; border-bottom: 1px solid #d0d5dd; vertical-align: middle; }
  th { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: #374151; }
  tbody tr:hover { background: #f3f6fb; }
  .muted { color: #4b5563; }
  .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.85rem; border: 1px solid currentColor; }
  .badge.on { color: #14632b; }
  .badge.off { color: #a61b1b; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .table-wrap { overflow-x: auto; }
`;
