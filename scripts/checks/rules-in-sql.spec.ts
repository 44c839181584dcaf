import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MARKETPLACE_SQL = 'libs/marketplace/src/sql/marketplace.sql';

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return typescriptFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Rules the database applies are written once, in the domain's .sql source; TypeScript calls them. For each rule that
 * was once written twice: the function that now holds it, and the fingerprints of a copy in TypeScript or in SQL
 * written into TypeScript.
 */
const RULES = [
  {
    rule: 'the start of a limit period',
    fn: 'marketplace_period_start',
    copy: /date_trunc\(\s*'(day|week|month)',\s*now\(\)/,
  },
  {
    rule: 'the texts of a redemption transfer',
    fn: 'marketplace_transfer_reason',
    copy: /กันพอยท์เพื่อแลกสิทธิประโยชน์|'แลกสิทธิประโยชน์'|Redeemed a perk|Points held for a redemption/,
  },
  {
    rule: 'eligibility by area and member kind',
    fn: 'marketplace_eligible',
    copy: /areaIds\??\.includes|memberKinds\??\.includes|eligibility\s*->\s*'areaIds'/,
  },
  {
    rule: 'a perk open for redemption',
    fn: 'marketplace_perk_open',
    copy: /validUntil\s*>|valid_until\s*>\s*now\(\)/,
  },
];

describe('Rules the database applies are written once, in SQL', () => {
  // Migrations keep the history of what was installed when; the rules' current text is the sources'.
  const files = [
    ...typescriptFiles(join(ROOT, 'libs')),
    ...typescriptFiles(join(ROOT, 'apps', 'api', 'src')),
  ].filter((file) => !file.includes(join('libs', 'database', 'src', 'migrations')));
  const sql = readFileSync(join(ROOT, MARKETPLACE_SQL), 'utf8');

  it.each(RULES)('$rule: one function in marketplace.sql, no copy in TypeScript', ({ fn, copy }) => {
    expect(sql).toContain(`CREATE OR REPLACE FUNCTION ${fn}(`);
    // The source itself holds the rule (the fingerprint finds what it is meant to find) …
    expect(sql).toMatch(copy);
    // … and no TypeScript file restates it.
    const copies = files.filter((file) => copy.test(readFileSync(file, 'utf8')));
    expect(copies.map((file) => file.slice(ROOT.length + 1))).toEqual([]);
  });
});
