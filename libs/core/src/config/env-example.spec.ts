import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from './app-config';

/** Variables `.env.example` names: set (`NAME=value`) or shown commented out (`# NAME=value`) when optional. */
function documentedVariables(): string[] {
  const text = readFileSync(join(__dirname, '..', '..', '..', '..', '.env.example'), 'utf8');
  return [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
}

describe('.env.example', () => {
  it('documents every variable of the configuration schema, and no variable the schema does not read', () => {
    const documented = documentedVariables();
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(40);
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });

  it('names each variable once', () => {
    const documented = documentedVariables();
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });
});
