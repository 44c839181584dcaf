import { Client } from 'pg';
import { isErrorCode } from '@lc/core';
// Each domain registers its error codes when its library loads.
import '@lc/identity';
import '@lc/innovations';
import '@lc/ledger';
import '@lc/marketplace';
import '@lc/community';
import { createTestDatabase } from '../support/test-database';

/**
 * The codes the database's own functions (PL/pgSQL) can refuse with: the UPPER_SNAKE literals of their bodies,
 * except internal signals raised with another SQLSTATE than LC001 (LC002: a voucher code clash the caller retries).
 */
async function codesRaisedByFunctions(client: Client): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ name: string; body: string }>(
    `SELECT p.proname AS name, p.prosrc AS body
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`,
  );
  const codes = new Map<string, string[]>();
  for (const { name, body } of rows) {
    const internal = new Set(
      [...body.matchAll(/ERRCODE\s*=\s*'LC00[2-9]'\s*,\s*MESSAGE\s*=\s*'([A-Z0-9_]+)'/g)].map(
        (match) => match[1],
      ),
    );
    for (const [, code] of body.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
      if (internal.has(code)) continue;
      codes.set(code!, [...new Set([...(codes.get(code!) ?? []), name])]);
    }
  }
  return codes;
}

/**
 * A database function refuses a request with the platform's error code as its message (SQLSTATE LC001) or as a
 * returned refusal; the API turns it into a problem+json through the error catalogue. A code the catalogue does
 * not know would reach a member as a 500: every code a function can raise must be registered.
 */
describe('Database functions: every refusal code is in the error catalogue', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('finds the refusals of the ledger and the marketplace, each one registered', async () => {
    const codes = await codesRaisedByFunctions(client);
    // The ledger's and the marketplace's refusals are there (the scan is not finding nothing).
    expect([...codes.keys()]).toEqual(
      expect.arrayContaining(['LEDGER_INSUFFICIENT_POINTS', 'LEDGER_HOLD_NOT_FOUND', 'PERK_OUT_OF_STOCK']),
    );
    const unregistered = [...codes.entries()]
      .filter(([code]) => !isErrorCode(code))
      .map(([code, functions]) => `${code} (raised by ${functions.join(', ')})`);
    expect(unregistered).toEqual([]);
  });

  it('would name a function that raises an unregistered code', async () => {
    await client.query(`
      CREATE FUNCTION refuses_with_a_typo() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION USING ERRCODE = 'LC001', MESSAGE = 'LEDGER_INSUFICIENT_POINTS'; END $$`);
    const codes = await codesRaisedByFunctions(client);
    expect(codes.get('LEDGER_INSUFICIENT_POINTS')).toEqual(['refuses_with_a_typo']);
    expect(isErrorCode('LEDGER_INSUFICIENT_POINTS')).toBe(false);
  });
});
