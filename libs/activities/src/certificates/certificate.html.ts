import { englishDate, thaiDate } from '@lc/core';
import { html, raw, SafeHtml } from '@lc/pdf';

/** What one certificate prints: everything is read at issue and never changes afterwards. */
export interface CertificateDocument {
  number: string;
  code: string;
  holderName: string;
  event: { title: string; kindTh: string; kindEn: string; startsAt: Date; endsAt: Date };
  organiser: { th: string; en: string };
  signatory: { name: string; title: string };
  issuedAt: Date;
  verifyUrl: string;
  /** The QR of verifyUrl, as an SVG element. */
  qrSvg: string;
}

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Bangkok calendar day of an instant: `2026-12-07`. */
export const bangkokDay = (instant: Date): string =>
  new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);

/** The event's days in Thai, Buddhist Era: `7 ธันวาคม 2569`, or `7 ธันวาคม 2569 – 9 ธันวาคม 2569`. */
export function thaiEventDates(startsAt: Date, endsAt: Date): string {
  const from = bangkokDay(startsAt);
  // An event that ends at midnight ended on the day before.
  const to = bangkokDay(new Date(endsAt.getTime() - 1));
  return from >= to ? thaiDate(from) : `${thaiDate(from)} – ${thaiDate(to)}`;
}

export function englishEventDates(startsAt: Date, endsAt: Date): string {
  const from = bangkokDay(startsAt);
  const to = bangkokDay(new Date(endsAt.getTime() - 1));
  return from >= to ? englishDate(from) : `${englishDate(from)} – ${englishDate(to)}`;
}

/** A4 landscape, no printer margin: the frame is part of the design. */
export const CERTIFICATE_CSS = `
@page { size: A4 landscape; margin: 0; }
.cert { box-sizing: border-box; width: 297mm; height: 210mm; padding: 10mm; position: relative; overflow: hidden; }
.frame { box-sizing: border-box; height: 100%; border: 3mm double #1d4e89; padding: 9mm 16mm 8mm; text-align: center; position: relative; }
.org { font-size: 15pt; font-weight: 700; color: #1d4e89; line-height: 1.35; }
.org .en { display: block; font-size: 10pt; font-weight: 400; color: #52606d; }
h1 { font-size: 40pt; margin: 4mm 0 0; line-height: 1.3; color: #9a6b00; letter-spacing: 1px; }
.h1en { font-size: 12pt; color: #52606d; margin-bottom: 3mm; letter-spacing: 3px; }
.given { font-size: 14pt; margin-top: 2mm; }
.given .en { font-size: 10pt; color: #52606d; }
.holder { font-size: 28pt; font-weight: 700; margin: 1mm 0 2mm; line-height: 1.35; overflow-wrap: break-word; }
.for { font-size: 14pt; line-height: 1.45; }
.title { font-size: 18pt; font-weight: 700; color: #1d4e89; margin: 1mm 8mm; line-height: 1.4; overflow-wrap: break-word; }
.date { font-size: 14pt; margin-top: 1mm; }
.en-line { font-size: 10pt; color: #52606d; line-height: 1.35; }
.sign { position: absolute; left: 0; right: 0; bottom: 8mm; text-align: center; }
.sign .line { width: 70mm; border-top: 1px solid #3e4c59; margin: 12mm auto 1mm; }
.sign .name { font-size: 14pt; font-weight: 700; }
.sign .role { font-size: 12pt; }
.verify { position: absolute; right: 8mm; bottom: 6mm; width: 34mm; text-align: center; font-size: 8pt; color: #3e4c59; line-height: 1.3; }
.verify svg { width: 30mm; height: 30mm; display: block; margin: 0 auto 1mm; }
.verify .code { font-size: 11pt; font-weight: 700; letter-spacing: 1px; color: #1d4e89; }
.number { position: absolute; left: 8mm; bottom: 7mm; text-align: left; font-size: 10pt; color: #3e4c59; line-height: 1.35; }
.number b { font-size: 11pt; color: #111; }
`;

/** One certificate (one sheet): Thai first, English beneath in smaller type; Buddhist Era dates. */
export function certificateHtml(doc: CertificateDocument): SafeHtml {
  const issuedDay = bangkokDay(doc.issuedAt);
  return html`<div class="cert">
    <div class="frame">
      <div class="org">${doc.organiser.th}<span class="en">${doc.organiser.en}</span></div>
      <h1>เกียรติบัตร</h1>
      <div class="h1en">CERTIFICATE</div>
      <div class="given">ขอมอบเกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า <span class="en">This is to certify that</span></div>
      <div class="holder">${doc.holderName}</div>
      <div class="for">ได้ผ่านการเข้าร่วม${/^[A-Za-z]/.test(doc.event.kindTh) ? ' ' : ''}${doc.event.kindTh}</div>
      <div class="title">${doc.event.title}</div>
      <div class="date">เมื่อ ${thaiEventDates(doc.event.startsAt, doc.event.endsAt)}</div>
      <div class="en-line">
        has completed the ${doc.event.kindEn} above,
        ${englishEventDates(doc.event.startsAt, doc.event.endsAt)}
      </div>
      <div class="sign">
        <div class="line"></div>
        <div class="name">(${doc.signatory.name})</div>
        <div class="role">${doc.signatory.title}</div>
      </div>
      <div class="number">
        เลขที่ <b>${doc.number}</b><br />
        ให้ไว้ ณ วันที่ ${thaiDate(issuedDay)}<br />
        <span class="en-line">No. ${doc.number} · issued ${englishDate(issuedDay)}</span>
      </div>
      <div class="verify">
        ${raw(doc.qrSvg)}
        <div>ตรวจสอบเกียรติบัตร · Verify</div>
        <div class="code">${doc.code}</div>
      </div>
    </div>
  </div>`;
}
