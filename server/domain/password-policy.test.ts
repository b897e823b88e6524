// The shared password rules: length in characters (not bytes or UTF-16
// units), no control characters; every refusal is bad-request/weak-password.

import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy.js';
import { AppError } from '../core/errors.js';

function refusal(password: string): AppError | undefined {
  try {
    checkPasswordPolicy(password);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
}

describe('checkPasswordPolicy', () => {
  it('accepts passwords between the bounds', () => {
    expect(refusal('a'.repeat(MIN_PASSWORD_LENGTH))).toBeUndefined();
    expect(refusal('correct horse battery staple')).toBeUndefined();
    expect(refusal('x'.repeat(MAX_PASSWORD_LENGTH))).toBeUndefined();
    expect(refusal('pâté à la crème 🍮')).toBeUndefined();
  });

  it('refuses too short and too long passwords with weak-password', () => {
    for (const password of ['', 'a'.repeat(MIN_PASSWORD_LENGTH - 1), 'x'.repeat(MAX_PASSWORD_LENGTH + 1)]) {
      const error = refusal(password);
      expect(error?.condition).toBe('bad-request');
      expect(error?.appCondition).toBe('weak-password');
      expect(error?.text).toMatch(/characters/);
    }
    expect(refusal('short')?.text).toContain(String(MIN_PASSWORD_LENGTH));
  });

  it('counts characters, not UTF-16 code units', () => {
    // Seven emoji are fourteen UTF-16 units but seven characters.
    expect(refusal('🍮'.repeat(MIN_PASSWORD_LENGTH - 1))?.appCondition).toBe('weak-password');
    expect(refusal('🍮'.repeat(MIN_PASSWORD_LENGTH))).toBeUndefined();
    expect(refusal('🍮'.repeat(MAX_PASSWORD_LENGTH))).toBeUndefined();
  });

  it('refuses control characters', () => {
    for (const char of ['\u0000', '\n', '\t', '\u001b', '\u007f']) {
      const error = refusal(`password${char}123`);
      expect(error?.appCondition, JSON.stringify(char)).toBe('weak-password');
      expect(error?.text).toMatch(/control/);
    }
  });
});
