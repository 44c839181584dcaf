import { Optional, Required } from '@lc/core';
import { IsCompetencyJudgements } from '../common/validators';

/** The longest innovation body accepted: far beyond a real post, small enough to index without stalling. */
export const INNOVATION_BODY_MAX = 20_000;
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class CompetencyClaimDto {
  @ApiProperty({ example: 'CBC-HT' }) @IsString() @MaxLength(20) code!: string;
  @ApiProperty({ minimum: 1, maximum: 3 }) @IsInt() @Min(1) @Max(3) strength!: number;
}

export class ClassroomContextDto {
  @ApiPropertyOptional({ enum: ['small', 'medium', 'large', 'extra_large'] })
  @Optional()
  @IsIn(['small', 'medium', 'large', 'extra_large'])
  schoolSize?: string;

  @ApiPropertyOptional({ enum: ['urban', 'suburban', 'rural', 'remote'] })
  @Optional()
  @IsIn(['urban', 'suburban', 'rural', 'remote'])
  setting?: string;

  @ApiPropertyOptional() @Optional() @IsInt() @Min(1) @Max(200) classSize?: number;
}

export class LinkDto {
  @ApiProperty({ example: 'https://www.youtube.com/watch?v=…' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(200) title?: string;
}

export class InnovationFieldsDto {
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) summary?: string;
  @ApiPropertyOptional({
    description: 'Markdown; rendered and sanitised into bodyHtml. A long post is about 5,000 characters.',
  })
  @Optional()
  @IsString()
  @MaxLength(INNOVATION_BODY_MAX)
  body?: string;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  learningAreas?: string[];
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  gradeLevels?: string[];

  @ApiPropertyOptional({ type: [CompetencyClaimDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CompetencyClaimDto)
  competencies?: CompetencyClaimDto[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  techniques?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: ClassroomContextDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClassroomContextDto)
  context?: ClassroomContextDto;

  @ApiPropertyOptional({ type: [LinkDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links?: LinkDto[];

  @ApiPropertyOptional({ enum: ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'] })
  @Optional()
  @IsIn(['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'])
  license?: string;
}

export class CreateInnovationDto extends InnovationFieldsDto {
  // Required: the parent's Optional() must not let a missing title through.
  @ApiProperty() @Required() @Transform(trim) @IsString() @Length(1, 200) declare title: string;
}

export class UpdateInnovationDto extends InnovationFieldsDto {}

export class ListInnovationsQuery {
  @ApiPropertyOptional({ description: 'Thai full-text search' })
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(20) learningArea?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(20) grade?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(20) competency?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(20) technique?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'] })
  @Optional()
  @IsIn(['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'])
  license?: string;
  @ApiPropertyOptional({ enum: ['newest', 'top', 'adopted', 'trending'] })
  @Optional()
  @IsIn(['newest', 'top', 'adopted', 'trending'])
  sort?: 'newest' | 'top' | 'adopted' | 'trending';
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class CommentDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) body!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() parentId?: string;
}

export class EditCommentDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) body!: string;
}

export class RatingCriteriaDto {
  @ApiProperty() @IsInt() @Min(1) @Max(5) clarity!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(5) effect!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(5) adoptability!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(5) competencyFit!: number;
}

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) overall!: number;
  @ApiProperty({ type: RatingCriteriaDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RatingCriteriaDto)
  criteria!: RatingCriteriaDto;
  @ApiPropertyOptional({
    description: 'Judgement per competency of the innovation, 1–5 (at most 12 competencies)',
    example: { 'CBC-HT': 4 },
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 5 },
    maxProperties: 12,
  })
  @Optional()
  // The value as sent: never turned into an object by the transformer (a string would become one key per character).
  @Transform(({ obj }) => (obj as { competencies?: unknown }).competencies)
  @IsCompetencyJudgements()
  competencies?: Record<string, number>;
}

export class AdoptionDto {
  @ApiProperty({ example: 'P5' }) @IsString() @MaxLength(10) gradeLevel!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(200) classSize!: number;
  @ApiProperty({ example: '2026-11-20' }) @IsISO8601({ strict: true }) @Length(10, 10) usedOn!: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(5000) notes?: string;
}

export class ReportDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) reason!: string;
}

export class ModerationNoteDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) note!: string;
}
