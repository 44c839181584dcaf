#!/usr/bin/env node
/**
 * Runs npm scripts side by side and fails when any fails: `node scripts/run-parallel.mjs lint typecheck build`.
 * `npm test` checks (eslint, prettier, tsc) and builds with it, as these are mostly one core each and CI has two.
 * Each script's output is printed whole when it ends (never interleaved), with the time it took.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.mjs <npm script> [<npm script> …]\n');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (code, reason) => {
      const took = ((Date.now() - started) / 1000).toFixed(1);
      const verdict = code === 0 ? 'ok' : `FAILED (${reason})`;
      process.stdout.write(`\n> npm run ${script}: ${verdict} in ${took} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    };
    child.on('error', (error) => finish(1, error.message));
    child.on('close', (code, signal) => finish(code ?? 1, signal ? `signal ${signal}` : `exit ${code}`));
  });
}

const results = await Promise.all(scripts.map(run));
const failed = scripts.filter((_, index) => !results[index]);
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
