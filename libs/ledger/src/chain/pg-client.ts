import type { CustomTypesConfig, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/** Every column as the server's text (no Date or number parsing): the chain code formats values in SQL. */
export const RAW_TEXT = { getTypeParser: () => (value: string) => value } as unknown as CustomTypesConfig;

/**
 * One pooled connection of the DataSource, as the plain `pg` client (same role and settings as the app's),
 * for array-mode queries and explicit transactions in a tight loop.
 */
export async function withPgClient<T>(
  dataSource: DataSource,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    return await work(client);
  } finally {
    await runner.release();
  }
}

export async function queryRows(
  client: PoolClient,
  text: string,
  values: unknown[] = [],
): Promise<(string | null)[][]> {
  const result = await client.query<(string | null)[]>({ text, values, rowMode: 'array', types: RAW_TEXT });
  return result.rows;
}
