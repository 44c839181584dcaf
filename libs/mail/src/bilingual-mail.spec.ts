import { bilingualMail, escapeHtml } from './bilingual-mail';

describe('bilingualMail', () => {
  it('puts Thai first and English below, in the subject, the text and the HTML', () => {
    const mail = bilingualMail({
      to: 'a@school.example.test',
      subject: { th: 'เกียรติบัตรของคุณ', en: 'Your certificate' },
      th: { text: 'เรียน ครูเอ', html: '<p>เรียน ครูเอ</p>' },
      en: { text: 'Dear Teacher A,', html: '<p>Dear Teacher A,</p>' },
    });

    expect(mail).toEqual({
      to: 'a@school.example.test',
      subject: 'เกียรติบัตรของคุณ | Your certificate',
      text: 'เรียน ครูเอ\n\n---\n\nDear Teacher A,\n',
      html: '<div lang="th"><p>เรียน ครูเอ</p></div><hr><div lang="en"><p>Dear Teacher A,</p></div>',
    });
  });
});

describe('escapeHtml', () => {
  it('makes names and links safe inside elements and attribute values', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    expect(escapeHtml('ครูสมชาย ใจดี')).toBe('ครูสมชาย ใจดี');
  });
});
