// The Gridwall server under test: GRIDWALL_E2E_URL if set, otherwise a fresh one started here
// (small seed, temporary data folder, free port), stopped again after the tests.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerUnderTest {
  url: string;
  /** Stops the server and starts it again on the same port and data folder (an API restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${log()}`);
}

export interface ServerOptions {
  /** GRIDWALL_SEED_SIZE: 'small' unless given ('none' is an empty installation). */
  seedSize?: 'small' | 'full' | 'none';
  /** More environment for the server (GRIDWALL_ADMIN_PASSWORD on an empty installation). */
  env?: Record<string, string>;
}

export async function startServer(options: ServerOptions = {}): Promise<ServerUnderTest> {
  const external = process.env.GRIDWALL_E2E_URL;
  if (external) {
    return {
      url: external.replace(/\/$/, ''),
      restart: async () => {
        throw new Error('cannot restart a server this test did not start (GRIDWALL_E2E_URL)');
      },
      stop: async () => undefined,
    };
  }

  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gridwall-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  let child: ChildProcess;
  const spawnServer = () => {
    child = spawn('npx', ['tsx', 'api/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        GRIDWALL_DATA_DIR: dataDir,
        GRIDWALL_SEED_SIZE: options.seedSize ?? 'small',
        ...options.env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    return child;
  };
  const kill = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  const stop = async () => {
    await kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, spawnServer(), () => output.slice(-4000), 240_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const restart = async () => {
    await kill();
    await waitForHealth(url, spawnServer(), () => output.slice(-4000), 120_000);
  };
  return { url, restart, stop };
}
