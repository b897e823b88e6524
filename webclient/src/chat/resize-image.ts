// Turns a chosen picture into an avatar: decoded by the browser, scaled in a
// canvas so its longer side is at most 96 px, and encoded as PNG.

import type { AvatarImage } from '../xmpp/avatar.js';

export const AVATAR_MAX_SIDE = 96;

/** Width and height that fit in max × max, keeping the proportions (never enlarging). */
export function fitWithin(width: number, height: number, max = AVATAR_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function avatarFromFile(file: Blob): Promise<{ image: AvatarImage; dataUrl: string }> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const dataUrl = canvas.toDataURL('image/png');
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { image: { bytes, type: 'image/png', width, height }, dataUrl };
}
