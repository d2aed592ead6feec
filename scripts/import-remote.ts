// `npm run import` through a running server's API: used when the embedded data folder is held by a live server
// (its lock file says where it answers). Logs in, uploads, and accepts or cancels as the local path does: boundaries,
// layers (analysed by a job on the server, polled with its progress) and the grid-worker roster.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../contract/imports.js';
import { isLayerReport, type LayerImportState, type LayerReport } from '../contract/layers.js';
import type { RosterAccepted, RosterReport } from '../contract/roster.js';
import { renderMessage, type Lang, type Message } from '../contract/messages/index.js';
import { m } from '../contract/messages/index.js';

export class RemoteRefused extends Error {
  constructor(
    readonly status: number,
    text: string,
  ) {
    super(text);
  }
}

export interface RemoteTarget {
  url: string;
  pid: number;
  user: string;
  lang: Lang;
}

/** The password for the account: --password-file, else GRIDWALL_IMPORT_PASSWORD; null when neither is given. */
export function importPassword(passwordFile: string | undefined): string | null {
  if (passwordFile) return fs.readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  return process.env.GRIDWALL_IMPORT_PASSWORD || null;
}

/** How often a read (GET) is sent when the connection drops before an answer. */
const READ_TRIES = 5;

export class RemoteImports {
  private token = '';
  constructor(private readonly t: RemoteTarget) {}

  private say(msg: Message): string {
    return renderMessage(msg, this.t.lang);
  }

  protected call(pathname: string, init: RequestInit): Promise<unknown> {
    return this.send(pathname, init);
  }

  private async send(pathname: string, init: RequestInit): Promise<unknown> {
    let res: Response | undefined;
    // A read is tried again when the connection drops: an embedded database answers on the server's one thread, so a
    // long analysis can hold it past the idle timeout of a kept-alive connection, which the server then closes
    // under the next request. Writes are sent once.
    const tries = (init.method ?? 'GET') === 'GET' ? READ_TRIES : 1;
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(`${this.t.url}${pathname}`, {
          ...init,
          headers: {
            'accept-language': this.t.lang,
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...(init.headers as Record<string, string> | undefined),
          },
        });
      } catch (e) {
        const reason = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        if (attempt < tries) {
          await new Promise((r) => setTimeout(r, 500 * attempt));
          continue;
        }
        throw new RemoteRefused(
          0,
          this.say(m('datalock.serverUnreachable', { url: this.t.url, reason, pid: this.t.pid })),
        );
      }
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) throw new RemoteRefused(res.status, body?.error?.message ?? `HTTP ${res.status}`);
    return body;
  }

  async login(password: string): Promise<void> {
    try {
      const out = (await this.send('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: this.t.user, password }),
      })) as { token: string };
      this.token = out.token;
    } catch (e) {
      if (!(e instanceof RemoteRefused) || e.status === 0) throw e;
      throw new RemoteRefused(
        e.status,
        this.say(m('datalock.loginFailed', { url: this.t.url, user: this.t.user, reason: e.message })),
      );
    }
  }

  /** Uploads the file with the same options the local path takes; answers the validation report. */
  async analyse(file: string, options: Record<string, unknown>): Promise<ImportReport> {
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
    form.append('options', JSON.stringify(options));
    return (await this.send('/api/imports', { method: 'POST', body: form })) as ImportReport;
  }

  async decide(id: number, how: 'accept' | 'cancel'): Promise<ImportReport> {
    return (await this.send(`/api/imports/${id}/${how}`, { method: 'POST' })) as ImportReport;
  }
}

/** Layer imports and the roster through the running server: the same steps as the admin page. */
export class RemoteLayers extends RemoteImports {
  /** Uploads a layer; the server analyses it as a job: polls it, telling `progress`, until the report is there. */
  async analyseLayer(
    file: string,
    options: Record<string, unknown>,
    progress: (p: { step: string; done: number | null; total: number | null }) => void,
  ): Promise<LayerReport> {
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
    form.append('options', JSON.stringify(options));
    let state = (await this.call('/api/layers/imports', { method: 'POST', body: form })) as LayerImportState;
    for (;;) {
      if (isLayerReport(state)) return state;
      if (state.status !== 'analysing') throw new RemoteRefused(422, state.message ?? state.status);
      if (state.progress) progress(state.progress);
      await new Promise((r) => setTimeout(r, 300));
      state = (await this.call(state.poll, { method: 'GET' })) as LayerImportState;
    }
  }

  /** A layer import by id, or null when the id is not a layer import in the account's scope. */
  async layerImport(id: number): Promise<LayerImportState | null> {
    try {
      return (await this.call(`/api/layers/imports/${id}`, { method: 'GET' })) as LayerImportState;
    } catch (e) {
      if (e instanceof RemoteRefused && e.status === 404) return null;
      throw e;
    }
  }

  async decideLayer(id: number, how: 'accept' | 'cancel'): Promise<LayerImportState> {
    return (await this.call(`/api/layers/imports/${id}/${how}`, { method: 'POST' })) as LayerImportState;
  }

  async analyseRoster(file: string): Promise<RosterReport> {
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
    return (await this.call('/api/workers/roster', { method: 'POST', body: form })) as RosterReport;
  }

  async decideRoster(id: number, how: 'accept' | 'cancel'): Promise<RosterReport | RosterAccepted> {
    return (await this.call(`/api/workers/roster/${id}/${how}`, { method: 'POST' })) as RosterReport;
  }
}
