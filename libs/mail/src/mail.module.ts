import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** MailService for the contexts that send e-mail (the transport is chosen by MAIL_TRANSPORT). */
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
