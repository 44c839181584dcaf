import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { Actor } from '@lc/identity';
import { FILE_STORAGE, FileStorage, StorageObjectNotFound } from '@lc/storage';
import { InnovationErrors } from '../innovations-errors';
import { InnovationsService } from '../innovations.service';
import { AttachmentIntake, StagedFile } from './attachment-intake';
import { AttachmentErrors } from './attachments-errors';
import { thumbnailContentType } from './thumbnail';

export type AttachmentPurpose = 'attachment' | 'cover' | 'evidence';

/** Where the API serves attachments; views carry ready-made links. */
export const ATTACHMENTS_API_BASE = '/api/v1/innovations';

interface AttachmentRow {
  id: string;
  innovationId: string;
  uploaderId: string;
  purpose: AttachmentPurpose;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
  createdAt: Date;
}

export interface AttachmentView {
  id: string;
  innovationId: string;
  purpose: AttachmentPurpose;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Download link (the bytes, as an attachment). */
  url: string;
  thumbnailUrl: string | null;
  uploader: { id: string };
  createdAt: Date;
}

export interface AttachmentDownload {
  stream: Readable;
  size: number;
  contentType: string;
  fileName: string;
}

const ATTACHMENT_COLUMNS = `a.id, a.innovation_id AS "innovationId", a.uploader_id AS "uploaderId", a.purpose,
  a.file_name AS "fileName", a.content_type AS "contentType", a.size_bytes::float8 AS "sizeBytes", a.sha256,
  a.storage_key AS "storageKey", a.thumbnail_key AS "thumbnailKey", a.created_at AS "createdAt"`;

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  const url = `${ATTACHMENTS_API_BASE}/${row.innovationId}/attachments/${row.id}`;
  return {
    id: row.id,
    innovationId: row.innovationId,
    purpose: row.purpose,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    url,
    thumbnailUrl: row.thumbnailKey ? `${url}/thumbnail` : null,
    uploader: { id: row.uploaderId },
    createdAt: row.createdAt,
  };
}

/**
 * Files attached to innovations: the author's attachments and cover image, and adoption reporters' evidence.
 * Who may add is checked before the upload is read and again, with the rows locked, when it is recorded; a
 * file whose recording fails is removed from storage.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly innovations: InnovationsService,
    private readonly intake: AttachmentIntake,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** Only the author adds attachments or a cover, and not to removed work. */
  async assertMayAttach(actor: Actor, innovationId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.authored(manager, actor, innovationId));
  }

  /** Only the member who reported the adoption adds its evidence. */
  async assertMayAddEvidence(actor: Actor, innovationId: string, adoptionId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.reported(manager, actor, innovationId, adoptionId));
  }

  /**
   * Records a received file as an attachment, or as the cover (`purpose` "cover", images only), which replaces
   * the old cover. Any other purpose is refused, and the file removed.
   */
  async attach(
    actor: Actor,
    innovationId: string,
    staged: StagedFile,
    purpose = 'attachment',
  ): Promise<AttachmentView> {
    return this.record(staged, async (manager) => {
      if (purpose !== 'attachment' && purpose !== 'cover') {
        throw new DomainError(AttachmentErrors.ATTACHMENT_INVALID_PURPOSE);
      }
      const innovation = await this.authored(manager, actor, innovationId);
      if (purpose === 'cover' && staged.kind !== 'image') {
        throw new DomainError(AttachmentErrors.ATTACHMENT_COVER_NOT_IMAGE);
      }
      const row = await this.insert(manager, innovationId, actor, staged, purpose);
      if (purpose === 'cover') {
        await manager.query(
          `UPDATE innovation SET cover_attachment_id = $2, updated_at = now() WHERE id = $1`,
          [innovationId, row.id],
        );
        if (innovation.coverAttachmentId) {
          await manager.query(
            `UPDATE innovation_attachment SET deleted_at = now()
             WHERE id = $1 AND purpose = 'cover' AND deleted_at IS NULL`,
            [innovation.coverAttachmentId],
          );
        }
      }
      return row;
    });
  }

  /** Records a received file as the evidence of an adoption report; it replaces earlier evidence. */
  async attachEvidence(
    actor: Actor,
    innovationId: string,
    adoptionId: string,
    staged: StagedFile,
  ): Promise<AttachmentView> {
    return this.record(staged, async (manager) => {
      const previous = await this.reported(manager, actor, innovationId, adoptionId);
      const row = await this.insert(manager, innovationId, actor, staged, 'evidence');
      await manager.query(`UPDATE innovation_adoption SET evidence_attachment_id = $2 WHERE id = $1`, [
        adoptionId,
        row.id,
      ]);
      if (previous) {
        await manager.query(
          `UPDATE innovation_attachment SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`,
          [previous],
        );
      }
      return row;
    });
  }

  /** The innovation's attachments and cover, oldest first (adoption evidence is listed with the adoptions). */
  async list(actor: Actor | undefined, innovationId: string) {
    await this.innovations.visible(this.dataSource.manager, actor, innovationId);
    const rows: AttachmentRow[] = await this.dataSource.query(
      `SELECT ${ATTACHMENT_COLUMNS} FROM innovation_attachment a
       WHERE a.innovation_id = $1 AND a.deleted_at IS NULL AND a.purpose <> 'evidence'
       ORDER BY a.created_at, a.id`,
      [innovationId],
    );
    return { items: rows.map(toAttachmentView), nextCursor: null };
  }

  /** The bytes of an attachment (or of its thumbnail), for whoever may see the innovation. */
  async open(
    actor: Actor | undefined,
    innovationId: string,
    attachmentId: string,
    variant: 'file' | 'thumbnail' = 'file',
  ): Promise<AttachmentDownload> {
    const manager = this.dataSource.manager;
    await this.innovations.visible(manager, actor, innovationId);
    const row = await this.find(manager, innovationId, attachmentId);
    const key = variant === 'file' ? row.storageKey : row.thumbnailKey;
    if (!key) throw new DomainError(AttachmentErrors.ATTACHMENT_NOT_FOUND);
    try {
      const { stream, size } = await this.storage.get(key);
      return variant === 'file'
        ? { stream, size, contentType: row.contentType, fileName: row.fileName }
        : { stream, size, contentType: thumbnailContentType(row.contentType), fileName: row.fileName };
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new DomainError(AttachmentErrors.ATTACHMENT_NOT_FOUND);
      throw error;
    }
  }

  /**
   * Soft delete: the author removes attachments and the cover, a reporter their evidence. The bytes stay in
   * storage with the row, so a mistaken removal can be undone.
   */
  async remove(actor: Actor, innovationId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const innovation = await this.innovations.visible(manager, actor, innovationId, true);
      const row = await this.find(manager, innovationId, attachmentId, true);
      if (row.purpose === 'evidence') {
        if (row.uploaderId !== actor.memberId) throw new DomainError(AttachmentErrors.ADOPTION_NOT_REPORTER);
        await manager.query(
          `UPDATE innovation_adoption SET evidence_attachment_id = NULL WHERE evidence_attachment_id = $1`,
          [row.id],
        );
      } else {
        if (innovation.authorId !== actor.memberId)
          throw new DomainError(InnovationErrors.INNOVATION_NOT_AUTHOR);
        if (innovation.coverAttachmentId === row.id) {
          await manager.query(
            `UPDATE innovation SET cover_attachment_id = NULL, updated_at = now() WHERE id = $1`,
            [innovationId],
          );
        }
      }
      await manager.query(`UPDATE innovation_attachment SET deleted_at = now() WHERE id = $1`, [row.id]);
    });
  }

  private async record(
    staged: StagedFile,
    work: (manager: EntityManager) => Promise<AttachmentRow>,
  ): Promise<AttachmentView> {
    try {
      return toAttachmentView(await this.dataSource.transaction(work));
    } catch (error) {
      await this.intake.discard(staged);
      throw error;
    }
  }

  private async authored(manager: EntityManager, actor: Actor, innovationId: string) {
    const innovation = await this.innovations.authoredBy(manager, actor, innovationId);
    if (innovation.status === 'removed') throw new DomainError(InnovationErrors.INNOVATION_REMOVED);
    return innovation;
  }

  /** Checks the adoption report is this actor's; returns its current evidence, if any. */
  private async reported(
    manager: EntityManager,
    actor: Actor,
    innovationId: string,
    adoptionId: string,
  ): Promise<string | null> {
    await this.innovations.visible(manager, actor, innovationId);
    const rows: { memberId: string; evidenceAttachmentId: string | null }[] = await manager.query(
      `SELECT member_id AS "memberId", evidence_attachment_id AS "evidenceAttachmentId"
       FROM innovation_adoption WHERE id = $1 AND innovation_id = $2 FOR UPDATE`,
      [adoptionId, innovationId],
    );
    if (!rows[0]) throw new DomainError(AttachmentErrors.ADOPTION_NOT_FOUND);
    if (rows[0].memberId !== actor.memberId) throw new DomainError(AttachmentErrors.ADOPTION_NOT_REPORTER);
    return rows[0].evidenceAttachmentId;
  }

  private async insert(
    manager: EntityManager,
    innovationId: string,
    actor: Actor,
    staged: StagedFile,
    purpose: AttachmentPurpose,
  ): Promise<AttachmentRow> {
    const rows: AttachmentRow[] = await manager.query(
      `INSERT INTO innovation_attachment AS a (id, innovation_id, uploader_id, purpose, file_name, content_type,
         size_bytes, sha256, storage_key, thumbnail_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${ATTACHMENT_COLUMNS}`,
      [
        uuidv7(),
        innovationId,
        actor.memberId,
        purpose,
        staged.fileName,
        staged.contentType,
        staged.sizeBytes,
        staged.sha256,
        staged.storageKey,
        staged.thumbnailKey,
      ],
    );
    return rows[0]!;
  }

  private async find(
    manager: EntityManager,
    innovationId: string,
    attachmentId: string,
    lock = false,
  ): Promise<AttachmentRow> {
    const rows: AttachmentRow[] = await manager.query(
      `SELECT ${ATTACHMENT_COLUMNS} FROM innovation_attachment a
       WHERE a.id = $1 AND a.innovation_id = $2 AND a.deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
      [attachmentId, innovationId],
    );
    if (!rows[0]) throw new DomainError(AttachmentErrors.ATTACHMENT_NOT_FOUND);
    return rows[0];
  }
}
