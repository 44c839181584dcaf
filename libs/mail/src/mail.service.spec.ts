import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lc/core';
import { plainTextOf } from '../../../test/support/mail-files';
import { bilingualMail } from './bilingual-mail';
import { MailService } from './mail.service';

const environment = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
  MAIL_FROM: 'Learning Community <no-reply@lc.example.test>',
};

const certificate = bilingualMail({
  to: 'somchai@school.example.test',
  subject: { th: 'เกียรติบัตรของคุณ', en: 'Your certificate' },
  th: { text: 'เรียน สมชาย\n\nเกียรติบัตรของคุณพร้อมแล้ว', html: '<p>เรียน สมชาย</p>' },
  en: { text: 'Dear Somchai,\n\nYour certificate is ready.', html: '<p>Dear Somchai,</p>' },
});

/** The Subject header, its base64 encoded words decoded (Thai subjects are always encoded). */
function subjectOf(eml: string): string {
  const header = /^Subject: (.*(?:\n .*)*)/m.exec(eml)![1]!;
  const words = [...header.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map((m) => Buffer.from(m[1]!, 'base64'));
  return Buffer.concat(words).toString('utf8');
}

describe('MailService', () => {
  let outer: string;
  let mailDir: string;

  beforeEach(async () => {
    outer = await mkdtemp(join(tmpdir(), 'lc-mail-'));
    mailDir = join(outer, 'mail');
  });

  afterEach(() => rm(outer, { recursive: true, force: true }));

  it('writes each message as <name>.eml into MAIL_DIR (created when missing) with the file transport', async () => {
    const mail = new MailService(loadConfig({ ...environment, MAIL_TRANSPORT: 'file', MAIL_DIR: mailDir }));

    await mail.send(certificate, 'certificate-42');

    expect(await readdir(mailDir)).toEqual(['certificate-42.eml']);
    const eml = await readFile(join(mailDir, 'certificate-42.eml'), 'utf8');
    expect(eml).toMatch(/^From: Learning Community <no-reply@lc\.example\.test>$/m);
    expect(eml).toMatch(/^To: somchai@school\.example\.test$/m);
    expect(subjectOf(eml)).toBe('เกียรติบัตรของคุณ | Your certificate');
    expect(eml).toMatch(/Content-Type: text\/html/);
    expect(plainTextOf(eml).trimEnd()).toBe(
      'เรียน สมชาย\n\nเกียรติบัตรของคุณพร้อมแล้ว\n\n---\n\nDear Somchai,\n\nYour certificate is ready.',
    );
  });

  it('only logs with the log transport: nothing is written', async () => {
    const mail = new MailService(loadConfig({ ...environment, MAIL_TRANSPORT: 'log', MAIL_DIR: mailDir }));

    await mail.send(certificate, 'certificate-43');

    await expect(readdir(mailDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
