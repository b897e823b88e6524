// Opens a <dialog> as a modal (focus trapped, Escape closes) and reports closing.

export function showModal(dialog: HTMLDialogElement | null, onClose: () => void): void {
  if (!dialog || dialog.open) return;
  dialog.addEventListener('close', onClose, { once: true });
  dialog.showModal();
}
