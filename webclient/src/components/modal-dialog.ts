// Modal <dialog>s: showModal() opens a component's own dialog (focus kept
// inside, Escape closes) and reports closing; askChoice() asks a question
// with a few answers in a dialog of its own and resolves with the answer.

import { html, render } from 'lit';

export function showModal(dialog: HTMLDialogElement | null, onClose: () => void): void {
  if (!dialog || dialog.open) return;
  dialog.addEventListener('close', onClose, { once: true });
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
