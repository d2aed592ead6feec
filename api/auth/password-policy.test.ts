import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('refuses the commonest passwords, also behind digits or symbols and written in leet', () => {
    for (const p of [
      '123456',
      'password',
      'qwerty',
      '111111',
      'a1b2c3',
      'woaini1314',
      'iloveyou',
      'P@ssw0rd',
      'Password2024!',
      'woaini13145200',
      'zhangwei19900101',
      'Qwertyuiop123',
      '5201314520',
    ]) {
      expect(passwordProblem(p), p).not.toBeNull();
    }
  });

  it('refuses simple patterns: one character, a repeated unit, runs of digits, letters or neighbouring keys', () => {
    for (const p of [
      'aaaaaaaaaaaa',
      'abababababab',
      'abcabcabcabc',
      '123456789012',
      'abcdefghijkl',
      'qwertyuiopas',
      '2wsx3edc4rfv',
      'mnbvcxz,./;p',
      '987654321098',
      'asdfghjkl;lkjh',
    ]) {
      expect(passwordProblem(p), p).toBe('pattern');
    }
  });

  it('refuses the username inside the password, in any case and reversed', () => {
    expect(passwordProblem('Community1-on-duty', 'community1')).toBe('username');
    expect(passwordProblem('xx-1ytinummoc-xx', 'community1')).toBe('username');
    expect(passwordProblem('Zhang.Sanfeng-shift', 'zhang.sanfeng')).toBe('username');
  });

  it('accepts passwords that are none of these', () => {
    for (const p of [
      'test-password-123',
      'correct horse battery staple',
      'Hu!2847305916',
      'tK9#vQ2m!Lp7',
      'new-password-456',
      'reset-from-outside-1',
      'a-secret-of-12+-characters',
    ]) {
      expect(passwordProblem(p, 'community1'), p).toBeNull();
    }
  });
});
