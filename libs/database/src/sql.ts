import { EntityManager } from 'typeorm';

/**
 * `UPDATE … RETURNING` / `DELETE … RETURNING` through TypeORM: its query() answers those with `[rows, count]`
 * rather than the rows (INSERT and SELECT give the rows). A guard written as `rows.length === 0` on the raw
 * answer never fires, so every conditional update goes through here.
 */
export async function updateReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
