import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Node with a require hook that compiles TypeScript with swc (decorators and their metadata, as the build does)
 * and resolves `@lc/<lib>` to `libs/<lib>/src`: runs a `.ts` entry in a real child process without a build.
 */
const HOOK = `
const Module = require('node:module');
const path = require('node:path');
const { readFileSync } = require('node:fs');
const root = process.env.LC_TS_ROOT;
const { transformSync } = require(path.join(root, 'node_modules/@swc/core'));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = /^@lc\\/([^/]+)$/.exec(request);
  return resolve.call(this, alias ? path.join(root, 'libs', alias[1], 'src', 'index.ts') : request, parent, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, swcrc: false, module: { type: 'commonjs' }, sourceMaps: 'inline',
    jsc: {
      target: 'es2023', keepClassNames: true,
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
  });
  module._compile(code, filename);
};
require(process.env.LC_TS_ENTRY);
`;

/** Starts `entry` (a path under the repository) in its own process group, so its Chromium can be killed with it. */
export function spawnTypeScript(entry: string, env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['-e', HOOK], {
    cwd: ROOT,
    env: { ...process.env, ...env, LC_TS_ROOT: ROOT, LC_TS_ENTRY: join(ROOT, entry) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}
