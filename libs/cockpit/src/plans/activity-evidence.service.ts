import { Inject, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { Actor, AuditRepository } from '@lc/identity';
import { AttachmentErrors, AttachmentIntake, StagedFile } from '@lc/innovations';
import { FILE_STORAGE, FileStorage, StorageObjectNotFound } from '@lc/storage';
import { ActivityPlansRepository } from './activity-plans.repository';
import { EvidenceView, evidenceView } from './activity-plans.views';
import { PlansErrors } from './plans-errors';
import { assertMayManageArea } from './plans-scope';

/** An evidence file's largest size: scanned sign-in sheets and photos, not videos. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** How many evidence files one plan may hold. */
export const EVIDENCE_PER_PLAN = 20;

/** The types evidence may have, as the content sniffer names them. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export interface EvidenceDownload {
  stream: Readable;
  size: number;
  contentType: string;
  fileName: string;
}

/**
 * Evidence of an activity (sign-in sheets, photos, the signed report): PDF, JPEG or PNG judged by the content,
 * taken through the attachment intake into FileStorage (spooled, never held whole in memory). Only those who may
 * manage the plan's area upload, download or remove it.
 */
@Injectable()
export class ActivityEvidenceService {
  private readonly logger = new Logger(ActivityEvidenceService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: ActivityPlansRepository,
    private readonly intake: AttachmentIntake,
    private readonly audit: AuditRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** The upload's limits: EVIDENCE_MAX_BYTES, or the attachment limit when that is lower. */
  get limits(): { maxBytes: number; timeoutMs: number } {
    return { maxBytes: Math.min(EVIDENCE_MAX_BYTES, this.intake.maxBytes), timeoutMs: this.intake.timeoutMs };
  }

  /** Checked before a byte of the file is read: the plan exists and the actor acts for its area. */
  async assertMayUpload(actor: Actor, planId: string): Promise<void> {
    const row = await this.plans.find(this.dataSource.manager, planId);
    if (!row) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
    assertMayManageArea(actor, row.areaId);
  }

  /** Takes the upload to storage, or throws (415 for anything but a PDF, JPEG or PNG) leaving nothing behind. */
  async stage(stream: Readable, fileName: string | undefined): Promise<StagedFile> {
    let staged: StagedFile;
    try {
      staged = await this.intake.receive(stream, fileName);
    } catch (error) {
      throw evidenceError(error);
    }
    if (!(EVIDENCE_TYPES as readonly string[]).includes(staged.contentType)) {
      await this.intake.discard(staged);
      throw new DomainError(PlansErrors.ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE);
    }
    // The intake makes a thumbnail of every image; evidence is downloaded whole, so it is not kept.
    if (staged.thumbnailKey) await this.storage.delete(staged.thumbnailKey);
    return { ...staged, thumbnailKey: null };
  }

  async discard(staged: StagedFile): Promise<void> {
    await this.intake.discard(staged);
  }

  /** Records a staged file as the plan's evidence (at most EVIDENCE_PER_PLAN); the file is removed when that fails. */
  async record(actor: Actor, planId: string, staged: StagedFile): Promise<EvidenceView> {
    const id = uuidv7();
    try {
      await this.dataSource.transaction(async (manager) => {
        const locked = await this.plans.lock(manager, planId);
        if (!locked) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
        assertMayManageArea(actor, locked.areaId);
        if ((await this.plans.evidenceCount(manager, planId)) >= EVIDENCE_PER_PLAN)
          throw new DomainError(PlansErrors.ACTIVITY_EVIDENCE_LIMIT);
        await this.plans.insertEvidence(manager, {
          id,
          planId,
          storageKey: staged.storageKey,
          fileName: staged.fileName,
          contentType: staged.contentType,
          sizeBytes: staged.sizeBytes,
          sha256: staged.sha256,
          uploadedBy: actor.memberId,
        });
        await this.audit.record(manager, {
          actorId: actor.memberId,
          action: 'activity_plan.evidence_added',
          targetType: 'activity_plan',
          targetId: planId,
          details: { areaId: locked.areaId, evidenceId: id, sha256: staged.sha256 },
        });
      });
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
    const row = await this.plans.evidence(this.dataSource.manager, planId, id);
    return evidenceView(row!);
  }

  /** An evidence file's bytes with the type recognised at upload, for those who may manage the plan's area. */
  async open(actor: Actor, planId: string, id: string): Promise<EvidenceDownload> {
    const manager = this.dataSource.manager;
    const plan = await this.plans.find(manager, planId);
    if (!plan) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
    assertMayManageArea(actor, plan.areaId);
    const row = await this.plans.evidence(manager, planId, id);
    if (!row) throw new DomainError(PlansErrors.ACTIVITY_EVIDENCE_NOT_FOUND);
    try {
      const { stream, size } = await this.storage.get(row.storageKey);
      return { stream, size, contentType: row.contentType, fileName: row.fileName };
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new DomainError(PlansErrors.ACTIVITY_EVIDENCE_NOT_FOUND);
      throw error;
    }
  }

  async remove(actor: Actor, planId: string, id: string): Promise<void> {
    const keys = await this.dataSource.transaction(async (manager) => {
      const locked = await this.plans.lock(manager, planId);
      if (!locked) throw new DomainError(PlansErrors.ACTIVITY_PLAN_NOT_FOUND);
      assertMayManageArea(actor, locked.areaId);
      const removed = await this.plans.deleteEvidence(manager, planId, id);
      if (removed.length === 0) throw new DomainError(PlansErrors.ACTIVITY_EVIDENCE_NOT_FOUND);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity_plan.evidence_removed',
        targetType: 'activity_plan',
        targetId: planId,
        details: { areaId: locked.areaId, evidenceId: id },
      });
      return removed;
    });
    // After the commit: a failure here orphans a file, never loses a row that points to one.
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.error({ err: error, key }, 'could not remove an evidence file; it is orphaned');
      });
    }
  }
}

/**
 * The intake's and the multipart reader's refusals in evidence's own words where they differ (it takes fewer types
 * and less size); anything else unchanged.
 */
export function evidenceError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE)
    return new DomainError(PlansErrors.ACTIVITY_EVIDENCE_UNSUPPORTED_TYPE);
  if (error.code === AttachmentErrors.ATTACHMENT_TOO_LARGE)
    return new DomainError(PlansErrors.ACTIVITY_EVIDENCE_TOO_LARGE);
  return error;
}
