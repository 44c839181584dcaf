import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { Schedule } from '@lc/messaging';
import { MailService } from '@lc/mail';
import { digestMail, notificationMail, PendingMail } from './mail-templates';

const BATCH = 50;
const MAX_ATTEMPTS = 5;

/**
 * In the worker: sends the e-mail notifications wait for (rows marked `pending` by the subscriber, so only after
 * their commit), a batch at a time under row locks (SKIP LOCKED: several workers share the work), and the daily
 * digest, once per member and Bangkok day (the digest_sent key). (Identity sends its own links: identity.mail.)
 * Swept every MAIL_SWEEP_MS by the worker's scheduler (libs/messaging/src/schedules), once per tick across replicas.
 */
@Injectable()
export class MailRunner {
  private readonly logger = new Logger(MailRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Schedule({ name: 'community.mail', every: 'MAIL_SWEEP_MS', failureMessage: 'mail sweep failed' })
  async sendWaiting(): Promise<void> {
    await this.sweep();
  }

  async sweep(now = new Date()): Promise<{ sent: number; digests: number }> {
    let sent = 0;
    for (;;) {
      const batch = await this.sendPending();
      sent += batch;
      if (batch < BATCH) break;
    }
    const bangkokHour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone: 'Asia/Bangkok' }).format(
        now,
      ),
    );
    const digests = bangkokHour >= this.config.DIGEST_HOUR ? await this.sendDigests(now) : 0;
    return { sent, digests };
  }

  /** One batch of pending notification e-mail; returns how many were taken. */
  async sendPending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingMail[] = await manager.query(
        `SELECT n.id, n.type, n.data, n.email_attempts AS attempts, m.email, m.display_name AS "displayName"
         FROM notification n JOIN member m ON m.id = n.member_id
         WHERE n.email_state = 'pending' AND m.status = 'active'
         ORDER BY n.id LIMIT ${BATCH} FOR UPDATE OF n SKIP LOCKED`,
      );
      for (const row of rows) {
        let state = 'sent';
        try {
          await this.mail.send(notificationMail(row, this.config.WEB_URL), `notification-${row.id}`);
        } catch (error) {
          state = row.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending';
          this.logger.warn({ err: error, notificationId: row.id }, 'notification e-mail not sent');
        }
        await manager.query(
          `UPDATE notification SET email_state = $2, email_attempts = email_attempts + 1,
             emailed_at = CASE WHEN $2 = 'sent' THEN now() ELSE emailed_at END WHERE id = $1`,
          [row.id, state],
        );
      }
      return rows.length;
    });
  }

  /**
   * The daily digest: members who chose it and have unread in-app notifications from the last day get one
   * e-mail listing them, once per Bangkok day.
   */
  async sendDigests(now = new Date()): Promise<number> {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now);
    const members: { memberId: string }[] = await this.dataSource.query(
      `SELECT p.member_id AS "memberId" FROM notification_preference p JOIN member m ON m.id = p.member_id
       WHERE p.digest = 'daily' AND m.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM digest_sent d WHERE d.member_id = p.member_id AND d.day = $1::date)
         AND EXISTS (SELECT 1 FROM notification n WHERE n.member_id = p.member_id AND n.in_app AND n.read_at IS NULL
                       AND n.created_at > $2::timestamptz - interval '1 day')`,
      [day, now],
    );
    let sent = 0;
    for (const { memberId } of members) {
      const done = await this.dataSource.transaction(async (manager) => {
        const items: { id: string; type: string; data: PendingMail['data'] }[] = await manager.query(
          `SELECT id, type, data FROM notification WHERE member_id = $1 AND in_app AND read_at IS NULL
             AND created_at > $2::timestamptz - interval '1 day' ORDER BY id DESC LIMIT 20`,
          [memberId, now],
        );
        const claimed: unknown[] = await manager.query(
          `INSERT INTO digest_sent (member_id, day, notifications) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING RETURNING member_id`,
          [memberId, day, items.length],
        );
        if (claimed.length === 0 || items.length === 0) return false;
        const [member] = await manager.query(
          `SELECT email, display_name AS "displayName" FROM member WHERE id = $1`,
          [memberId],
        );
        // Sent inside the claim's transaction: if sending fails, the claim rolls back and the next sweep retries.
        await this.mail.send(
          digestMail(member, items, day, this.config.WEB_URL),
          `digest-${day}-${memberId}`,
        );
        return true;
      });
      if (done) sent++;
    }
    return sent;
  }
}
