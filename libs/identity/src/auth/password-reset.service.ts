import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, uuidv7 } from '@lc/core';
import { SharedRedis } from '@lc/messaging';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityErrors } from '../identity-errors';
import { MembersRepository } from '../members/members.repository';
import { assertAcceptablePassword, hashPassword } from '../passwords/password-policy';
import { SessionsRepository } from '../sessions/sessions.repository';
import { hashLinkToken, sendPendingLinks } from './mailed-links';
import { addressKey } from './registration-throttle.service';
import { takeFromWindows } from './window-counters';

/** How long a reset link works once it has been e-mailed. */
export const PASSWORD_RESET_MINUTES = 30;
/** Reset requests counted per window of this length, per e-mail address and per client address. */
export const PASSWORD_RESET_WINDOW_SECONDS = 3600;
/** Requests for one e-mail address per window (whether or not it belongs to a member). */
export const PASSWORD_RESET_PER_EMAIL = 3;
/** Requests from one client address (an IPv6 client by its /64) per window: a school's network shares one. */
export const PASSWORD_RESET_PER_IP = 30;

/** A reset link, as the worker hands it to the mail transport. */
export interface PasswordResetLink {
  resetId: string;
  email: string;
  displayName: string;
  url: string;
  validMinutes: number;
}

export const hashPasswordResetToken = hashLinkToken;

/**
 * "Forgot my password". The api only records a request (a `pending` row) for an active member's address and
 * answers the same whether or not there is one; the worker's mail sweep makes the token when it sends the e-mail
 * and stores just its SHA-256 (as for e-mail confirmation). A token sets a new password once, within
 * PASSWORD_RESET_MINUTES, and ends every session of the member.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: SharedRedis,
  ) {}

  /**
   * Counted per address and per e-mail before anything else (429 past either limit, for any address, known or
   * not); then one statement that writes a pending row only if an active member has this address, so both cases
   * cost the same single query.
   */
  async request(email: string, ip: string): Promise<void> {
    const normalised = email.trim().toLowerCase();
    const prefix = `${this.config.QUEUE_PREFIX}:throttle:password-reset`;
    const retryAfter = await takeFromWindows(this.redis.client, PASSWORD_RESET_WINDOW_SECONDS, [
      { key: `${prefix}:ip:${addressKey(ip)}`, limit: PASSWORD_RESET_PER_IP },
      {
        key: `${prefix}:email:${createHash('sha256').update(normalised).digest('hex')}`,
        limit: PASSWORD_RESET_PER_EMAIL,
      },
    ]);
    if (retryAfter > 0)
      throw new DomainError(IdentityErrors.AUTH_PASSWORD_RESET_LIMITED, undefined, { retryAfter });
    await this.dataSource.query(
      `INSERT INTO password_reset (id, member_id)
       SELECT $1::uuid, id FROM member WHERE lower(email) = $2 AND status = 'active' LIMIT 1`,
      [uuidv7(), normalised],
    );
  }

  /**
   * The link's token sets a new password (the registration policy applies), once; an unknown token, or one of a
   * member who is no longer active, is refused (400), a used or expired one too (410). Every other link of the
   * member stops working and every session ends.
   */
  async confirm(token: string, password: string): Promise<void> {
    const hash = hashPasswordResetToken(token);
    await this.dataSource.transaction(async (manager) => {
      const [row]: {
        id: string;
        memberId: string;
        email: string;
        expired: boolean;
        used: boolean;
        status: string;
      }[] = await manager.query(
        `SELECT r.id, r.member_id AS "memberId", m.email, r.expires_at <= now() AS expired,
                r.used_at IS NOT NULL AS used, m.status
         FROM password_reset r JOIN member m ON m.id = r.member_id
         WHERE r.token_hash = $1 FOR UPDATE OF r, m`,
        [hash],
      );
      if (!row || row.status !== 'active')
        throw new DomainError(IdentityErrors.AUTH_PASSWORD_RESET_TOKEN_INVALID);
      if (row.used) throw new DomainError(IdentityErrors.AUTH_PASSWORD_RESET_TOKEN_USED);
      if (row.expired) throw new DomainError(IdentityErrors.AUTH_PASSWORD_RESET_TOKEN_EXPIRED);
      assertAcceptablePassword(password, row.email);
      await this.members.setPassword(manager, row.memberId, await hashPassword(password));
      await manager.query(`UPDATE password_reset SET used_at = now() WHERE id = $1`, [row.id]);
      // Other links of the member stop working: those sent expire, those not sent yet are not sent.
      await manager.query(
        `UPDATE password_reset SET expires_at = least(expires_at, now())
         WHERE member_id = $1 AND id <> $2 AND mail_state = 'sent' AND used_at IS NULL`,
        [row.memberId, row.id],
      );
      await manager.query(
        `UPDATE password_reset SET mail_state = 'cancelled' WHERE member_id = $1 AND mail_state = 'pending'`,
        [row.memberId],
      );
      await this.sessions.revokeAllSessions(manager, row.memberId, 'password_reset');
      await this.audit.record(manager, {
        actorId: row.memberId,
        action: 'member.password_reset',
        targetType: 'member',
        targetId: row.memberId,
      });
    });
  }

  /** In the worker's mail sweep: one batch of reset e-mails (see `sendPendingLinks` in mailed-links.ts). */
  sendPendingLinks(send: (link: PasswordResetLink) => Promise<void>, limit = 50): Promise<number> {
    return sendPendingLinks(
      this.dataSource,
      this.config.WEB_URL,
      {
        table: 'password_reset',
        // Dropped when the member is no longer active.
        stillWanted: `m.status = 'active'`,
        validMinutes: PASSWORD_RESET_MINUTES,
        page: '/reset-password',
        what: 'password reset',
      },
      ({ id, ...link }) => send({ resetId: id, ...link, validMinutes: PASSWORD_RESET_MINUTES }),
      this.logger,
      limit,
    );
  }
}
