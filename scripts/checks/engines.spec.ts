import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const ROOT = join(__dirname, '..', '..');

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
}

/** Every package npm installed (nested node_modules included), by walking node_modules as Node resolves it. */
function installedPackages(): { path: string; manifest: Manifest }[] {
  const found: { path: string; manifest: Manifest }[] = [];
  const visit = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const dirs = entry.name.startsWith('@')
        ? readdirSync(join(modules, entry.name)).map((name) => join(modules, entry.name, name))
        : [join(modules, entry.name)];
      for (const dir of dirs) {
        const file = join(dir, 'package.json');
        if (!existsSync(file)) continue;
        found.push({ path: dir, manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest });
        visit(join(dir, 'node_modules'));
      }
    }
  };
  visit(join(ROOT, 'node_modules'));
  return found;
}

describe('dependencies fit the Node.js versions the project declares', () => {
  const declared = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest).engines!.node!;
  const lowest = semver.minVersion(declared)!.version;

  it('declares a Node.js range that includes the Node.js running the tests', () => {
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  it("has no installed package whose engines.node excludes the declared range's lowest version or this Node.js", () => {
    const packages = installedPackages();
    expect(packages.length).toBeGreaterThan(100);
    const misfits = packages
      .filter(({ manifest }) => typeof manifest.engines?.node === 'string')
      .filter(({ manifest }) => semver.validRange(manifest.engines!.node!) !== null)
      .filter(
        ({ manifest }) =>
          !semver.satisfies(lowest, manifest.engines!.node!) ||
          !semver.satisfies(process.version, manifest.engines!.node!),
      )
      .map(({ manifest }) => `${manifest.name}@${manifest.version} wants node ${manifest.engines!.node}`);
    expect(misfits).toEqual([]);
  });
});
