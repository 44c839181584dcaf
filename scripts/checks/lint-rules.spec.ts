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

describe('ESLint: another library is imported through its index, never its internal files', () => {
  const deep = `import { LedgerService } from '@lc/ledger/ledger.service';\nexport const service = LedgerService;\n`;
  const climb = `import { LedgerService } from '../../ledger/src/ledger.service';\nexport const service = LedgerService;\n`;
  const refused = (source: string, message: string) => ({
    ruleId: 'no-restricted-imports',
    message: `'${source}' import is restricted from being used by a pattern. ${message}`,
  });

  it('refuses a deep @lc/<name>/… import in a library and in the apps', () => {
    const refusal = refused(
      '@lc/ledger/ledger.service',
      "Import another library through its index, '@lc/<name>' (export the name from libs/<name>/src/index.ts), not through its internal files.",
    );
    expect(
      lintAs([
        { filePath: 'libs/marketplace/src/perks.runner.ts', text: deep },
        { filePath: 'apps/api/src/ledger/wallet.extra.ts', text: deep },
        { filePath: 'apps/worker/src/worker.extra.ts', text: deep },
      ]),
    ).toEqual([[refusal], [refusal], [refusal]]);
  });

  it('refuses a relative path that climbs into another library', () => {
    const message =
      "Import another library as '@lc/<name>' (export the name from libs/<name>/src/index.ts), not by a relative path into its files.";
    const intoCore = `import { uuidv7 } from '../../../core/src';\nexport const id = uuidv7;\n`;
    const viaLibs = `import { LedgerService } from '../../../../libs/ledger/src/ledger.service';\nexport const s = LedgerService;\n`;
    expect(
      lintAs([
        { filePath: 'libs/marketplace/src/perks.runner.ts', text: climb },
        { filePath: 'libs/database/src/migrations/next.ts', text: intoCore },
        { filePath: 'apps/api/src/ledger/wallet.extra.ts', text: viaLibs },
      ]),
    ).toEqual([
      [refused('../../ledger/src/ledger.service', message)],
      [refused('../../../core/src', message)],
      [refused('../../../../libs/ledger/src/ledger.service', message)],
    ]);
  });

  it("allows the library's index and relative paths inside one library", () => {
    const index = `import { LedgerService } from '@lc/ledger';\nexport const service = LedgerService;\n`;
    const inside = `import { LedgerHasher } from '../chain/ledger-hasher';\nexport const hasher = LedgerHasher;\n`;
    expect(
      lintAs([
        { filePath: 'libs/marketplace/src/perks.runner.ts', text: index },
        { filePath: 'libs/ledger/src/awards/award.extra.ts', text: inside },
      ]),
    ).toEqual([[], []]);
  });

  it('allows internal imports in tests and scripts (benchmarks measure internals)', () => {
    const relative = `import { LedgerService } from '../../libs/ledger/src/ledger.service';\nexport const s = LedgerService;\n`;
    expect(
      lintAs([
        { filePath: 'test/ledger/internals.e2e-spec.ts', text: deep },
        { filePath: 'scripts/bench/internals.ts', text: deep },
        { filePath: 'scripts/bench/internals.ts', text: relative },
      ]),
    ).toEqual([[], [], []]);
  });
});

describe('ESLint: UPDATE/DELETE … RETURNING goes through updateReturning', () => {
  // TypeORM answers those with [rows, count]: a guard on `rows.length` is always 2, a set of `rows` holds undefined.
  const refusal = {
    ruleId: 'no-restricted-syntax',
    message:
      'UPDATE/DELETE … RETURNING through query() answers [rows, count]: call updateReturning (@lc/database) for the rows.',
  };
  const wrap = (body: string) =>
    `import { EntityManager } from 'typeorm';\nexport async function f(manager: EntityManager, id: string) {\n${body}\n}\n`;

  it('refuses query() with an UPDATE or DELETE that returns rows', () => {
    expect(
      lintAs([
        {
          filePath: 'libs/cockpit/src/marks.ts',
          text: wrap('  return manager.query(`DELETE FROM t WHERE id = $1 RETURNING id`, [id]);'),
        },
        {
          filePath: 'apps/api/src/things/things.ts',
          text: wrap(
            '  return manager.query(`\n    update t SET a = 1\n    WHERE id = ${"$"}1 RETURNING 1`, [id]);',
          ),
        },
      ]),
    ).toEqual([[refusal], [refusal]]);
  });

  it('allows updateReturning, INSERT … RETURNING and an UPDATE that returns nothing', () => {
    const ok = [
      '  await updateReturning(manager, `DELETE FROM t WHERE id = $1 RETURNING id`, [id]);',
      '  await manager.query(`INSERT INTO t (id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id`, [id]);',
      '  await manager.query(`UPDATE t SET a = 1 WHERE id = $1`, [id]);',
    ].join('\n');
    const text = `import { updateReturning } from '@lc/database';\n${wrap(ok)}`;
    expect(lintAs([{ filePath: 'libs/cockpit/src/marks.ts', text }])).toEqual([[]]);
  });
});
