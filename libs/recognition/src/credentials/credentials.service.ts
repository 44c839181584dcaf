import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, uuidv7 } from '@lc/core';
import './credential-errors';
import { CREDENTIAL_PROOFS, CredentialProofs } from './credential-proofs';
import {
  AchievementInput,
  achievementProblem,
  encodeStatusList,
  hasOpenBadgeShape,
  looksLikeCredential,
  openBadgeCredential,
  parseListId,
  STATUS_LIST_SIZE,
  statusListCredential,
  typesOf,
} from './credential-shape';
import { CredentialRow, CredentialsRepository } from './credentials.repository';

export interface IssueCredentialInput {
  awardId: string;
  memberId: string;
  /** The member's name as the badge shows it (optional: the subject is identified by its platform id). */
  subjectName?: string;
  achievement: AchievementInput;
  issuedAt: Date;
}

export interface BadgeCredentialRecord {
  id: string;
  awardId: string;
  memberId: string;
  /** The signed OpenBadgeCredential, exactly as served and verified. */
  credential: Record<string, unknown>;
  statusListId: number;
  statusListIndex: number;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export type CredentialCheckName = 'shape' | 'proof' | 'issuer' | 'status' | 'expiry';

export interface CredentialCheck {
  check: CredentialCheckName;
  ok: boolean;
  th: string;
  en: string;
}

export interface CredentialVerification {
  verified: boolean;
  checks: CredentialCheck[];
}

/**
 * A list takes at most half as many credentials as it has slots, each in a random free slot: a credential's index
 * says little about when it was issued (the specification's herd privacy), and a free slot is found at once.
 */
const CREDENTIALS_PER_LIST = STATUS_LIST_SIZE / 2;
const SLOT_CANDIDATES = 16;
const SLOT_ATTEMPTS = 8;
/** Larger than any credential the platform issues (about 3 KB), small enough to canonicalise quickly. */
const MAX_CREDENTIAL_CHARS = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A credential dated a little ahead of this server's clock is still valid (clocks differ). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const CHECK_TEXTS: Record<CredentialCheckName, Record<'ok' | 'failed', { th: string; en: string }>> = {
  shape: {
    ok: {
      th: 'เป็นเหรียญตรา Open Badges 3.0 (OpenBadgeCredential)',
      en: 'An Open Badges 3.0 badge (OpenBadgeCredential)',
    },
    failed: {
      th: 'ไม่ใช่เหรียญตรา Open Badges 3.0 ตามรูปแบบที่แพลตฟอร์มออก',
      en: 'Not an Open Badges 3.0 badge in the form this platform issues',
    },
  },
  proof: {
    ok: { th: 'ลายมือชื่อดิจิทัลถูกต้อง ข้อมูลไม่ถูกแก้ไข', en: 'The signature holds: nothing was changed' },
    failed: {
      th: 'ลายมือชื่อดิจิทัลไม่ถูกต้อง: ข้อมูลถูกแก้ไข หรือไม่ได้ลงนามด้วยกุญแจของแพลตฟอร์ม',
      en: "The signature does not hold: the badge was changed, or not signed with the platform's key",
    },
  },
  issuer: {
    ok: { th: 'ออกโดยแพลตฟอร์มนี้ ด้วยกุญแจที่เผยแพร่', en: 'Issued by this platform, with its published key' },
    failed: {
      th: 'ไม่ได้ออกโดยแพลตฟอร์มนี้ หรือไม่ได้ใช้กุญแจที่เผยแพร่',
      en: 'Not issued by this platform, or not with its published key',
    },
  },
  status: {
    ok: { th: 'ยังไม่ถูกเพิกถอน', en: 'Not revoked' },
    failed: {
      th: 'ถูกเพิกถอนแล้ว หรือตรวจสอบสถานะไม่ได้',
      en: 'Revoked, or its status cannot be checked',
    },
  },
  expiry: {
    ok: { th: 'อยู่ในช่วงเวลาที่มีผล', en: 'Within its validity period' },
    failed: { th: 'หมดอายุแล้ว หรือยังไม่ถึงวันที่มีผล', en: 'Expired, or not valid yet' },
  },
};

const check = (name: CredentialCheckName, ok: boolean): CredentialCheck => ({
  check: name,
  ok,
  ...CHECK_TEXTS[name][ok ? 'ok' : 'failed'],
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toRecord(row: CredentialRow): BadgeCredentialRecord {
  return {
    id: row.id,
    awardId: row.award_id,
    memberId: row.member_id,
    credential: row.credential,
    statusListId: row.status_list_id,
    statusListIndex: row.status_list_index,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
  };
}

/**
 * Verifiable badges: each badge award as a signed Open Badges 3.0 credential (docs/RECOGNITION.md, "Verifiable
 * badges"), its revocation through a published Bitstring Status List, and verification of any credential
 * presented to the platform.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialsRepository,
    @Inject(CREDENTIAL_PROOFS) private readonly proofs: CredentialProofs,
  ) {}

  /**
   * Signs and stores the credential of an award, in the caller's transaction (READ COMMITTED, the default), so it
   * commits with the award or not at all. One credential per award: issuing an award again, even concurrently,
   * answers the first credential (`created: false`).
   */
  async issue(
    manager: EntityManager,
    input: IssueCredentialInput,
  ): Promise<BadgeCredentialRecord & { created: boolean }> {
    const problem = achievementProblem(input.achievement);
    if (problem) throw new DomainError('CREDENTIAL_ACHIEVEMENT_INVALID', problem);
    if (!(input.issuedAt instanceof Date) || Number.isNaN(input.issuedAt.getTime()))
      throw new DomainError('CREDENTIAL_ACHIEVEMENT_INVALID', 'issuedAt must be a date');
    const existing = await this.credentials.byAward(manager, input.awardId);
    if (existing) return { ...toRecord(existing), created: false };

    const statusListId =
      Math.floor((await this.credentials.nextAllocation(manager)) / CREDENTIALS_PER_LIST) + 1;
    await this.credentials.ensureList(manager, statusListId);
    const id = uuidv7();
    for (let attempt = 0; attempt < SLOT_ATTEMPTS; attempt++) {
      const candidates = Array.from({ length: SLOT_CANDIDATES }, () => randomInt(STATUS_LIST_SIZE));
      const statusListIndex = await this.credentials.freeSlot(manager, statusListId, candidates);
      if (statusListIndex === null) continue;
      const credential = await this.proofs.sign(
        openBadgeCredential(this.proofs.urls, { ...input, id, statusListId, statusListIndex }),
        new Date(),
      );
      const row = {
        id,
        awardId: input.awardId,
        memberId: input.memberId,
        credential,
        statusListId,
        statusListIndex,
        issuedAt: input.issuedAt,
      };
      if (await this.credentials.insert(manager, row)) {
        return { ...row, revokedAt: null, revokedReason: null, created: true };
      }
      const first = await this.credentials.byAward(manager, input.awardId);
      if (first) return { ...toRecord(first), created: false };
      // Another issue took this slot between the look and the insert: sign again for another.
    }
    throw new Error(
      `No free slot found in badge status list ${statusListId} after ${SLOT_ATTEMPTS} attempts`,
    );
  }

  /** Revokes a credential: its bit in the published status list is set from the next read of the list on. */
  async revoke(manager: EntityManager, credentialId: string, reason: string): Promise<BadgeCredentialRecord> {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (text.length < 3 || text.length > 1000) throw new DomainError('CREDENTIAL_REVOCATION_REASON_INVALID');
    if (!UUID.test(credentialId)) throw new DomainError('CREDENTIAL_NOT_FOUND');
    const revoked = await this.credentials.revoke(manager, credentialId, text);
    if (revoked) return toRecord(revoked);
    const row = await this.credentials.byId(credentialId, manager);
    throw new DomainError(row ? 'CREDENTIAL_ALREADY_REVOKED' : 'CREDENTIAL_NOT_FOUND');
  }

  /** The stored credential with its revocation, or null. */
  async find(id: string): Promise<BadgeCredentialRecord | null> {
    if (!UUID.test(id)) return null;
    const row = await this.credentials.byId(id);
    return row ? toRecord(row) : null;
  }

  /** The signed credential, as anyone may fetch it (revoked ones too: their status says so). */
  async get(id: string): Promise<Record<string, unknown>> {
    const record = await this.find(id);
    if (!record) throw new DomainError('CREDENTIAL_NOT_FOUND');
    return record.credential;
  }

  /** The issuer's profile and key (a controller document), served at the issuer's id. */
  issuerDocument() {
    return this.proofs.issuerDocument;
  }

  /**
   * The signed BitstringStatusListCredential of a list. Signed when first read after a change (a revocation bumps
   * the list's revision) and kept: reads in between answer the kept copy.
   */
  async statusList(listId: string): Promise<Record<string, unknown>> {
    const id = parseListId(String(listId));
    const kept = id === null ? null : await this.credentials.signedList(id);
    if (id === null || !kept) throw new DomainError('CREDENTIAL_STATUS_LIST_NOT_FOUND');
    if (kept.signed && kept.signedRevision === kept.revision) return kept.signed;
    const { revision, revoked } = await this.credentials.listSnapshot(id);
    const now = new Date();
    const signed = await this.proofs.sign(
      statusListCredential(this.proofs.urls, id, encodeStatusList(revoked), now),
      now,
    );
    await this.credentials.storeSignedList(id, signed, revision);
    return signed;
  }

  /**
   * Checks a credential someone presents: `shape` (an OpenBadgeCredential as the platform issues them), `proof`
   * (the signature over the whole credential), `issuer` (ours, with our published key), `status` (not revoked in
   * our list) and `expiry` (within validFrom and validUntil). Each is judged on its own, so a changed badge shows
   * what failed; `verified` only when all pass. Refuses (400) only what is no credential at all.
   */
  async verify(credential: unknown): Promise<CredentialVerification> {
    const size = JSON.stringify(credential ?? null).length;
    if (size > MAX_CREDENTIAL_CHARS) throw new DomainError('CREDENTIAL_TOO_LARGE');
    if (!looksLikeCredential(credential)) throw new DomainError('CREDENTIAL_MALFORMED');
    const { urls } = this.proofs;
    const issuer = credential.issuer;
    const issuerId = isObject(issuer) ? issuer.id : issuer;
    const proof = credential.proof;
    const checks = [
      check('shape', hasOpenBadgeShape(credential)),
      check('proof', await this.proofs.verify(credential)),
      check(
        'issuer',
        issuerId === urls.issuerId && isObject(proof) && proof.verificationMethod === urls.keyId,
      ),
      check('status', await this.notRevoked(credential.credentialStatus)),
      check('expiry', this.inValidityPeriod(credential.validFrom, credential.validUntil)),
    ];
    return { verified: checks.every((item) => item.ok), checks };
  }

  private async notRevoked(entry: unknown): Promise<boolean> {
    if (
      !isObject(entry) ||
      !typesOf(entry.type).includes('BitstringStatusListEntry') ||
      entry.statusPurpose !== 'revocation'
    )
      return false;
    const listId = this.proofs.urls.statusListIdOf(entry.statusListCredential);
    const text = entry.statusListIndex;
    if (listId === null || typeof text !== 'string' || !/^(0|[1-9][0-9]{0,5})$/.test(text)) return false;
    const index = Number(text);
    if (index >= STATUS_LIST_SIZE) return false;
    const slot = await this.credentials.slotState(listId, index);
    return slot.listExists && !slot.revoked;
  }

  private inValidityPeriod(validFrom: unknown, validUntil: unknown): boolean {
    const now = Date.now();
    const from = typeof validFrom === 'string' ? Date.parse(validFrom) : Number.NaN;
    if (Number.isNaN(from) || from > now + CLOCK_SKEW_MS) return false;
    if (validUntil === undefined) return true;
    const until = typeof validUntil === 'string' ? Date.parse(validUntil) : Number.NaN;
    return !Number.isNaN(until) && until > now;
  }
}
