export { MailModule } from './mail.module';
export { MailService } from './mail.service';
export type { Mail } from './mail.service';
export { bilingualMail, escapeHtml } from './bilingual-mail';
export type { BilingualMailContent, MailPart } from './bilingual-mail';
