import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import { Actor } from '@lc/identity';
import { AttachmentErrors, AttachmentIntake, StagedFile } from '@lc/innovations';
import { FILE_STORAGE, FileStorage, StorageObjectNotFound } from '@lc/storage';
import { MarketplaceErrors } from './marketplace-errors';
import { staffPartnerOf } from './partner-staff';

/** A perk picture's largest size: photos from a phone, not print masters. */
export const PERK_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The image types a perk picture may have, as the content sniffer names them. */
export const PERK_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Where the API serves perk pictures: a perk's `images` may hold these paths besides https URLs. */
export const PERK_IMAGES_PATH = '/api/v1/perk-images/';

/** One of the platform's own perk picture paths, exactly as the upload answers it (a lowercase uuid). */
export const PERK_IMAGE_PATH_PATTERN =
  /^\/api\/v1\/perk-images\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function perkImageUrl(id: string): string {
  return `${PERK_IMAGES_PATH}${id}`;
}

export interface PerkImageView {
  id: string;
  url: string;
}

export interface PerkImageDownload {
  stream: Readable;
  size: number;
  contentType: string;
}

/**
 * Pictures partner staff upload for their perks (from a phone, typically). The bytes go through the attachment
 * intake (spooled, recognised by their content, the pixel limit checked from the header, put in FileStorage);
 * only JPEG, PNG and WebP are kept. A picture belongs to the partner whose staff uploaded it, and only that
 * partner's perks may show it; anyone may fetch it, as the catalogue is public.
 */
@Injectable()
export class PerkImagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: AttachmentIntake,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** The upload's limits: PERK_IMAGE_MAX_BYTES, or the attachment limit when that is lower. */
  get limits(): { maxBytes: number; timeoutMs: number } {
    return {
      maxBytes: Math.min(PERK_IMAGE_MAX_BYTES, this.intake.maxBytes),
      timeoutMs: this.intake.timeoutMs,
    };
  }

  /** Only staff of a partner upload its pictures: checked before a byte of the file is read. */
  assertMayUpload(actor: Actor): void {
    staffPartnerOf(actor);
  }

  /** Takes the upload to storage, or throws (415 for anything but a JPEG, PNG or WebP) leaving nothing behind. */
  async stage(stream: Readable, fileName: string | undefined): Promise<StagedFile> {
    let staged: StagedFile;
    try {
      staged = await this.intake.receive(stream, fileName);
    } catch (error) {
      // The intake's own message lists the document types attachments accept; a perk picture takes fewer.
      if (error instanceof DomainError && error.code === AttachmentErrors.ATTACHMENT_UNSUPPORTED_TYPE)
        throw new DomainError(MarketplaceErrors.PERK_IMAGE_UNSUPPORTED_TYPE);
      throw error;
    }
    if (!(PERK_IMAGE_TYPES as readonly string[]).includes(staged.contentType)) {
      await this.intake.discard(staged);
      throw new DomainError(MarketplaceErrors.PERK_IMAGE_UNSUPPORTED_TYPE);
    }
    // The intake makes a thumbnail of every image; the web app shows the picture itself, so it is not kept.
    if (staged.thumbnailKey) await this.storage.delete(staged.thumbnailKey);
    return { ...staged, thumbnailKey: null };
  }

  async discard(staged: StagedFile): Promise<void> {
    await this.intake.discard(staged);
  }

  /** Records a staged picture as the actor's partner's; the file is removed when that fails. */
  async record(actor: Actor, staged: StagedFile): Promise<PerkImageView> {
    const id = uuidv7();
    try {
      const partnerId = staffPartnerOf(actor);
      await this.dataSource.query(
        `INSERT INTO perk_image (id, partner_id, storage_key, content_type, byte_size, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, partnerId, staged.storageKey, staged.contentType, staged.sizeBytes, actor.memberId],
      );
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
    return { id, url: perkImageUrl(id) };
  }

  /** A picture's bytes with the type recognised when it was uploaded. */
  async open(id: string): Promise<PerkImageDownload> {
    const rows: { storageKey: string; contentType: string }[] = await this.dataSource.query(
      `SELECT storage_key AS "storageKey", content_type AS "contentType" FROM perk_image WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new DomainError(MarketplaceErrors.PERK_IMAGE_NOT_FOUND);
    try {
      const { stream, size } = await this.storage.get(row.storageKey);
      return { stream, size, contentType: row.contentType };
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new DomainError(MarketplaceErrors.PERK_IMAGE_NOT_FOUND);
      throw error;
    }
  }

  /**
   * A perk shows the platform's pictures only when its own partner uploaded them (https links are the partner's
   * own business): a path to another partner's picture, or to none, is refused.
   */
  async assertOwnImages(
    manager: EntityManager,
    partnerId: string,
    images: string[] | undefined,
  ): Promise<void> {
    const ids = [
      ...new Set(
        (images ?? []).flatMap((image) => {
          const match = PERK_IMAGE_PATH_PATTERN.exec(image);
          return match ? [match[1]!] : [];
        }),
      ),
    ];
    if (ids.length === 0) return;
    const [{ own }] = await manager.query(
      `SELECT count(*)::int AS own FROM perk_image WHERE id = ANY($1::uuid[]) AND partner_id = $2`,
      [ids, partnerId],
    );
    if (own !== ids.length) throw new DomainError(MarketplaceErrors.PERK_IMAGE_NOT_OWN);
  }
}
