import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, uuidv7 } from '@lc/core';
import { Actor } from '../actor';
import { AuditRepository } from '../audit/audit.repository';
import { hashLinkToken, sendPendingLinks } from '../auth/mailed-links';
import { IdentityErrors } from '../identity-errors';

/** Confirmation e-mails one member may have sent per hour, the one sent at registration included. */
export const VERIFICATION_MAILS_PER_HOUR = 3;

/** A confirmation link, as the worker hands it to the mail transport. */
export interface VerificationLink {
  verificationId: string;
  email: string;
  displayName: string;
  url: string;
  validHours: number;
}

export const hashVerificationToken = hashLinkToken;

/**
 * Confirmation of a member's e-mail address. While it is not confirmed, the member's actions earn and give no
 * points (the ledger's award query reads `member.email_verified_at`); confirming later does not pay back what
 * earlier actions would have earned, it only lets later ones count.
 *
 * The api only asks for a link (a `pending` row, in the caller's transaction); the worker's mail sweep makes the
 * token when it sends the e-mail and stores just its SHA-256, so no token is ever kept in the database, the log
 * or a queue, and nothing is sent for a transaction that rolled back.
 */
@Injectable()
export class EmailVerificationService {
  private readonly logger = new Logger(EmailVerificationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether a new member must confirm the address before their actions count (false: confirmed at once). */
  get required(): boolean {
    return this.config.EMAIL_VERIFICATION_REQUIRED;
  }

  /** A confirmation e-mail for the worker to send once the caller's transaction commits. */
  async requestLink(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`INSERT INTO email_verification (id, member_id) VALUES ($1, $2)`, [
      uuidv7(),
      memberId,
    ]);
  }

  /** "Send me a new link": for a signed-in member whose address is not confirmed yet, a few times an hour. */
  async resend(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The member's row is locked so that concurrent requests are counted one after the other.
      const [member]: { verified: boolean }[] = await manager.query(
        `SELECT email_verified_at IS NOT NULL AS verified FROM member WHERE id = $1 AND status = 'active' FOR UPDATE`,
        [actor.memberId],
      );
      if (!member) throw new DomainError(IdentityErrors.IDENTITY_MEMBER_NOT_FOUND);
      if (member.verified) throw new DomainError(IdentityErrors.AUTH_EMAIL_ALREADY_VERIFIED);
      const [recent]: { count: number; retryAfter: number | null }[] = await manager.query(
        `SELECT count(*)::int AS count,
                ceil(extract(epoch FROM min(created_at) + interval '1 hour' - now()))::int AS "retryAfter"
         FROM email_verification WHERE member_id = $1 AND created_at > now() - interval '1 hour'`,
        [actor.memberId],
      );
      if (recent!.count >= VERIFICATION_MAILS_PER_HOUR)
        throw new DomainError(IdentityErrors.AUTH_VERIFICATION_MAIL_LIMITED, undefined, {
          retryAfter: Math.max(recent!.retryAfter ?? 1, 1),
        });
      await this.requestLink(manager, actor.memberId);
    });
  }

  /** The link's token confirms the address, once; an unknown, used or expired token is refused. */
  async confirm(token: string): Promise<{ emailVerified: true }> {
    const hash = hashVerificationToken(token);
    await this.dataSource.transaction(async (manager) => {
      const [row]: {
        id: string;
        memberId: string;
        expired: boolean;
        used: boolean;
        status: string;
        verified: boolean;
      }[] = await manager.query(
        `SELECT v.id, v.member_id AS "memberId", v.expires_at <= now() AS expired, v.used_at IS NOT NULL AS used,
                m.status, m.email_verified_at IS NOT NULL AS verified
         FROM email_verification v JOIN member m ON m.id = v.member_id
         WHERE v.token_hash = $1 FOR UPDATE OF v, m`,
        [hash],
      );
      if (!row || row.status !== 'active')
        throw new DomainError(IdentityErrors.AUTH_VERIFICATION_TOKEN_INVALID);
      if (row.used) throw new DomainError(IdentityErrors.AUTH_VERIFICATION_TOKEN_USED);
      if (row.expired) throw new DomainError(IdentityErrors.AUTH_VERIFICATION_TOKEN_EXPIRED);
      await manager.query(`UPDATE email_verification SET used_at = now() WHERE id = $1`, [row.id]);
      // Links asked for but not sent yet are no longer needed.
      await manager.query(
        `UPDATE email_verification SET mail_state = 'cancelled' WHERE member_id = $1 AND mail_state = 'pending'`,
        [row.memberId],
      );
      if (row.verified) return;
      await manager.query(
        `UPDATE member SET email_verified_at = now(), updated_at = now() WHERE id = $1 AND email_verified_at IS NULL`,
        [row.memberId],
      );
      await this.audit.record(manager, {
        actorId: row.memberId,
        action: 'member.email_verified',
        targetType: 'member',
        targetId: row.memberId,
      });
    });
    return { emailVerified: true };
  }

  /** In the worker's mail sweep: one batch of confirmation e-mails (see `sendPendingLinks` in mailed-links.ts). */
  sendPendingLinks(send: (link: VerificationLink) => Promise<void>, limit = 50): Promise<number> {
    const validHours = this.config.EMAIL_VERIFICATION_HOURS;
    return sendPendingLinks(
      this.dataSource,
      this.config.WEB_URL,
      {
        table: 'email_verification',
        // Dropped once the member confirmed meanwhile, or is no longer active.
        stillWanted: `m.status = 'active' AND m.email_verified_at IS NULL`,
        validMinutes: validHours * 60,
        page: '/verify-email',
        what: 'confirmation',
      },
      ({ id, ...link }) => send({ verificationId: id, ...link, validHours }),
      this.logger,
      limit,
    );
  }
}
