// Which new passwords are refused besides the length the contract asks: the commonest ones (common-passwords.txt,
// also behind a year, digits or symbols, or written with @ for a, 0 for o …), the account's username, and
// simple patterns — one or two characters repeated, a short unit repeated, runs of the alphabet, of digits or
// of neighbouring keys (qwertyuiop, 1qaz2wsx, 123456789012).
import { m, type Message } from '../../contract/messages/index.js';
import fs from 'node:fs';

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  $: 's',
  '5': 's',
  '0': 'o',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '7': 't',
};
const unleet = (s: string) => s.replace(/[@4$50317!]/g, (c) => LEET[c]);

// Sequences where neighbours count as a run: the alphabet, digits (0 after 9), rows and columns of the keyboard.
const LINES = [
  'abcdefghijklmnopqrstuvwxyz',
  '12345678901',
  '1234567890-=',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik,',
  '9ol.',
  '0p;/',
];
const linked = new Set<string>();
for (const line of LINES)
  for (let i = 1; i < line.length; i++) linked.add(line[i - 1] + line[i]).add(line[i] + line[i - 1]);

/** Places where the password leaves a run (a character neither equal nor next to the one before). */
function breaks(p: string): number {
  let n = 0;
  for (let i = 1; i < p.length; i++) if (p[i] !== p[i - 1] && !linked.has(p[i - 1] + p[i])) n++;
  return n;
}

export type PasswordProblem = 'common' | 'username' | 'pattern';

/** Why a new password is refused, or null when it is fine. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  const p = password.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (
    name &&
    name.length >= 3 &&
    (p.includes(name) || unleet(p).includes(name) || p.includes([...name].reverse().join('')))
  )
    return 'username';
  const list = commonPasswords();
  if (list.has(p) || list.has(unleet(p))) return 'common';
  // A common word behind or before a short run of digits or symbols (password2024!, woaini13145200).
  const m = /^([^a-z]{0,8})([a-z].*[a-z]|[a-z])([^a-z]{0,8})$/.exec(p);
  if (m && m[2].length >= 4 && (m[1] || m[3]) && (list.has(m[2]) || list.has(unleet(m[2])))) return 'common';
  if (new Set(p).size <= 2) return 'pattern';
  if (/^(.{1,4})\1+$/.test(p)) return 'pattern';
  if (breaks(p) <= Math.max(2, Math.floor(p.length / 6))) return 'pattern';
  return null;
}

export const passwordMessage = (problem: PasswordProblem): Message => m(`auth.password.${problem}`);
