import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'periodic-timer.ts'), 'utf8');

/**
 * ESLint's Node API (`new ESLint().lintText`) with the root config, in a child Node process: the config is an ES
 * module, which Jest's module sandbox cannot import.
 */
const LINT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(({ filePath, text }) => eslint.lintText(text, { filePath })))
  .then((results) => process.stdout.write(JSON.stringify(results.map(([result]) =>
    result.messages.map(({ ruleId, message }) => ({ ruleId, message }))))));
`;

type Messages = { ruleId: string | null; message: string }[];

/** The messages the root ESLint config gives each text as if it were the file at its path (from the root). */
function lintAs(cases: { filePath: string; text?: string }[]): Messages[] {
  const input = JSON.stringify(cases.map(({ filePath, text }) => ({ filePath, text: text ?? FIXTURE })));
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT], { cwd: ROOT, input, encoding: 'utf8' }));
}

describe('ESLint: periodic work is a schedule, not a setInterval', () => {
  const refusal = {
    ruleId: 'no-restricted-syntax',
    message:
      'No setInterval here: declare periodic work with @Schedule (libs/messaging/src/schedules), which runs once per tick across the worker replicas.',
  };

  it('refuses setInterval in libs/, apps/api and apps/worker', () => {
    expect(
      lintAs([
        { filePath: 'libs/ledger/src/sweep.runner.ts' },
        { filePath: 'apps/worker/src/sweep.ts' },
        { filePath: 'apps/api/src/health/sweep.ts' },
      ]),
    ).toEqual([[refusal], [refusal], [refusal]]);
  });

  it('refuses it however it is reached (globalThis, an import from node:timers)', () => {
    const text = [
      `import { setInterval as every } from 'node:timers';`,
      `globalThis.setInterval(() => undefined, 1000);`,
      `every(() => undefined, 1000);`,
    ].join('\n');
    expect(lintAs([{ filePath: 'libs/community/src/sweep.ts', text }])).toEqual([[refusal, refusal]]);
  });

  it('allows it where the scheduler lives, in unit specs, in scripts and in the browser app', () => {
    expect(
      lintAs([
        { filePath: 'libs/messaging/src/schedules/timer.ts' },
        { filePath: 'libs/ledger/src/sweep.spec.ts' },
        { filePath: 'scripts/bench/sweep.ts' },
        { filePath: 'apps/web/src/pages/sweep.ts' },
      ]),
    ).toEqual([[], [], [], []]);
  });
});
