import { englishDate, thaiDate, thaiDateTime, thaiNumber, thaiShortDate } from '@lc/core';
import { html, raw, SafeHtml } from '@lc/pdf';
import type { EvidenceData } from './evidence.data';

/**
 * The evidence of a member's work for a fiscal year, shaped for a teacher's performance agreement (PA) and academic
 * standing (วิทยฐานะ) file: who, which year, the numbers, the innovations with their quality and reach, where they
 * were adopted, endorsements, badges, certificates and the ID PLAN with its progress; a QR and a code on every copy
 * lead to the public page that confirms it. Thai first, English beneath in smaller type; Buddhist Era dates.
 */
export const EVIDENCE_CSS = `
@page { size: A4; @bottom-right { content: "หน้า " counter(page) " / " counter(pages); font-family: Sarabun, sans-serif; font-size: 9pt; color: #52606d; } }
body { font-size: 11pt; line-height: 1.45; }
h1, h2, h3 { margin: 0; line-height: 1.5; }
.en { color: #52606d; font-size: 9pt; font-weight: 400; }
.head { display: flex; justify-content: space-between; gap: 12px; border-bottom: 2px solid #1d4e89; padding-bottom: 8px; }
.head h1 { font-size: 17pt; color: #1d4e89; }
.head .who { font-size: 14pt; font-weight: 700; margin-top: 4px; }
.head .verify { text-align: center; font-size: 8.5pt; color: #3e4c59; width: 128px; flex: none; }
.head .verify svg { width: 112px; height: 112px; display: block; margin: 0 auto 2px; }
.head .verify .code { font-size: 11pt; font-weight: 700; letter-spacing: 1px; color: #1d4e89; }
.meta { font-size: 10pt; color: #3e4c59; margin-top: 4px; }
.meta div { margin: 1px 0; }
section { margin-top: 10px; }
section > h3 { font-size: 13pt; color: #1d4e89; border-bottom: 1px solid #cbd2d9; padding: 4px 0 2px; margin-bottom: 6px; break-after: avoid; }
section > h3 .en { margin-left: 6px; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.tile { border: 1px solid #cbd2d9; border-radius: 6px; padding: 5px 7px; break-inside: avoid; }
.tile .label { font-size: 9pt; color: #3e4c59; line-height: 1.3; }
.tile .label .en { display: block; font-size: 7.5pt; }
.tile .value { font-size: 15pt; font-weight: 700; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10pt; }
table.data th, table.data td { border: 1px solid #cbd2d9; padding: 3px 5px; vertical-align: top; overflow-wrap: break-word; }
table.data th { background: #e8eef7; font-size: 9.5pt; line-height: 1.25; }
table.data th .en { display: block; font-size: 7.5pt; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data tr { break-inside: avoid; }
.none { color: #52606d; font-style: italic; }
.foot { margin-top: 14px; font-size: 9pt; color: #3e4c59; border-top: 1px solid #cbd2d9; padding-top: 6px; }
`;

const both = (th: string, en: string): SafeHtml => html`${th} <span class="en">${en}</span>`;
const head = (th: string, en: string): SafeHtml => html`<th>${th}<span class="en">${en}</span></th>`;
const none = (th: string, en: string): SafeHtml => html`<p class="none">${th} (${en})</p>`;

export function evidenceHtml(data: EvidenceData): SafeHtml {
  const t = data.totals;
  const tile = (th: string, en: string, value: number) =>
    html`<div class="tile">
      <div class="label">${th}<span class="en">${en}</span></div>
      <div class="value">${thaiNumber(value)}</div>
    </div>`;
  return html` <div class="head">
      <div>
        <h1>${both('หลักฐานผลงานการจัดการเรียนรู้เชิงรุก', 'Evidence of Active Learning work')}</h1>
        <div class="who">${data.member.displayName}</div>
        <div class="meta">
          <div>
            ${both(`${data.member.memberKind.th} · ระดับ${data.member.level.th}`, `${data.member.memberKind.en} · ${data.member.level.en}`)}
          </div>
          ${data.member.school ? html`<div>${data.member.school}${data.member.area ? html` · ${data.member.area}` : ''}</div>` : ''}
          <div>
            ${both(data.fiscalYear.th, data.fiscalYear.en)}: ${thaiDate(data.fiscalYear.from)} –
            ${thaiDate(data.fiscalYear.to)}
          </div>
          <div>
            ${both(`ออกเอกสารเมื่อ ${thaiDateTime(data.generatedAt)}`, `issued ${englishDate(data.generatedAt.slice(0, 10))}`)}
          </div>
        </div>
      </div>
      <div class="verify">
        ${raw(data.qrSvg)}
        <div>ตรวจสอบเอกสาร <span class="en">Verify</span></div>
        <div class="code">${data.code}</div>
      </div>
    </div>

    <section>
      <h3>${both('สรุปผลงานในปีงบประมาณ', 'The year in numbers')}</h3>
      <div class="tiles">
        ${tile('นวัตกรรมที่เผยแพร่', 'Innovations published', t.innovationsPublished)}
        ${tile('ครูโรงเรียนอื่นนำไปใช้', 'Adoptions by other schools', t.adoptions)}
        ${tile('โรงเรียนที่นำไปใช้', 'Schools that adopted', t.adoptingSchools)}
        ${tile('การรับรองจากภาคีเครือข่าย', 'Partner endorsements', t.endorsements)}
        ${tile('การให้คะแนนและความคิดเห็น', 'Feedback given', t.feedbackGiven)}
        ${tile('พอยท์ที่ได้รับ', 'Points earned', t.pointsEarned)} ${tile('เหรียญตรา', 'Badges', t.badges)}
        ${tile('เกียรติบัตร', 'Certificates', data.certificates.length)}
      </div>
    </section>

    <section>
      <h3>${both('นวัตกรรมการเรียนรู้', 'Innovations')}</h3>
      ${
        data.innovations.length
          ? html`<table class="data">
              <colgroup>
                <col style="width:44%" />
                <col style="width:16%" />
                <col style="width:14%" />
                <col style="width:13%" />
                <col style="width:13%" />
              </colgroup>
              <tr>
                ${head('ชื่อนวัตกรรม', 'Title')}${head('วันที่เผยแพร่', 'Published')}${head('คะแนนเฉลี่ย (จำนวน)', 'Rating (count)')}${head('การนำไปใช้', 'Adoptions')}${head('การรับรอง', 'Endorsements')}
              </tr>
              ${data.innovations.map(
                (i) =>
                  html`<tr>
                    <td>${i.title}</td>
                    <td>${thaiShortDate(i.publishedOn)}</td>
                    <td class="num">
                      ${i.averageRating === null ? '–' : thaiNumber(i.averageRating, 2)}
                      (${thaiNumber(i.ratings)})
                    </td>
                    <td class="num">${thaiNumber(i.adoptions)}</td>
                    <td class="num">${thaiNumber(i.endorsements)}</td>
                  </tr>`,
              )}
            </table>`
          : none('ไม่มีนวัตกรรมที่เผยแพร่ในปีงบประมาณนี้', 'none published this year')
      }
    </section>

    <section>
      <h3>${both('การนำไปใช้และการรับรอง', 'Adoptions and endorsements')}</h3>
      ${
        data.adoptions.length
          ? html`<table class="data">
              <tr>
                ${head('นวัตกรรม', 'Innovation')}${head('โรงเรียนที่นำไปใช้', 'School')}${head('วันที่ใช้', 'Used on')}
              </tr>
              ${data.adoptions.map(
                (a) =>
                  html`<tr>
                    <td>${a.innovation}</td>
                    <td>${a.school ?? '–'}</td>
                    <td>${thaiShortDate(a.usedOn)}</td>
                  </tr>`,
              )}
            </table>`
          : none('ยังไม่มีรายงานการนำไปใช้ในปีงบประมาณนี้', 'no adoptions reported this year')
      }
      ${
        data.endorsements.length
          ? html`<table class="data" style="margin-top:6px">
              <tr>
                ${head('นวัตกรรม', 'Innovation')}${head('ภาคีเครือข่าย', 'Partner')}${head('วันที่รับรอง', 'Endorsed on')}
              </tr>
              ${data.endorsements.map(
                (e) =>
                  html`<tr>
                    <td>${e.innovation}</td>
                    <td>${e.partner}</td>
                    <td>${thaiShortDate(e.on)}</td>
                  </tr>`,
              )}
            </table>`
          : ''
      }
    </section>

    <section>
      <h3>${both('เหรียญตราและเกียรติบัตร', 'Badges and certificates')}</h3>
      ${
        data.badges.length
          ? html`<table class="data">
              <tr>
                ${head('เหรียญตรา', 'Badge')}${head('วันที่ได้รับ', 'Awarded')}${head('ตรวจสอบได้ที่', 'Verifiable credential')}
              </tr>
              ${data.badges.map(
                (b) =>
                  html`<tr>
                    <td>${both(b.th, b.en)}</td>
                    <td>${thaiShortDate(b.awardedOn)}</td>
                    <td style="font-size:8pt">${b.credentialUrl ?? '–'}</td>
                  </tr>`,
              )}
            </table>`
          : none('ยังไม่มีเหรียญตรา', 'no badges yet')
      }
      ${data.certificates.length ? '' : none('ยังไม่มีเกียรติบัตรจากการอบรมหรือเวทีแลกเปลี่ยน', 'no certificates yet')}
    </section>

    <section>
      <h3>${both('แผนพัฒนาตนเองรายบุคคล (ID PLAN)', 'Individual development plan')}</h3>
      ${
        data.plan
          ? html`<div>
                <strong>${data.plan.title}</strong> ·
                ${both(`ความก้าวหน้า ร้อยละ ${data.plan.progress}`, `progress ${data.plan.progress}%`)}
              </div>
              <table class="data" style="margin-top:4px">
                <tr>
                  ${head('สมรรถนะที่มุ่งพัฒนา', 'Competency to grow')}${head('ระดับเป้าหมาย', 'Target level')}
                </tr>
                ${data.plan.goals.map(
                  (g) =>
                    html`<tr>
                      <td>${both(g.th, g.en)}</td>
                      <td class="num">${g.targetLevel} / 5</td>
                    </tr>`,
                )}
              </table>
              <table class="data" style="margin-top:6px">
                <tr>
                  ${head('กิจกรรม', 'Activity')}${head('กำหนดเสร็จ', 'Due')}${head('สถานะ', 'Status')}
                </tr>
                ${data.plan.activities.map(
                  (a) =>
                    html`<tr>
                      <td>${a.title}</td>
                      <td>${a.dueOn ? thaiShortDate(a.dueOn) : '–'}</td>
                      <td>${a.done ? both('เสร็จแล้ว', 'done') : both('กำลังดำเนินการ', 'in progress')}</td>
                    </tr>`,
                )}
              </table>
              ${data.plan.checkIns.map(
                (c) =>
                  html`<p style="margin:4px 0">
                    <strong>${thaiShortDate(c.on)} (${c.progress}%)</strong> ${c.reflection}
                  </p>`,
              )}`
          : none('ไม่มีแผนพัฒนาตนเองของปีงบประมาณนี้', 'no plan for this year')
      }
    </section>

    <div class="foot">
      เอกสารนี้จัดทำจากข้อมูลในชุมชนนวัตกรรมการเรียนรู้ สพฐ. ตรวจสอบความถูกต้องได้ที่ ${data.verifyUrl} ด้วยรหัส ${data.code}
      <span class="en"
        >Made from the records of the OBEC Learning Community; anyone can confirm it at the address above with
        its code.</span
      >
    </div>`;
}
