import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, loadTaxonomy, uuidv7 } from '@lc/core';
import { OutboxService } from '@lc/messaging';
import { PdfRenderer, RENDER_MANY_BATCH } from '@lc/pdf';
import { FILE_STORAGE, FileStorage } from '@lc/storage';
import { ActivityEvents } from '../activities.events';
import { CertificateDocument, CERTIFICATE_CSS, certificateHtml } from './certificate.html';
import { certificateNumber, certificateStorageKey, newCertificateCode } from './certificate-codes';
import { CertificateEventRow, CertificatesRepository, PENDING_COMPLETER } from './certificates.repository';

/** Certificates printed and committed together: two `page.pdf()` calls of RENDER_MANY_BATCH, one per page slot. */
export const CERTIFICATE_BATCH = 2 * RENDER_MANY_BATCH;
/** Events looked at per run (the next run takes the rest). */
const EVENTS_PER_RUN = 20;

export const OBEC_NAME = {
  th: 'สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน',
  en: 'Office of the Basic Education Commission',
} as const;

/** Where the public verification page of a certificate is. */
export function certificateVerifyUrl(webUrl: string, code: string): string {
  return `${webUrl.replace(/\/+$/, '')}/verify/certificate/${code}`;
}

/** What a batch did: certificates committed, and completers taken by another issuer meanwhile. */
export interface IssueBatchResult {
  issued: number;
  selected: number;
}

/**
 * Issues the certificates of events that are due (completions computed, and the organisers asked or the configured
 * days after the end have passed: `clock.now()` decides), exactly once per completer:
 *
 * - each batch is one transaction: it locks up to CERTIFICATE_BATCH completers without a certificate (`FOR UPDATE
 *   SKIP LOCKED`, so concurrent issuers take different members), prints their PDFs with the process's one Chromium
 *   (renderMany: one multi-page document per RENDER_MANY_BATCH, split into files), stores the files, inserts the
 *   certificates and their `activity.certificate_issued` events, and commits;
 * - a worker killed mid-batch commits nothing of it (the next run takes those members again; files it stored are
 *   under ids no row names), and the unique (event, member) key refuses a second certificate whatever happens.
 */
@Injectable()
export class CertificateIssuer {
  private readonly logger = new Logger(CertificateIssuer.name);
  private readonly kinds = new Map(loadTaxonomy().eventSessionKinds.map((k) => [k.code, k]));

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CertificatesRepository,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renderer: PdfRenderer,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every due event with completers still waiting: issues them all. Returns the certificates issued. */
  async issueDue(): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT e.id FROM activity_event e
       WHERE e.status = 'scheduled' AND e.completions_computed_at IS NOT NULL
         AND (e.certificates_requested_at IS NOT NULL
              OR e.ends_at + make_interval(days => e.certificate_issue_after_days) <= $1)
         AND EXISTS (SELECT 1 FROM activity_completion c JOIN member m ON m.id = c.member_id
                     WHERE ${PENDING_COMPLETER.replace(/\$1/g, 'e.id')})
       ORDER BY least(e.certificates_requested_at, e.ends_at + make_interval(days => e.certificate_issue_after_days)), e.id
       LIMIT ${EVENTS_PER_RUN}`,
      [this.clock.now()],
    );
    let issued = 0;
    for (const { id } of due) issued += await this.issueEvent(id);
    return issued;
  }

  /** Issues every waiting completer of one event (due or not: the caller decides), batch after batch. */
  async issueEvent(eventId: string): Promise<number> {
    const event = await this.repository.event(eventId);
    if (!event || event.status !== 'scheduled' || !event.completionsComputedAt) return 0;
    const organiser = organiserName(event);
    let issued = 0;
    for (;;) {
      const batch = await this.issueBatch(event, organiser);
      issued += batch.issued;
      // Nothing left to take: done, or the rest is being printed by another issuer right now.
      if (batch.selected === 0) break;
    }
    if (issued > 0) this.logger.log({ eventId, issued }, 'certificates issued');
    return issued;
  }

  /** One batch in one transaction (see the class). */
  async issueBatch(
    event: CertificateEventRow,
    organiser: { th: string; en: string } = organiserName(event),
  ): Promise<IssueBatchResult> {
    const stored: string[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const members = await manager.query<{ memberId: string; displayName: string }[]>(
          `SELECT c.member_id AS "memberId", m.display_name AS "displayName"
           FROM activity_completion c JOIN member m ON m.id = c.member_id
           WHERE ${PENDING_COMPLETER}
           ORDER BY c.member_id LIMIT $2
           FOR UPDATE OF c SKIP LOCKED`,
          [event.id, CERTIFICATE_BATCH],
        );
        if (members.length === 0) return { issued: 0, selected: 0 };
        const issuedAt = this.clock.now();
        const numbers = await manager.query<{ n: string }[]>(
          `SELECT nextval('activity_certificate_number_seq')::text AS n FROM generate_series(1, $1)`,
          [members.length],
        );
        const certificates = members.map((member, index) => ({
          id: uuidv7(),
          memberId: member.memberId,
          holderName: member.displayName.slice(0, 200),
          number: certificateNumber(issuedAt, numbers[index]!.n),
          code: newCertificateCode(),
        }));
        const documents = await Promise.all(
          certificates.map(async (certificate) =>
            certificateHtml(await this.document(event, organiser, certificate, issuedAt)),
          ),
        );
        const pdfs = await this.renderer.renderMany(documents, {
          css: CERTIFICATE_CSS,
          landscape: true,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
          lang: 'th',
        });
        await Promise.all(
          certificates.map(async (certificate, index) => {
            const pdf = pdfs[index]!;
            const key = certificateStorageKey(event.id, certificate.id);
            await this.storage.put(key, pdf, {
              contentType: 'application/pdf',
              size: pdf.length,
              sha256: createHash('sha256').update(pdf).digest('hex'),
            });
            stored.push(key);
          }),
        );
        return this.insert(manager, event, certificates, issuedAt, members.length);
      });
    } catch (error) {
      await this.forget(stored);
      throw error;
    }
  }

  /** The batch's rows and events; a certificate another issuer wrote meanwhile is left out (and its file). */
  private async insert(
    manager: EntityManager,
    event: CertificateEventRow,
    certificates: { id: string; memberId: string; holderName: string; number: string; code: string }[],
    issuedAt: Date,
    selected: number,
  ): Promise<IssueBatchResult> {
    const inserted = await manager.query<{ id: string; memberId: string }[]>(
      `INSERT INTO activity_certificate (id, event_id, member_id, number, code, holder_name, storage_key, issued_at)
       SELECT id, $1, member_id, number, code, holder_name, storage_key, $2
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS x(id, member_id, number, code, holder_name, storage_key)
       ON CONFLICT DO NOTHING
       RETURNING id, member_id AS "memberId"`,
      [
        event.id,
        issuedAt,
        certificates.map((c) => c.id),
        certificates.map((c) => c.memberId),
        certificates.map((c) => c.number),
        certificates.map((c) => c.code),
        certificates.map((c) => c.holderName),
        certificates.map((c) => certificateStorageKey(event.id, c.id)),
      ],
    );
    await this.outbox.appendMany(
      manager,
      inserted.map((row) => ({
        event: ActivityEvents.certificateIssued,
        payload: { certificateId: row.id, eventId: event.id, memberId: row.memberId, title: event.title },
      })),
    );
    const kept = new Set(inserted.map((row) => row.id));
    const dropped = certificates.filter((c) => !kept.has(c.id));
    if (dropped.length > 0) await this.forget(dropped.map((c) => certificateStorageKey(event.id, c.id)));
    return { issued: inserted.length, selected };
  }

  private async document(
    event: CertificateEventRow,
    organiser: { th: string; en: string },
    certificate: { number: string; code: string; holderName: string },
    issuedAt: Date,
  ): Promise<CertificateDocument> {
    const verifyUrl = certificateVerifyUrl(this.config.WEB_URL, certificate.code);
    const kind = this.kinds.get(event.kind);
    return {
      number: certificate.number,
      code: certificate.code,
      holderName: certificate.holderName,
      event: {
        title: event.title,
        kindTh: kind?.th ?? 'กิจกรรม',
        kindEn: kind?.en.toLowerCase() ?? 'activity',
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
      },
      organiser,
      signatory: { name: event.signatoryName, title: event.signatoryTitle },
      issuedAt,
      verifyUrl,
      qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    };
  }

  /** Files no certificate names (a batch that failed, or lost its members to another issuer). */
  private async forget(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
  }
}

export function organiserName(event: CertificateEventRow): { th: string; en: string } {
  if (event.organiserType === 'obec' || !event.organiserNameTh) return { ...OBEC_NAME };
  return { th: event.organiserNameTh, en: event.organiserNameEn ?? event.organiserNameTh };
}
