import { attachmentDisposition, displayFileName, MAX_FILE_NAME_LENGTH } from './file-name';

describe('displayFileName: a name to show, never a path', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system32\\cmd.exe', 'cmd.exe'],
    ['C:\\Users\\ครู\\แผนการสอน.pdf', 'แผนการสอน.pdf'],
    ['/etc/', 'file'],
    ['..', 'file'],
    ['', 'file'],
    [undefined, 'file'],
    ['  report.pdf  ', 'report.pdf'],
    ['bad\u0000name\r\n.pdf', 'badname.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
  ])('%j becomes %j', (raw, expected) => {
    expect(displayFileName(raw)).toBe(expected);
  });

  it('normalises to NFC, so the same Thai or accented name is stored the same way', () => {
    const decomposed = 'cafe\u0301.pdf';
    expect(displayFileName(decomposed)).toBe('caf\u00e9.pdf');
  });

  it('shortens long names before their extension, without splitting characters', () => {
    const long = `${'ก'.repeat(400)}.docx`;
    const shown = displayFileName(long);
    expect(Array.from(shown)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(shown.endsWith('ก.docx')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('always downloads, with the UTF-8 name encoded and an ASCII fallback', () => {
    expect(attachmentDisposition('แผน "ก" (1).pdf')).toBe(
      `attachment; filename="___ ___ (1).pdf"; filename*=UTF-8''` +
        `%E0%B9%81%E0%B8%9C%E0%B8%99%20%22%E0%B8%81%22%20%281%29.pdf`,
    );
    expect(attachmentDisposition('passwd')).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
  });
});
