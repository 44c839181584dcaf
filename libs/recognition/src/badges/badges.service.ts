import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, uuidv7 } from '@lc/core';
import { Actor, AuditRepository } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { credentialBaseUrl } from '../credentials/credentials.module';
import { CredentialsService } from '../credentials/credentials.service';
import { CRITERION_CODES, CriterionCode } from '../levels/criteria';
import type { Evidence } from '../levels/levels.repository';
import { RecognitionErrors } from '../recognition-errors';
import { RecognitionEvents } from '../recognition.events';
import { badgeImageSvg } from './badge-image';
import { BadgeCriterion, BadgeDefinitionRow, BadgesRepository } from './badges.repository';

export interface BadgeView {
  code: string;
  th: string;
  en: string;
  description: { th: string; en: string };
  criteria: { th: string; en: string };
  criterion: BadgeCriterion;
  required: number;
  colour: string;
  active: boolean;
  /** The badge's picture (SVG), the same URL its credentials name. */
  image: string;
}

export interface BadgeAwardView {
  id: string;
  badge: BadgeView;
  awardedAt: string;
  revoked: boolean;
  revokedReason: string | null;
  /** The award's Open Badges 3.0 credential: its id and public address (JSON), for any wallet. */
  credentialId: string | null;
  credentialUrl: string | null;
}

export interface BadgeInput {
  code?: string;
  th: string;
  en: string;
  description: { th: string; en: string };
  criteria: { th: string; en: string };
  criterion: string;
  required: number;
  colour?: string;
  active?: boolean;
}

const CODE = /^[a-z][a-z0-9_]{2,39}$/;
const COLOURS = ['teal', 'orange', 'grape', 'blue', 'pink', 'indigo'];
/**
 * Badges ask for evidence the platform counts by itself (a nomination is a level's matter, not a badge's), or are
 * given by a campaign to those who complete it ('campaign').
 */
const BADGE_CRITERIA: BadgeCriterion[] = [
  ...CRITERION_CODES.filter((code) => code !== 'nomination_approved'),
  'campaign',
];

/**
 * Badges: definitions in Thai and English with one criterion of the member's evidence; awarded automatically and
 * exactly once per member (the unique key of badge_award), each award signed as an Open Badges 3.0 credential in the
 * same transaction, so an award never exists without its credential.
 */
@Injectable()
export class BadgesService {
  private readonly base: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: BadgesRepository,
    private readonly credentials: CredentialsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.base = credentialBaseUrl(config);
  }

  /**
   * The badges these members have now earned and not yet received: awarded, each with its credential and its
   * `badgeAwarded` event, in the caller's transaction. Two batches deciding the same member award once. Campaign
   * badges ask for no evidence and are never earned here (awardCampaignBadge gives them).
   */
  async awardEarned(
    manager: EntityManager,
    members: { memberId: string; eventId: string | null }[],
    evidence: Map<string, Evidence>,
  ): Promise<{ memberId: string; badgeCode: string }[]> {
    const definitions = (await this.repository.definitions(manager, true)).filter(
      (badge): badge is BadgeDefinitionRow & { criterion: CriterionCode } => badge.criterion !== 'campaign',
    );
    const candidates = members.flatMap(({ memberId, eventId }) => {
      const record = evidence.get(memberId);
      if (!record) return [];
      return definitions
        .filter((badge) => (record[badge.criterion] ?? 0) >= badge.required)
        .map((badge) => ({ id: uuidv7(), badgeCode: badge.code, memberId, eventId }));
    });
    return this.award(manager, candidates, definitions);
  }

  /**
   * A campaign's badge for a member who completed it (`activity.campaign_completed`): awarded once per member and
   * badge like any other, with its credential and its `badgeAwarded` event, in the caller's transaction. Only an
   * active badge of criterion 'campaign' is given; answers whether this call awarded it.
   */
  async awardCampaignBadge(
    manager: EntityManager,
    memberId: string,
    badgeCode: string,
    eventId: string | null,
  ): Promise<boolean> {
    const badge = await this.repository.definition(manager, badgeCode);
    if (!badge || badge.criterion !== 'campaign' || !badge.active) return false;
    const awarded = await this.award(manager, [{ id: uuidv7(), badgeCode, memberId, eventId }], [badge]);
    return awarded.length > 0;
  }

  /** Records the awards that are new, signs each one's credential and tells of each, in the caller's transaction. */
  private async award(
    manager: EntityManager,
    candidates: { id: string; badgeCode: string; memberId: string; eventId: string | null }[],
    definitions: BadgeDefinitionRow[],
  ): Promise<{ memberId: string; badgeCode: string }[]> {
    const awarded = await this.repository.award(manager, candidates);
    if (awarded.length === 0) return [];
    const byCode = new Map(definitions.map((badge) => [badge.code, badge]));
    for (const award of awarded) {
      const badge = byCode.get(award.badgeCode)!;
      await this.credentials.issue(manager, {
        awardId: award.id,
        memberId: award.memberId,
        // No name in the credential: the member is named by their platform id only, so that erasing a member
        // (PDPA) leaves no personal data in the credentials they were issued.
        achievement: {
          id: `${this.base}/api/v1/badges/${badge.code}`,
          name: { th: badge.nameTh, en: badge.nameEn },
          description: { th: badge.descriptionTh, en: badge.descriptionEn },
          criteria: { th: badge.criteriaTh, en: badge.criteriaEn },
          image: this.imageUrl(badge.code),
        },
        issuedAt: award.awardedAt,
      });
    }
    await this.outbox.appendMany(
      manager,
      awarded.map((award) => ({
        event: RecognitionEvents.badgeAwarded,
        payload: { awardId: award.id, memberId: award.memberId, badge: award.badgeCode },
      })),
    );
    return awarded.map((award) => ({ memberId: award.memberId, badgeCode: award.badgeCode }));
  }

  async list(includeInactive = false): Promise<BadgeView[]> {
    return (await this.repository.definitions(this.dataSource.manager, !includeInactive)).map((row) =>
      this.view(row),
    );
  }

  async get(code: string): Promise<BadgeView> {
    const row = await this.repository.definition(this.dataSource.manager, code);
    if (!row) throw new DomainError(RecognitionErrors.RECOGNITION_BADGE_NOT_FOUND);
    return this.view(row);
  }

  async image(code: string): Promise<string> {
    const row = await this.repository.definition(this.dataSource.manager, code);
    if (!row) throw new DomainError(RecognitionErrors.RECOGNITION_BADGE_NOT_FOUND);
    return badgeImageSvg(row);
  }

  async awardsOf(memberId: string): Promise<BadgeAwardView[]> {
    const manager = this.dataSource.manager;
    const [awards, definitions] = await Promise.all([
      this.repository.awardsOf(manager, memberId),
      this.repository.definitions(manager),
    ]);
    const byCode = new Map(definitions.map((badge) => [badge.code, badge]));
    return awards.map((award) => ({
      id: award.id,
      badge: this.view(byCode.get(award.badgeCode)!),
      awardedAt: award.awardedAt.toISOString(),
      revoked: award.revokedAt !== null,
      revokedReason: award.revokedReason,
      credentialId: award.credentialId,
      credentialUrl: award.credentialId ? `${this.base}/api/v1/credentials/${award.credentialId}` : null,
    }));
  }

  async create(actor: Actor, input: BadgeInput): Promise<BadgeView> {
    const row = this.checked(input.code ?? '', input);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.insertDefinition(manager, row)))
        throw new DomainError(RecognitionErrors.RECOGNITION_BADGE_EXISTS);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.badge_created',
        targetType: 'badge',
        targetId: null,
        details: { code: row.code, criterion: row.criterion, required: row.required },
      });
    });
    return this.get(row.code);
  }

  /** Texts, criterion and activity of a badge; badges awarded already stay awarded. */
  async update(actor: Actor, code: string, input: BadgeInput): Promise<BadgeView> {
    const row = this.checked(code, input);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.definition(manager, code, true);
      if (!before) throw new DomainError(RecognitionErrors.RECOGNITION_BADGE_NOT_FOUND);
      await this.repository.updateDefinition(manager, row);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.badge_updated',
        targetType: 'badge',
        targetId: null,
        details: { code, before, after: row },
      });
    });
    return this.get(code);
  }

  /** Takes an award back with a reason (audited): its credential is revoked in the published status list. */
  async revokeAward(actor: Actor, awardId: string, reason: string): Promise<BadgeAwardView> {
    const memberId = await this.dataSource.transaction(async (manager) => {
      const award = await this.repository.awardForUpdate(manager, awardId);
      if (!award) throw new DomainError(RecognitionErrors.RECOGNITION_AWARD_NOT_FOUND);
      if (award.revokedAt) throw new DomainError(RecognitionErrors.RECOGNITION_AWARD_REVOKED);
      await this.repository.revokeAward(manager, awardId, actor.memberId, reason);
      if (award.credentialId) await this.credentials.revoke(manager, award.credentialId, reason);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.badge_revoked',
        targetType: 'member',
        targetId: award.memberId,
        reason,
        details: { awardId, badge: award.badgeCode },
      });
      return award.memberId;
    });
    return (await this.awardsOf(memberId)).find((award) => award.id === awardId)!;
  }

  private checked(code: string, input: BadgeInput): BadgeDefinitionRow {
    const text = (value: unknown, max: number) =>
      typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= max;
    if (
      !CODE.test(code) ||
      !(BADGE_CRITERIA as string[]).includes(input.criterion) ||
      !Number.isInteger(input.required) ||
      input.required < 1 ||
      input.required > 1_000_000 ||
      (input.colour !== undefined && !COLOURS.includes(input.colour)) ||
      ![input.th, input.en].every((t) => text(t, 120)) ||
      ![input.description?.th, input.description?.en, input.criteria?.th, input.criteria?.en].every((t) =>
        text(t, 500),
      )
    )
      throw new DomainError(RecognitionErrors.RECOGNITION_BADGE_INVALID);
    return {
      code,
      nameTh: input.th.trim(),
      nameEn: input.en.trim(),
      descriptionTh: input.description.th.trim(),
      descriptionEn: input.description.en.trim(),
      criteriaTh: input.criteria.th.trim(),
      criteriaEn: input.criteria.en.trim(),
      criterion: input.criterion as BadgeCriterion,
      required: input.required,
      colour: input.colour ?? 'teal',
      active: input.active ?? true,
    };
  }

  private imageUrl(code: string): string {
    return `${this.base}/api/v1/badges/${code}/image.svg`;
  }

  private view(row: BadgeDefinitionRow): BadgeView {
    return {
      code: row.code,
      th: row.nameTh,
      en: row.nameEn,
      description: { th: row.descriptionTh, en: row.descriptionEn },
      criteria: { th: row.criteriaTh, en: row.criteriaEn },
      criterion: row.criterion,
      required: row.required,
      colour: row.colour,
      active: row.active,
      image: this.imageUrl(row.code),
    };
  }
}
