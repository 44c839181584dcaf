import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT } from '../../scripts/local-services';
import type { ConfigOverrides } from './test-app';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');

/** The built API as a separate process, like a replica behind a load balancer. Builds first if needed. */
export async function startApiProcess(overrides: ConfigOverrides): Promise<ApiProcess> {
  if (!existsSync(API_ENTRY))
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  const port = await freePort(40_000 + Math.floor(Math.random() * 10_000));
  const child = spawn(process.execPath, [API_ENTRY], {
    env: { ...process.env, ...overrides, PORT: String(port), HOST: '127.0.0.1', SWAGGER_ENABLED: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api process exited with ${child.exitCode}: ${errors}`);
    try {
      if ((await fetch(`${url}/api/v1/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`api process not ready within 30 s: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
