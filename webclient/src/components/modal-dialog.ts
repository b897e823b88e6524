// Modal <dialog>s: showModal() opens a component's own dialog (focus kept
// inside, Tab cycling in it, Escape closes) and reports closing; askChoice() asks a question
// with a few answers in a dialog of its own and resolves with the answer.

import { html, render } from 'lit';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes back to the first (Shift+Tab the other way):
 * a modal <dialog> makes the page inert, but browsers let Tab leave the page
 * for their own toolbar, which loses the place of keyboard users.
 */
function keepFocusInside(dialog: HTMLDialogElement): void {
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((c) => c.offsetParent !== null);
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  });
}

export function showModal(dialog: HTMLDialogElement | null, onClose: () => void): void {
  if (!dialog || dialog.open) return;
  dialog.addEventListener('close', onClose, { once: true });
  keepFocusInside(dialog);
  dialog.showModal();
}

export interface Choice {
  value: string;
  label: string;
  primary?: boolean;
}

export interface Question {
  title: string;
  text: string;
  /** The answers, in display order; the first one has the focus (make it the safe one). */
  choices: Choice[];
}

/** Resolves with the chosen value, or undefined when the dialog is dismissed (Escape). */
export function askChoice(question: Question): Promise<string | undefined> {
  const dialog = document.createElement('dialog');
  dialog.className = 'choice-dialog';
  dialog.setAttribute('aria-labelledby', 'choice-title');
  dialog.setAttribute('aria-describedby', 'choice-text');
  render(
    html`<form method="dialog">
      <h2 id="choice-title">${question.title}</h2>
      <p id="choice-text">${question.text}</p>
      <div class="dialog-actions">
        ${question.choices.map((c, i) => html`<button class=${c.primary ? 'primary' : ''} value=${c.value} ?autofocus=${i === 0}>${c.label}</button>`)}
      </div>
    </form>`,
    dialog,
  );
  document.body.append(dialog);
  keepFocusInside(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const answer = question.choices.find((c) => c.value === dialog.returnValue)?.value;
        dialog.remove();
        resolve(answer);
      },
      { once: true },
    );
    dialog.showModal();
  });
}
