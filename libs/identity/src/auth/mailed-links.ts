import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A failed e-mail is tried again by later sweeps, this many times in all, each time with a new token. */
const MAX_SEND_ATTEMPTS = 5;

/** The SHA-256 of a link's token: all the database ever keeps of it. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One kind of single-use link e-mailed to a member (confirming the address, resetting the password). */
export interface MailedLinkKind {
  /** The table of requests (columns id, member_id, mail_state, mail_attempts, token_hash, expires_at, emailed_at). */
  table: 'email_verification' | 'password_reset';
  /** An SQL condition on the member `m`: when it is false the request is dropped instead of sent. */
  stillWanted: string;
  validMinutes: number;
  /** The web app's page the token is for, e.g. `/verify-email`. */
  page: string;
  /** For the log when a send fails. */
  what: string;
}

export interface MailedLink {
  id: string;
  email: string;
  displayName: string;
  url: string;
}

/**
 * In the worker (the community's mail sweep): one batch of pending requests of one kind, under row locks (SKIP
 * LOCKED: several workers share the work). Each gets a fresh token when it is sent, stored only as its SHA-256 with
 * its expiry — so no token is ever kept in the database, the log or a queue, and nothing is sent for a request
 * whose transaction rolled back. A failed send is tried again by a later sweep with a new token, up to
 * MAX_SEND_ATTEMPTS; requests no longer wanted are cancelled. Returns how many rows were taken.
 */
export async function sendPendingLinks(
  dataSource: DataSource,
  webUrl: string,
  kind: MailedLinkKind,
  send: (link: MailedLink) => Promise<void>,
  logger: Logger,
  limit = 50,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const rows: { id: string; email: string; displayName: string; wanted: boolean }[] = await manager.query(
      `SELECT r.id, m.email, m.display_name AS "displayName", (${kind.stillWanted}) AS wanted
       FROM ${kind.table} r JOIN member m ON m.id = r.member_id
       WHERE r.mail_state = 'pending'
       ORDER BY r.id LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
      [limit],
    );
    const web = webUrl.replace(/\/$/, '');
    for (const row of rows) {
      if (!row.wanted) {
        await manager.query(`UPDATE ${kind.table} SET mail_state = 'cancelled' WHERE id = $1`, [row.id]);
        continue;
      }
      const token = randomBytes(32).toString('base64url');
      try {
        await send({
          id: row.id,
          email: row.email,
          displayName: row.displayName,
          url: `${web}${kind.page}?token=${token}`,
        });
      } catch (error) {
        logger.warn({ err: error, id: row.id }, `${kind.what} e-mail not sent`);
        await manager.query(
          `UPDATE ${kind.table} SET mail_attempts = mail_attempts + 1,
             mail_state = CASE WHEN mail_attempts + 1 >= $2 THEN 'failed' ELSE 'pending' END WHERE id = $1`,
          [row.id, MAX_SEND_ATTEMPTS],
        );
        continue;
      }
      await manager.query(
        `UPDATE ${kind.table} SET token_hash = $2, expires_at = now() + make_interval(mins => $3),
           mail_state = 'sent', mail_attempts = mail_attempts + 1, emailed_at = now() WHERE id = $1`,
        [row.id, hashLinkToken(token), kind.validMinutes],
      );
    }
    return rows.length;
  });
}
