import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class EligibilityDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(245)
  @IsUUID('all', { each: true })
  areaIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  memberKinds?: string[];
}

export class PerkFieldsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  titleEn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  descriptionEn?: string | null;
  @ApiPropertyOptional({ description: 'A perkCategories code of the taxonomy' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  images?: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1_000_000) cost?: number;
  @ApiPropertyOptional({ nullable: true, description: 'null = unlimited' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  stock?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  perMemberLimit?: number | null;
  @ApiPropertyOptional({ enum: ['ever', 'day', 'week', 'month'] })
  @IsOptional()
  @IsIn(['ever', 'day', 'week', 'month'])
  limitPeriod?: 'ever' | 'day' | 'week' | 'month';
  @ApiPropertyOptional({ enum: ['pool_code', 'generated_code', 'manual'] })
  @IsOptional()
  @IsIn(['pool_code', 'generated_code', 'manual'])
  fulfilment?: 'pool_code' | 'generated_code' | 'manual';
  @ApiPropertyOptional({
    description: 'Manual fulfilment: hours the partner has before the redemption is voided',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  fulfilmentHours?: number;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601()
  validFrom?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601()
  validUntil?: string | null;
  @ApiPropertyOptional({ type: EligibilityDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility?: EligibilityDto | null;
}

export class CreatePerkDto extends PerkFieldsDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) declare title: string;
  @ApiProperty() @IsString() @MaxLength(40) declare category: string;
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) declare cost: number;
  @ApiProperty({ enum: ['pool_code', 'generated_code', 'manual'] })
  @IsIn(['pool_code', 'generated_code', 'manual'])
  declare fulfilment: 'pool_code' | 'generated_code' | 'manual';
}

export class UpdatePerkDto extends PerkFieldsDto {}

export class CatalogueQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ['newest', 'cost'] }) @IsOptional() @IsIn(['newest', 'cost']) sort?:
    'newest' | 'cost';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class VoucherCodesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  codes!: string[];
}

export class RejectDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 500) reason!: string;
}

export class VerifyVoucherDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 100) code!: string;
}

export class PartnerRedemptionsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'fulfilled', 'rejected', 'cancelled', 'expired'] })
  @IsOptional()
  @IsIn(['pending', 'fulfilled', 'rejected', 'cancelled', 'expired'])
  status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() perkId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class StatsQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
}

export class CreatePartnerDto {
  @ApiProperty({ example: 'tot' }) @Matches(/^[a-z0-9-]{2,40}$/) code!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) nameTh!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) descriptionTh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) descriptionEn?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  logoUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() contactEmail?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) contactPhone?: string;
}

export class EndorsementDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) statement!: string;
}

export class RedeemDto {
  @ApiPropertyOptional({ description: 'A note for the partner (manual fulfilment: size, address…)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
