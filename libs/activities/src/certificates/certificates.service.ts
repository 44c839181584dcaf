import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, DomainError } from '@lc/core';
import { Actor, AuditRepository, isObecAdmin } from '@lc/identity';
import { SCHEDULE_QUEUE } from '@lc/messaging';
import { FILE_STORAGE, FileStorage, StorageObjectNotFound } from '@lc/storage';
import { ActivitiesErrors } from '../activities-errors';
import { CompletionService } from '../completion/completion.service';
import { mayOrganise } from '../events/event-access';
import { certificateVerifyUrl, organiserName } from './certificate-issuer';
import { normaliseCertificateCode } from './certificate-codes';
import { CertificateEventRow, CertificatesRepository } from './certificates.repository';
import { CertificatesErrors } from './certificates-errors';
import { CERTIFICATES_SCHEDULE } from './certificates.schedules';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MyCertificateView {
  id: string;
  number: string;
  code: string;
  event: { id: string; title: string; kind: string; startsAt: string; endsAt: string };
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  downloadUrl: string;
  verifyUrl: string;
}

/** A certificate as a member's portfolio shows it. */
export interface PortfolioCertificateView {
  id: string;
  number: string;
  event: { id: string; title: string; kind: string; startsAt: string; endsAt: string };
  issuedAt: string;
  verifyUrl: string;
}

export interface CertificateVerification {
  status: 'valid' | 'revoked' | 'unknown';
  holder?: string;
  event?: {
    title: string;
    kind: string;
    startsAt: string;
    endsAt: string;
    organiser: { th: string; en: string };
  };
  issuedAt?: string;
  number?: string;
  revokedAt?: string;
}

export interface CertificateProgress {
  eventId: string;
  completers: number;
  issued: number;
  revoked: number;
  pending: number;
  status: 'waiting' | 'issuing' | 'done';
  /** When the certificates fall due: the configured days after the end, or when organisers asked, if earlier. */
  dueAt: string;
  completionsComputed: boolean;
}

export interface CertificateFile {
  filename: string;
  size: number;
  stream: Readable;
}

/**
 * Certificates for the api: a member's own, their PDF again (holder or organisers), the public verification, the
 * organisers' issue-now, progress and revocation (audited). Issuing itself is the worker's (CertificateIssuer).
 */
@Injectable()
export class CertificatesService implements OnModuleDestroy {
  private readonly logger = new Logger(CertificatesService.name);
  private queue: Queue | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CertificatesRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly completion: CompletionService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mine(actor: Actor): Promise<MyCertificateView[]> {
    const rows = await this.repository.ofMember(actor.memberId);
    return rows.map((row) => ({
      ...this.listed(row),
      code: row.code,
      revoked: row.revokedAt !== null,
      revokedAt: row.revokedAt ? new Date(row.revokedAt).toISOString() : null,
      downloadUrl: `/api/v1/certificates/${row.id}/pdf`,
    }));
  }

  /**
   * The certificates a member's portfolio shows (seed 003 §7): those in force, newest first, each with its public
   * verification link; the PDF itself stays the holder's (and the organisers').
   */
  async onPortfolio(memberId: string): Promise<PortfolioCertificateView[]> {
    const rows = await this.repository.ofMember(memberId);
    return rows.filter((row) => row.revokedAt === null).map((row) => this.listed(row));
  }

  /** What every list of certificates shows of one: its number, its event, when, and where to verify it. */
  private listed(
    row: Awaited<ReturnType<CertificatesRepository['ofMember']>>[number],
  ): PortfolioCertificateView {
    return {
      id: row.id,
      number: row.number,
      event: {
        id: row.eventId,
        title: row.title,
        kind: row.kind,
        startsAt: new Date(row.startsAt).toISOString(),
        endsAt: new Date(row.endsAt).toISOString(),
      },
      issuedAt: new Date(row.issuedAt).toISOString(),
      verifyUrl: certificateVerifyUrl(this.config.WEB_URL, row.code),
    };
  }

  /** The PDF as issued: for its holder and the event's organisers; 404 to anyone else (nothing to learn). */
  async pdf(actor: Actor, id: string): Promise<CertificateFile> {
    const certificate = await this.repository.byId(id);
    if (!certificate) throw new DomainError(CertificatesErrors.CERTIFICATE_NOT_FOUND);
    if (certificate.memberId !== actor.memberId) {
      const event = await this.repository.event(certificate.eventId);
      if (!event || !mayOrganise(actor, event))
        throw new DomainError(CertificatesErrors.CERTIFICATE_NOT_FOUND);
    }
    if (!certificate.storageKey) throw new DomainError(CertificatesErrors.CERTIFICATE_FILE_NOT_READY);
    try {
      const object = await this.storage.get(certificate.storageKey);
      return {
        filename: `certificate-${certificate.number}.pdf`,
        size: object.size,
        stream: object.stream,
      };
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new DomainError(CertificatesErrors.CERTIFICATE_FILE_NOT_READY);
      throw error;
    }
  }

  /** Public: what a verifier may know of a certificate by its code. The holder's name only, nothing else of them. */
  async verify(input: string): Promise<CertificateVerification> {
    const code = normaliseCertificateCode(input);
    const certificate = code ? await this.repository.byCode(code) : null;
    if (!certificate) return { status: 'unknown' };
    const event = await this.repository.event(certificate.eventId);
    const base: CertificateVerification = {
      status: certificate.revokedAt ? 'revoked' : 'valid',
      // An erased member's name is not given out any more (the certificate itself still answers).
      ...(certificate.holderErased ? {} : { holder: certificate.holderName }),
      number: certificate.number,
      issuedAt: new Date(certificate.issuedAt).toISOString(),
      ...(event
        ? {
            event: {
              title: event.title,
              kind: event.kind,
              startsAt: new Date(event.startsAt).toISOString(),
              endsAt: new Date(event.endsAt).toISOString(),
              organiser: organiserName(event),
            },
          }
        : {}),
    };
    if (certificate.revokedAt) base.revokedAt = new Date(certificate.revokedAt).toISOString();
    return base;
  }

  /**
   * Organisers: issue now instead of waiting the configured days. The event must have ended; completions are
   * computed first when they are not yet. The worker issues (asked at once; its schedule would also find it).
   */
  async issueNow(actor: Actor, eventId: string): Promise<CertificateProgress> {
    const event = await this.organisedEvent(actor, eventId);
    if (event.status === 'cancelled') throw new DomainError(CertificatesErrors.EVENT_CERTIFICATES_CANCELLED);
    const now = this.clock.now();
    if (new Date(event.endsAt).getTime() > now.getTime())
      throw new DomainError(CertificatesErrors.EVENT_CERTIFICATES_NOT_READY);
    // Completions first, when the worker has not decided them yet (it would within a minute of the end).
    if (!event.completionsComputedAt) await this.completion.completeEvent(eventId);
    await this.repository.request(eventId, now);
    await this.audit.record(this.dataSource.manager, {
      actorId: actor.memberId,
      action: 'activity.certificates_requested',
      targetType: 'activity_event',
      targetId: eventId,
    });
    await this.runIssuerSoon();
    return this.progressOf((await this.repository.event(eventId))!);
  }

  async progress(actor: Actor, eventId: string): Promise<CertificateProgress> {
    return this.progressOf(await this.organisedEvent(actor, eventId));
  }

  /** The event's organisers or OBEC admins; once (409 the second time); audited; verification answers revoked. */
  async revoke(actor: Actor, id: string, reason: string): Promise<{ id: string; revokedAt: string }> {
    const certificate = await this.repository.byId(id);
    if (!certificate) throw new DomainError(CertificatesErrors.CERTIFICATE_NOT_FOUND);
    const event = await this.repository.event(certificate.eventId);
    if (!event || !(isObecAdmin(actor) || mayOrganise(actor, event))) {
      // The holder knows it exists; others learn nothing.
      if (certificate.memberId === actor.memberId)
        throw new DomainError(CertificatesErrors.CERTIFICATE_FORBIDDEN);
      throw new DomainError(CertificatesErrors.CERTIFICATE_NOT_FOUND);
    }
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.byId(id, manager, true);
      if (!locked) throw new DomainError(CertificatesErrors.CERTIFICATE_NOT_FOUND);
      if (
        locked.revokedAt ||
        !(await this.repository.revoke(manager, id, { by: actor.memberId, reason, at }))
      )
        throw new DomainError(CertificatesErrors.CERTIFICATE_REVOKED);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.certificate_revoked',
        targetType: 'activity_certificate',
        targetId: id,
        reason,
        details: { eventId: certificate.eventId, memberId: certificate.memberId, number: certificate.number },
      });
      return { id, revokedAt: at.toISOString() };
    });
  }

  async onModuleDestroy(): Promise<void> {
    const queue = this.queue;
    this.queue = null;
    await queue?.close().catch(() => undefined);
  }

  private async organisedEvent(actor: Actor, eventId: string): Promise<CertificateEventRow> {
    const event = /^[0-9a-f-]{36}$/i.test(eventId) ? await this.repository.event(eventId) : null;
    if (!event) throw new DomainError(ActivitiesErrors.EVENT_NOT_FOUND);
    if (!mayOrganise(actor, event)) throw new DomainError(CertificatesErrors.CERTIFICATE_FORBIDDEN);
    return event;
  }

  private async progressOf(event: CertificateEventRow): Promise<CertificateProgress> {
    const counts = await this.repository.counts(event.id);
    const dueByDays = new Date(new Date(event.endsAt).getTime() + event.issueAfterDays * DAY_MS);
    const requested = event.certificatesRequestedAt ? new Date(event.certificatesRequestedAt) : null;
    const dueAt = requested && requested < dueByDays ? requested : dueByDays;
    const computed = event.completionsComputedAt !== null;
    const due =
      computed && event.status === 'scheduled' && (requested !== null || dueByDays <= this.clock.now());
    return {
      eventId: event.id,
      ...counts,
      status: !due ? 'waiting' : counts.pending > 0 ? 'issuing' : 'done',
      dueAt: dueAt.toISOString(),
      completionsComputed: computed,
    };
  }

  /** Asks the worker's scheduler for a run of the certificates' schedule now (the next tick would do it anyway). */
  private async runIssuerSoon(): Promise<void> {
    try {
      this.queue ??= new Queue(SCHEDULE_QUEUE, {
        connection: {
          url: this.config.REDIS_URL,
          maxRetriesPerRequest: null,
          connectionName: 'lc-api-certificates',
        },
        prefix: this.config.QUEUE_PREFIX,
      });
      await this.queue.add(
        CERTIFICATES_SCHEDULE,
        {},
        { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      );
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not ask the worker to issue certificates now; its schedule will',
      );
    }
  }
}
