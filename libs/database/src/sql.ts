import { EntityManager } from 'typeorm';
import { DomainError, isErrorCode } from '@lc/core';

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

const preparedTexts = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection instead of on every call (a named prepared
 * statement of the pg driver). For the statements every request runs: under load, planning them again each
 * time was a third of the database's CPU on the redemption path (bench:redeem). Pass the result to
 * `manager.query()` like SQL text. The name must be unique: one name, one text.
 */
export function prepared(name: string, text: string): string {
  const known = preparedTexts.get(name);
  if (known !== undefined && known !== text)
    throw new Error(`Prepared statement ${name} is already defined with another text`);
  preparedTexts.set(name, text);
  // pg's client.query() takes a {name, text} config where TypeORM passes the SQL string through unchanged.
  return { name, text, toString: () => text } as unknown as string;
}

/**
 * The SQLSTATE with which the database's own write paths (PL/pgSQL functions) refuse a request: the message is
 * the platform's error code (`LEDGER_INSUFFICIENT_POINTS`), the detail, if any, what is specific to it.
 */
export const REFUSAL_SQLSTATE = 'LC001';

export interface DatabaseRefusal {
  code: string;
  detail?: string;
}

/**
 * The error a refusal code from the database stands for: its DomainError when the code is registered, else a
 * plain error naming it (a 500 that says which function raised an unregistered code; test/foundation checks
 * that every code the functions raise is registered).
 */
export function refusalError(code: string, detail?: string): Error {
  if (isErrorCode(code)) return new DomainError(code, detail);
  return new Error(
    `The database refused with an unregistered error code ${code}${detail ? `: ${detail}` : ''}`,
  );
}

/** The refusal a database error carries, or null when it is some other error. */
export function refusalOf(error: unknown): DatabaseRefusal | null {
  const e = error as { code?: unknown; message?: unknown; detail?: unknown; driverError?: unknown };
  const cause = (e?.driverError ?? e) as { code?: unknown; message?: unknown; detail?: unknown };
  if (cause?.code !== REFUSAL_SQLSTATE || typeof cause.message !== 'string') return null;
  return { code: cause.message, ...(typeof cause.detail === 'string' ? { detail: cause.detail } : {}) };
}
