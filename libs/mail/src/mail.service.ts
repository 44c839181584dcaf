import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@lc/core';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends e-mail with nodemailer: SMTP in production (SMTP_URL), or — for development and tests — each message
 * written as an .eml file into MAIL_DIR, or only logged.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport =
      config.MAIL_TRANSPORT === 'smtp'
        ? createTransport(config.SMTP_URL!)
        : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: Mail, name: string): Promise<void> {
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
    if (this.config.MAIL_TRANSPORT === 'file') {
      await mkdir(this.config.MAIL_DIR, { recursive: true });
      await writeFile(join(this.config.MAIL_DIR, `${name}.eml`), (info as { message: Buffer }).message);
    } else if (this.config.MAIL_TRANSPORT === 'log') {
      this.logger.log({ to: mail.to, subject: mail.subject }, 'e-mail (log transport, not sent)');
    }
  }
}
