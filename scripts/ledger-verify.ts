/**
 * `npm run ledger:verify`: recomputes the whole points-ledger hash chain and every signed block on DATABASE_URL
 * (or the local embedded dev database when unset) and prints `{ok, checked, firstBadSeq, ...}` as JSON.
 * Exit code 0 when everything matches, 2 when something no longer does, 1 on error. When LEDGER_SIGNING_KEY is
 * set, blocks must also carry its public key.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import { parseSigningKey } from '../libs/ledger/src/chain/signing-key';
import { verifyChain } from '../libs/ledger/src/chain/verify-chain';
import { createDatabase, ensureServices, exitOnLocalServerError } from './local-services';

async function main(): Promise<number> {
  const services = process.env.DATABASE_URL
    ? null
    : await exitOnLocalServerError(() => ensureServices({ purpose: 'dev', log: () => undefined }));
  const url = process.env.DATABASE_URL ?? (await createDatabase(services!.databaseUrl, 'learning_community'));
  const dataSource = new DataSource(
    dataSourceOptions(
      {
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: 2,
        DATABASE_CONNECT_TIMEOUT_MS: 5000,
        DATABASE_STATEMENT_TIMEOUT_MS: 0,
      },
      'lc-ledger-verify',
    ),
  );
  await dataSource.initialize();
  try {
    const signingKey = process.env.LEDGER_SIGNING_KEY;
    const result = await verifyChain(dataSource, {
      trustedPublicKeys: signingKey ? [parseSigningKey(signingKey).publicKey] : undefined,
    });
    console.log(JSON.stringify(result, null, 2));
    const rate = result.durationMs > 0 ? Math.round((result.checked / result.durationMs) * 1000) : null;
    console.error(
      result.ok
        ? `ledger chain OK: ${result.checked} transfers in ${result.blocks} blocks (${rate ?? '-'} transfers/s), ${result.unchained} not chained yet`
        : `LEDGER CHAIN BROKEN at seq ${result.firstBadSeq}: ${result.problem} (${result.checked} transfers matched before it)`,
    );
    return result.ok ? 0 : 2;
  } finally {
    await dataSource.destroy();
    await services?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
