// The embedded database's lock: PGlite must be opened by one process at a time, so whoever opens a data folder
// holds `<folder>.lock` (pid, host, role and, for a server, the URL it answers at), created atomically (O_EXCL)
// and removed on close. A lock whose process is gone (same host, pid dead) is taken over, and the log says so.
// PostgreSQL needs none: it is a server of its own.
import fs from 'node:fs';
import os from 'node:os';
import { bilingual, m, type Message } from '../../contract/messages/index.js';

export type LockRole = 'server' | 'cli';

export interface LockInfo {
  pid: number;
  host: string;
  role: LockRole;
  /** Where a server answers (set once it listens); null while it starts, and for the CLI. */
  url: string | null;
  since: string;
}

/** The folder is held by a live process: `holder` says who, `text` what to do. */
export class DataLocked extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
    readonly text: Message,
  ) {
    super(bilingual(text));
  }
}

export function lockPath(dir: string): string {
  return `${dir.replace(/[\\/]+$/, '')}.lock`;
}

export function readLock(dir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

/** Whether the lock's process still runs; a lock from another host is taken as live (its pid cannot be checked). */
export function holderAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heldMessage(dir: string, h: LockInfo): Message {
  const params = { dir, pid: h.pid, host: h.host, url: h.url ?? '' };
  if (h.role === 'cli') return m('datalock.heldByCli', params);
  return h.url ? m('datalock.heldByServer', params) : m('datalock.heldStarting', params);
}

const held = new Map<string, LockInfo>();
let exitHook = false;

/**
 * Takes the lock on `dir` for this process, or throws DataLocked naming the live holder. A stale lock (its
 * process gone) is moved aside and taken, reported through `log`.
 */
export function acquireLock(dir: string, role: LockRole, log: (msg: string) => void = console.warn): void {
  const file = lockPath(dir);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), role, url: null, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      held.set(file, mine);
      if (!exitHook) {
        exitHook = true;
        // A process that exits without closing its database (an uncaught error) still frees the folder.
        process.on('exit', () => {
          for (const f of [...held.keys()]) releaseLockFile(f);
        });
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(dir);
    if (holder && holderAlive(holder)) throw new DataLocked(dir, holder, heldMessage(dir, holder));
    // Stale (or unreadable, as when its writer died mid-write): move it aside under a unique name so that of two
    // processes taking it over at once only one removes it, then try the exclusive create again.
    const aside = `${file}.stale-${process.pid}-${attempt}`;
    try {
      fs.renameSync(file, aside);
      fs.rmSync(aside, { force: true });
      if (holder) log(bilingual(m('datalock.staleTaken', { dir, pid: holder.pid, role: holder.role })));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const holder = readLock(dir);
  if (holder) throw new DataLocked(dir, holder, heldMessage(dir, holder));
  throw new Error(`cannot take the lock ${file}`);
}

function releaseLockFile(file: string): void {
  const mine = held.get(file);
  held.delete(file);
  if (!mine) return;
  try {
    const now = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    if (now.pid === mine.pid && now.host === mine.host) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

export function releaseLock(dir: string): void {
  releaseLockFile(lockPath(dir));
}

/** A server that listens writes its URL into every lock it holds, so that the CLI can reach it. */
export function announceUrl(url: string): void {
  for (const [file, info] of held) {
    if (info.role !== 'server') continue;
    const next = { ...info, url };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next));
    fs.renameSync(tmp, file); // atomic: the lock never disappears while it is rewritten
    held.set(file, next);
  }
}
