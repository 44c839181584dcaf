import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../libs/database/src/migrate';
import {
  createDatabase,
  localServerHome,
  ROOT,
  startEmbeddedPostgres,
  startLocalRedis,
} from '../local-services';

export interface BenchServers {
  /** The server (maintenance database), for messages. */
  serverUrl: string;
  /** The benchmark's own database, dropped and made afresh with the real migrations. */
  databaseUrl: string;
  redisUrl: string;
  stop: () => Promise<void>;
}

/**
 * PostgreSQL and Redis for a benchmark: DATABASE_URL / REDIS_URL when set, otherwise an embedded PostgreSQL and a
 * local Redis under `.data/<name>`; then a fresh, migrated database `lc_<name>`.
 */
export async function benchServers(
  name: string,
  ports: { postgres: number; redis: number },
): Promise<BenchServers> {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(localServerHome(), `pg-${name}`),
      preferredPort: ports.postgres,
    });
    stops.push(pg.stop);
    serverUrl = pg.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis({
      dataDir: join(ROOT, '.data', `redis-${name}`),
      preferredPort: ports.redis,
    });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  const databaseName = `lc_${name.replace(/-/g, '_')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.end();
  const databaseUrl = await createDatabase(serverUrl, databaseName);
  await runMigrations({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: 2,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    DATABASE_STATEMENT_TIMEOUT_MS: 0,
  });
  return {
    serverUrl,
    databaseUrl,
    redisUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
