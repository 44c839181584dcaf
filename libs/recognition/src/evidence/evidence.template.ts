import { Injectable } from '@nestjs/common';
import { PdfSource, PdfTemplate } from '@lc/pdf';
import { EVIDENCE_KIND, EvidenceData } from './evidence.data';
import { EVIDENCE_CSS, evidenceHtml } from './evidence.html';

/** The worker's side of the evidence PDF: prints what the api gathered with the process's one Chromium. */
@Injectable()
export class EvidenceTemplate {
  @PdfTemplate(EVIDENCE_KIND)
  evidence(input: EvidenceData): PdfSource {
    if (input?.version !== 1 || !input.code || !input.member)
      throw new Error(`An evidence job of an unknown shape (version ${String(input?.version)})`);
    return {
      html: evidenceHtml(input),
      css: EVIDENCE_CSS,
      title: `หลักฐานผลงาน ${input.member.displayName} ${input.fiscalYear.th}`,
      lang: 'th',
    };
  }
}
