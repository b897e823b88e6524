// The password rules shared by every front (CLI, WebAdmin, guest registration).

import { AppError } from '../core/errors.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Throws AppError('bad-request', appCondition 'weak-password') when the password is refused. */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AppError('bad-request', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, { appCondition: 'weak-password' });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new AppError('bad-request', `The password must have at most ${MAX_PASSWORD_LENGTH} characters`, { appCondition: 'weak-password' });
  }
  if (/[\u0000-\u001f\u007f]/u.test(password)) {
    throw new AppError('bad-request', 'The password must not contain control characters', { appCondition: 'weak-password' });
  }
}
