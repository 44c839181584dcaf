import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The answers of the marketplace's routes, for the OpenAPI document (the web app's client is generated from it).
 * They document what the services in libs/marketplace return; they are not used to build the answers.
 */

const PERK_STATUSES = ['draft', 'pending_approval', 'live', 'paused', 'ended'];
const LIMIT_PERIODS = ['ever', 'day', 'week', 'month'];
const FULFILMENTS = ['pool_code', 'generated_code', 'manual'];
const REDEMPTION_STATUSES = ['pending', 'fulfilled', 'rejected', 'cancelled', 'expired'];
const PERK_IMAGES_DESCRIPTION =
  'Picture URLs, the first is the cover: https URLs, or same-origin paths of uploaded pictures (/api/v1/perk-images/<id>)';

// Perks

export class PerkEligibilityResponse {
  @ApiPropertyOptional({
    type: [String],
    description: 'Areas whose members may redeem; absent or empty: any',
  })
  areaIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Member kinds that may redeem; absent or empty: any' })
  memberKinds?: string[];
  @ApiPropertyOptional({
    enum: ['practitioner', 'change_agent', 'influencer'],
    description: 'The level (recognition) a member must have reached; absent: any',
  })
  minLevel?: string;
}

/** OBEC's note when it sent a perk back to its partner instead of approving it. */
export class PerkReviewResponse {
  @ApiProperty({ type: String, description: 'What OBEC asks the partner to change' }) note!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was sent back' }) at!: string;
}

/** A perk as its partner and OBEC see it: every column, with the partner's name. */
export class PerkResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) partnerId!: string;
  @ApiProperty({ type: String, description: "The partner's Thai name" }) partnerName!: string;
  @ApiProperty({ type: String, nullable: true, description: "The partner's English name, when it gave one" })
  partnerNameEn!: string | null;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, nullable: true }) titleEn!: string | null;
  @ApiProperty({ type: String }) description!: string;
  @ApiProperty({ type: String, nullable: true }) descriptionEn!: string | null;
  @ApiProperty({ type: String, description: 'A perkCategories code of the taxonomy' }) category!: string;
  @ApiProperty({ type: [String], description: PERK_IMAGES_DESCRIPTION }) images!: string[];
  @ApiProperty({ type: 'integer', description: 'Points' }) cost!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: unlimited' }) stockTotal!:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: unlimited' }) stockLeft!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no limit' }) perMemberLimit!:
    number | null;
  @ApiProperty({ enum: LIMIT_PERIODS }) limitPeriod!: string;
  @ApiProperty({ enum: FULFILMENTS }) fulfilment!: string;
  @ApiProperty({ type: 'integer', description: 'Manual fulfilment: hours before a redemption is voided' })
  fulfilmentHours!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil!: string | null;
  @ApiProperty({ type: () => PerkEligibilityResponse }) eligibility!: PerkEligibilityResponse;
  @ApiProperty({ enum: PERK_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    type: () => PerkReviewResponse,
    nullable: true,
    description: 'Set while a perk OBEC sent back is a draft again; null once the partner submits it again',
  })
  review!: PerkReviewResponse | null;
}

/** A perk of the partner's own, with how many loaded voucher codes are still available. */
export class PartnerPerkResponse extends PerkResponse {
  @ApiProperty({ type: 'integer', description: 'Voucher codes loaded and not yet issued' })
  availableCodes!: number;
}

export class PerkPageResponse {
  @ApiProperty({ type: [PerkResponse] }) items!: PerkResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page of at most 200' })
  nextCursor!: string | null;
}

export class CataloguePerkPartnerResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'Thai name' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'English name, when the partner gave one' })
  nameEn!: string | null;
}

/** A perk as members and guests see it in the catalogue. */
export class CataloguePerkResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => CataloguePerkPartnerResponse }) partner!: CataloguePerkPartnerResponse;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, nullable: true }) titleEn!: string | null;
  @ApiProperty({ type: String }) description!: string;
  @ApiProperty({ type: String, nullable: true }) descriptionEn!: string | null;
  @ApiProperty({ type: String, description: 'A perkCategories code of the taxonomy' }) category!: string;
  @ApiProperty({ type: [String], description: PERK_IMAGES_DESCRIPTION }) images!: string[];
  @ApiProperty({ type: 'integer', description: 'Points' }) cost!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: unlimited' }) stockLeft!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no limit' }) perMemberLimit!:
    number | null;
  @ApiProperty({ enum: LIMIT_PERIODS }) limitPeriod!: string;
  @ApiProperty({ enum: FULFILMENTS }) fulfilment!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil!: string | null;
  @ApiProperty({ enum: PERK_STATUSES, description: 'Live, except for a partner looking at its own' })
  status!: string;
  @ApiProperty({ type: Boolean, description: 'Live and within its validity window' }) open!: boolean;
  @ApiProperty({ type: Boolean, description: 'The caller meets its area, member-kind and level rules' })
  eligible!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Redemptions the member has left this period; null: no limit, or not signed in',
  })
  myRemaining!: number | null;
}

export class CataloguePageResponse {
  @ApiProperty({ type: [CataloguePerkResponse] }) items!: CataloguePerkResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A picture uploaded for the partner's perks: put its url in a perk's images. */
export class PerkImageResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    example: '/api/v1/perk-images/01a24d35-c9a3-72b5-ab99-097b52a7d56f',
    description: 'Where the picture is served (same origin, public, cached for a year)',
  })
  url!: string;
}

export class VoucherCodesLoadedResponse {
  @ApiProperty({ type: 'integer', description: 'Codes sent' }) received!: number;
  @ApiProperty({ type: 'integer', description: 'New codes stored' }) added!: number;
  @ApiProperty({ type: 'integer', description: 'Duplicates, invalid lengths or codes already loaded' })
  skipped!: number;
  @ApiProperty({ type: 'integer', description: 'Codes of the perk now available' }) available!: number;
}

// Redemptions

export class RedemptionReceiptVoucherResponse {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String, description: 'The code as a QR image: an SVG data URL' }) qr!: string;
}

/** The answer to a redemption (the same again for a replay of its Idempotency-Key). */
export class RedemptionReceiptResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) perkId!: string;
  @ApiProperty({
    enum: ['pending', 'fulfilled'],
    description: 'fulfilled: a voucher; pending: manual fulfilment',
  })
  status!: string;
  @ApiProperty({ type: 'integer' }) cost!: number;
  @ApiPropertyOptional({
    type: () => RedemptionReceiptVoucherResponse,
    description: 'Present for voucher perks (pool or generated codes)',
  })
  voucher?: RedemptionReceiptVoucherResponse;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Manual fulfilment: when it is voided if the partner has not fulfilled it',
  })
  deadlineAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class RedemptionPerkResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'Thai title' }) title!: string;
}

export class RedemptionVoucherResponse {
  @ApiProperty({ type: String }) code!: string;
}

export class RedemptionResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => RedemptionPerkResponse }) perk!: RedemptionPerkResponse;
  @ApiProperty({ type: String, format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: REDEMPTION_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer' }) cost!: number;
  @ApiProperty({ type: () => RedemptionVoucherResponse, nullable: true })
  voucher!: RedemptionVoucherResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadlineAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class RedemptionHistoryResponse {
  @ApiProperty({ enum: REDEMPTION_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class RedemptionWithHistoryResponse extends RedemptionResponse {
  @ApiProperty({ type: [RedemptionHistoryResponse], description: 'Oldest first' })
  history!: RedemptionHistoryResponse[];
}

export class RedemptionPageResponse {
  @ApiProperty({ type: [RedemptionWithHistoryResponse] }) items!: RedemptionWithHistoryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class VoucherVerificationResponse {
  @ApiProperty({ enum: ['valid', 'used', 'unknown'], description: 'valid: now marked used' }) result!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Absent when unknown' })
  redemptionId?: string;
  @ApiPropertyOptional({ type: String, description: 'Absent when unknown' }) perkTitle?: string;
}

export class RedemptionStatsRowResponse {
  @ApiProperty({ type: String, format: 'uuid' }) perkId!: string;
  @ApiProperty({ type: String, description: 'Thai title' }) title!: string;
  @ApiProperty({ type: String, format: 'date', description: 'Bangkok date, YYYY-MM-DD' }) day!: string;
  @ApiProperty({ type: 'integer' }) redemptions!: number;
  @ApiProperty({ type: 'integer' }) fulfilled!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer', description: 'Rejected, cancelled or expired' }) returned!: number;
  @ApiProperty({ type: 'integer', description: 'Points of the fulfilled ones' }) points!: number;
}

export class RedemptionStatsResponse {
  @ApiProperty({ type: [RedemptionStatsRowResponse], description: 'Per perk and day, newest day first' })
  items!: RedemptionStatsRowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null' }) nextCursor!: string | null;
}

// Partners

export class PartnerResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ type: String, nullable: true }) descriptionTh!: string | null;
  @ApiProperty({ type: String, nullable: true }) descriptionEn!: string | null;
  @ApiProperty({ type: String, nullable: true }) logoUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone!: string | null;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class PartnerPageResponse {
  @ApiProperty({ type: [PartnerResponse] }) items!: PartnerResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null' }) nextCursor!: string | null;
}

// Endorsements

export class EndorsementPartnerResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'Thai name' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ type: String, nullable: true }) logoUrl!: string | null;
}

export class EndorsementResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) statement!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => EndorsementPartnerResponse }) partner!: EndorsementPartnerResponse;
}

export class EndorsementPageResponse {
  @ApiProperty({ type: [EndorsementResponse] }) items!: EndorsementResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null' }) nextCursor!: string | null;
}
