import { Optional } from '@lc/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';

export class UpdateRuleDto {
  @ApiPropertyOptional() @Optional() @IsInt() @Min(1) @Max(100_000) points?: number;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capDay?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capWeek?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capMonth?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  activeFrom?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  activeUntil?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(1, 200) nameTh?: string;
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(1, 200) nameEn?: string;
  @ApiProperty({ description: 'Why the rule changes (audited)' })
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class AdjustmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty({ description: 'Whole points: positive credits the member, negative takes back' })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  amount!: number;
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 500) reason!: string;
}
