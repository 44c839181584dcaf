import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../scripts/local-services';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suites through jest (global setup sets it)`);
  return value;
}

export function testRedisUrl(): string {
  return required('LC_TEST_REDIS_URL');
}

/** A fresh database for one suite, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const adminUrl = required('LC_TEST_ADMIN_URL');
  const template = required('LC_TEST_TEMPLATE');
  const name = `${process.env.LC_TEST_DATABASE_PREFIX ?? 'lc_t_'}${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A unique BullMQ key prefix per suite, so suites sharing one Redis never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}
