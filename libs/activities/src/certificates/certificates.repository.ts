import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What certificates need of an event: its names, dates, organiser and signatory, and when they fall due. */
export interface CertificateEventRow {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'cancelled';
  organiserType: 'obec' | 'area' | 'school' | 'partner';
  organiserId: string | null;
  areaId: string | null;
  schoolId: string | null;
  partnerId: string | null;
  createdBy: string;
  signatoryName: string;
  signatoryTitle: string;
  issueAfterDays: number;
  completionsComputedAt: Date | null;
  certificatesRequestedAt: Date | null;
  /** The organiser's name from its table (area, school or partner); null for OBEC. */
  organiserNameTh: string | null;
  organiserNameEn: string | null;
}

export interface CertificateRow {
  id: string;
  eventId: string;
  memberId: string;
  number: string;
  code: string;
  holderName: string;
  storageKey: string | null;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export const SELECT_CERTIFICATE_EVENT = `
  SELECT e.id, e.kind, e.title, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.status,
         e.organiser_type AS "organiserType", e.organiser_id AS "organiserId", e.area_id AS "areaId",
         e.school_id AS "schoolId", e.partner_id AS "partnerId", e.created_by AS "createdBy",
         e.signatory_name AS "signatoryName", e.signatory_title AS "signatoryTitle",
         e.certificate_issue_after_days AS "issueAfterDays",
         e.completions_computed_at AS "completionsComputedAt", e.certificates_requested_at AS "certificatesRequestedAt",
         CASE e.organiser_type WHEN 'area' THEN a.name_th WHEN 'school' THEN s.name_th WHEN 'partner' THEN p.name_th END
           AS "organiserNameTh",
         CASE e.organiser_type WHEN 'area' THEN a.name_en WHEN 'school' THEN s.name_en WHEN 'partner' THEN p.name_en END
           AS "organiserNameEn"
  FROM activity_event e
  LEFT JOIN area a ON e.organiser_type = 'area' AND a.id = e.organiser_id
  LEFT JOIN school s ON e.organiser_type = 'school' AND s.id = e.organiser_id
  LEFT JOIN partner p ON e.organiser_type = 'partner' AND p.id = e.organiser_id`;

const SELECT_CERTIFICATE = `
  SELECT id, event_id AS "eventId", member_id AS "memberId", number, code, holder_name AS "holderName",
         storage_key AS "storageKey", issued_at AS "issuedAt", revoked_at AS "revokedAt", revoked_reason AS "revokedReason"
  FROM activity_certificate`;

/** A completer still waiting for a certificate: completed, not erased, and holding none for the event. */
export const PENDING_COMPLETER = `
  c.event_id = $1 AND m.status <> 'erased'
  AND NOT EXISTS (SELECT 1 FROM activity_certificate k WHERE k.event_id = c.event_id AND k.member_id = c.member_id)`;

/** The SQL of certificates (reads and the revocation; issuing writes are in the issuer). */
@Injectable()
export class CertificatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async event(
    eventId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateEventRow | null> {
    const [row] = await manager.query<CertificateEventRow[]>(`${SELECT_CERTIFICATE_EVENT} WHERE e.id = $1`, [
      eventId,
    ]);
    return row ?? null;
  }

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CertificateRow | null> {
    const [row] = await manager.query<CertificateRow[]>(
      `${SELECT_CERTIFICATE} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** By its verification code, with whether its holder has since been erased (PDPA). */
  async byCode(code: string): Promise<(CertificateRow & { holderErased: boolean }) | null> {
    const [row] = await this.dataSource.query<(CertificateRow & { holderErased: boolean })[]>(
      `SELECT k.id, k.event_id AS "eventId", k.member_id AS "memberId", k.number, k.code, k.holder_name AS "holderName",
              k.storage_key AS "storageKey", k.issued_at AS "issuedAt", k.revoked_at AS "revokedAt",
              k.revoked_reason AS "revokedReason", (m.status = 'erased') AS "holderErased"
       FROM activity_certificate k JOIN member m ON m.id = k.member_id WHERE k.code = $1`,
      [code],
    );
    return row ?? null;
  }

  async ofMember(
    memberId: string,
  ): Promise<(CertificateRow & { kind: string; title: string; startsAt: Date; endsAt: Date })[]> {
    return this.dataSource.query(
      `SELECT k.id, k.event_id AS "eventId", k.member_id AS "memberId", k.number, k.code, k.holder_name AS "holderName",
              k.storage_key AS "storageKey", k.issued_at AS "issuedAt", k.revoked_at AS "revokedAt",
              k.revoked_reason AS "revokedReason", e.kind, e.title, e.starts_at AS "startsAt", e.ends_at AS "endsAt"
       FROM activity_certificate k JOIN activity_event e ON e.id = k.event_id
       WHERE k.member_id = $1 ORDER BY k.issued_at DESC, k.id DESC`,
      [memberId],
    );
  }

  /** Completers (not erased), certificates issued and revoked, for an event's progress. */
  async counts(
    eventId: string,
  ): Promise<{ completers: number; issued: number; revoked: number; pending: number }> {
    const [row] = await this.dataSource.query<
      { completers: number; issued: number; revoked: number; pending: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM activity_completion c JOIN member m ON m.id = c.member_id
               WHERE c.event_id = $1 AND m.status <> 'erased') AS completers,
              (SELECT count(*)::int FROM activity_certificate WHERE event_id = $1) AS issued,
              (SELECT count(*)::int FROM activity_certificate WHERE event_id = $1 AND revoked_at IS NOT NULL) AS revoked,
              (SELECT count(*)::int FROM activity_completion c JOIN member m ON m.id = c.member_id
               WHERE ${PENDING_COMPLETER}) AS pending`,
      [eventId],
    );
    return row!;
  }

  /** Sets when organisers asked for the certificates (the first time counts); returns the event's value. */
  async request(eventId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE activity_event SET certificates_requested_at = coalesce(certificates_requested_at, $2), updated_at = now()
       WHERE id = $1`,
      [eventId, at],
    );
  }

  async revoke(
    manager: EntityManager,
    id: string,
    input: { by: string; reason: string; at: Date },
  ): Promise<boolean> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH revoked AS (
         UPDATE activity_certificate SET revoked_at = $2, revoked_by = $3, revoked_reason = $4
         WHERE id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM revoked`,
      [id, input.at, input.by, input.reason],
    );
    return row!.n === 1;
  }
}
