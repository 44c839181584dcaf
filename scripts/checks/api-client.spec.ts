import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import orvalConfig from '../../apps/web/orval.config';
import { exportOpenApi, OPENAPI_FILE } from '../export-openapi';

/**
 * The web app's typed client is generated from the API's OpenAPI document. When a route, a DTO or a response
 * changes without `npm run api:client`, the committed document or the generated client no longer match: this fails.
 */
const WEB = join(__dirname, '..', '..', 'apps', 'web');
const GENERATED = join(WEB, 'src', 'api', 'generated');

function filesOf(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(directory, path), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(directory)) walk(directory);
  return files;
}

describe('the web app API client', () => {
  it('is generated from the OpenAPI document the API serves today', async () => {
    const current = await exportOpenApi();
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    expect({ stale: current !== committed, fix: 'npm run api:client' }).toEqual({
      stale: false,
      fix: 'npm run api:client',
    });
  });

  it('matches what orval generates from that document', async () => {
    // Generated beside the real client (same depth), so the relative imports of the mutator are the same.
    const scratch = mkdtempSync(join(WEB, 'src', 'api', '.generated-check-'));
    try {
      const base = (orvalConfig as { api: { input: object; output: Record<string, unknown> } }).api;
      const options = {
        input: { ...base.input, target: join(WEB, 'openapi.json') },
        output: {
          ...base.output,
          target: join(scratch, 'endpoints.ts'),
          schemas: join(scratch, 'model'),
          override: {
            ...(base.output.override as object),
            mutator: { path: join(WEB, 'src', 'api', 'http.ts'), name: 'apiFetch' },
          },
        },
      };
      // In its own process: orval loads files with dynamic import(), which Jest's module sandbox refuses.
      execFileSync(
        process.execPath,
        [
          '-e',
          'require("orval").generate(JSON.parse(process.argv[1]), process.argv[2]).catch((e) => { console.error(e); process.exit(1); })',
          JSON.stringify(options),
          WEB,
        ],
        { cwd: WEB, stdio: 'pipe' },
      );
      const expected = filesOf(scratch);
      const actual = filesOf(GENERATED);
      expect(expected.size).toBeGreaterThan(100);
      const differing = [...new Set([...expected.keys(), ...actual.keys()])].filter(
        (name) => expected.get(name) !== actual.get(name),
      );
      expect({ differing, fix: 'npm run api:client' }).toEqual({ differing: [], fix: 'npm run api:client' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
