import { Optional, Required } from '@lc/core';
import { PERK_IMAGE_PATH_PATTERN } from '@lc/marketplace';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsString,
  isURL,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';

/**
 * A perk picture: an https URL, or one of the platform's own uploaded pictures (`/api/v1/perk-images/<uuid>`, as
 * `POST /partner/perk-images` answers it). Anything else (http, other paths, data: URLs) is refused.
 */
function IsPerkImage(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isPerkImage',
      target: object.constructor,
      propertyName: propertyName as string,
      options: {
        message: `each value in ${String(propertyName)} must be an https URL or a /api/v1/perk-images/<id> path`,
        ...options,
      },
      validator: {
        validate: (value: unknown): boolean =>
          typeof value === 'string' &&
          (PERK_IMAGE_PATH_PATTERN.test(value) ||
            isURL(value, { protocols: ['https'], require_protocol: true })),
      },
    });
}

export class EligibilityDto {
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(245)
  @IsUUID('all', { each: true })
  areaIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  memberKinds?: string[];
  @ApiPropertyOptional({
    enum: ['practitioner', 'change_agent', 'influencer'],
    description: 'Only members who reached this level (recognition) may redeem',
  })
  @Optional()
  @IsIn(['practitioner', 'change_agent', 'influencer'])
  minLevel?: 'practitioner' | 'change_agent' | 'influencer';
}

export class PerkFieldsDto {
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional()
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  titleEn?: string | null;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(10_000) description?: string;
  @ApiPropertyOptional()
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  descriptionEn?: string | null;
  @ApiPropertyOptional({ description: 'A perkCategories code of the taxonomy' })
  @Optional()
  @IsString()
  @MaxLength(40)
  category?: string;
  @ApiPropertyOptional({
    type: [String],
    description:
      'https URLs, or paths of pictures uploaded with POST /partner/perk-images (/api/v1/perk-images/<id>); ' +
      "another partner's picture is refused (422 PERK_IMAGE_NOT_OWN)",
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsPerkImage({ each: true })
  images?: string[];
  @ApiPropertyOptional() @Optional() @IsInt() @Min(1) @Max(1_000_000) cost?: number;
  @ApiPropertyOptional({ nullable: true, description: 'null = unlimited' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  stock?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  perMemberLimit?: number | null;
  @ApiPropertyOptional({ enum: ['ever', 'day', 'week', 'month'] })
  @Optional()
  @IsIn(['ever', 'day', 'week', 'month'])
  limitPeriod?: 'ever' | 'day' | 'week' | 'month';
  @ApiPropertyOptional({ enum: ['pool_code', 'generated_code', 'manual'] })
  @Optional()
  @IsIn(['pool_code', 'generated_code', 'manual'])
  fulfilment?: 'pool_code' | 'generated_code' | 'manual';
  @ApiPropertyOptional({
    description: 'Manual fulfilment: hours the partner has before the redemption is voided',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  fulfilmentHours?: number;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  validFrom?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  validUntil?: string | null;
  @ApiPropertyOptional({ type: EligibilityDto, nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility?: EligibilityDto | null;
}

/** Required on each field the parent lets be left out: the parent's Optional() must not let a missing one through. */
export class CreatePerkDto extends PerkFieldsDto {
  @ApiProperty() @Required() @Transform(trim) @IsString() @Length(1, 200) declare title: string;
  @ApiProperty() @Required() @IsString() @MaxLength(40) declare category: string;
  @ApiProperty() @Required() @IsInt() @Min(1) @Max(1_000_000) declare cost: number;
  @ApiProperty({ enum: ['pool_code', 'generated_code', 'manual'] })
  @Required()
  @IsIn(['pool_code', 'generated_code', 'manual'])
  declare fulfilment: 'pool_code' | 'generated_code' | 'manual';
}

export class UpdatePerkDto extends PerkFieldsDto {}

export class CatalogueQuery {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ['newest', 'cost'] }) @Optional() @IsIn(['newest', 'cost']) sort?:
    'newest' | 'cost';
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class VoucherCodesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  codes!: string[];
}

export class RejectDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 500) reason!: string;
}

/** OBEC sends a pending perk back to its partner: what to change, shown to the partner's staff. */
export class ReturnPerkDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'What the partner should change (trimmed)' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class VerifyVoucherDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 100) code!: string;
}

export class PartnerRedemptionsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'fulfilled', 'rejected', 'cancelled', 'expired'] })
  @Optional()
  @IsIn(['pending', 'fulfilled', 'rejected', 'cancelled', 'expired'])
  status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() perkId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class StatsQuery {
  @ApiPropertyOptional() @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
}

export class CreatePartnerDto {
  @ApiProperty({ example: 'tot' }) @Matches(/^[a-z0-9-]{2,40}$/) code!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) nameTh!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(5000) descriptionTh?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(5000) descriptionEn?: string;
  @ApiPropertyOptional()
  @Optional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  logoUrl?: string;
  @ApiPropertyOptional() @Optional() @IsEmail() contactEmail?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(30) contactPhone?: string;
}

export class EndorsementDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) statement!: string;
}

export class RedeemDto {
  @ApiPropertyOptional({ description: 'A note for the partner (manual fulfilment: size, address…)' })
  @Optional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
