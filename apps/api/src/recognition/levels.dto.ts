import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CRITERION_CODES } from '@lc/recognition';
import { trim } from '../common/transforms';

export class LevelCriterionInputDto {
  @ApiProperty({ enum: CRITERION_CODES }) @IsString() @MaxLength(40) code!: string;
  @ApiProperty({ minimum: 1, maximum: 1_000_000 }) @IsInt() @Min(1) @Max(1_000_000) required!: number;
}

export class LevelCriteriaInputDto {
  @ApiProperty({ enum: ['practitioner', 'change_agent', 'influencer'] })
  @IsString()
  @MaxLength(40)
  code!: string;
  @ApiProperty({ type: () => [LevelCriterionInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LevelCriterionInputDto)
  criteria!: LevelCriterionInputDto[];
}

/** The levels whose criteria change, each replaced whole; the others stay. */
export class UpdateLevelCriteriaDto {
  @ApiProperty({ type: () => [LevelCriteriaInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => LevelCriteriaInputDto)
  levels!: LevelCriteriaInputDto[];
}

export class RecognitionReasonDto {
  @ApiProperty({ description: 'Why, for the member and the audit log (3–1000 characters)' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason!: string;
}

export class NominateDto {
  @ApiProperty({ format: 'uuid', description: 'A Change Agent of an area you administer' })
  @IsUUID()
  memberId!: string;
  @ApiProperty({ description: 'Why this member should be an Influencer (20–3000 characters)' })
  @Transform(trim)
  @IsString()
  @Length(20, 3000)
  statement!: string;
}

export class NominationsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
