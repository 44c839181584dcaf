import { Injectable } from '@nestjs/common';
import { MailService } from '@lc/mail';
import { Schedule } from '@lc/messaging';
import { PasswordResetService } from './auth/password-reset.service';
import { emailConfirmationMail, passwordResetMail } from './mail/identity-mail-templates';
import { EmailVerificationService } from './members/email-verification.service';

const BATCH = 50;

/**
 * Identity's periodic work, in the worker: e-mails the links members wait for — the one that confirms their address
 * (written with the registration or a request for a new link) and the one that sets a new password — a batch at a
 * time, only after the rows commit. Identity makes each token and keeps only its hash (`sendPendingLinks`).
 */
@Injectable()
export class IdentitySchedules {
  constructor(
    private readonly mail: MailService,
    private readonly verification: EmailVerificationService,
    private readonly passwordResets: PasswordResetService,
  ) {}

  @Schedule({ name: 'identity.mail', every: 'MAIL_SWEEP_MS', failureMessage: 'identity mail sweep failed' })
  async sendLinks(): Promise<{ confirmations: number; passwordResets: number }> {
    return { confirmations: await this.sendConfirmations(), passwordResets: await this.sendPasswordResets() };
  }

  async sendConfirmations(): Promise<number> {
    let taken = 0;
    for (;;) {
      const batch = await this.verification.sendPendingLinks(
        (link) => this.mail.send(emailConfirmationMail(link), `confirmation-${link.verificationId}`),
        BATCH,
      );
      taken += batch;
      if (batch < BATCH) return taken;
    }
  }

  async sendPasswordResets(): Promise<number> {
    let taken = 0;
    for (;;) {
      const batch = await this.passwordResets.sendPendingLinks(
        (link) => this.mail.send(passwordResetMail(link), `password-reset-${link.resetId}`),
        BATCH,
      );
      taken += batch;
      if (batch < BATCH) return taken;
    }
  }
}
