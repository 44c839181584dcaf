import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
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
  @IsOptional()
  @IsIn(['small', 'medium', 'large', 'extra_large'])
  schoolSize?: string;

  @ApiPropertyOptional({ enum: ['urban', 'suburban', 'rural', 'remote'] })
  @IsOptional()
  @IsIn(['urban', 'suburban', 'rural', 'remote'])
  setting?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) classSize?: number;
}

export class LinkDto {
  @ApiProperty({ example: 'https://www.youtube.com/watch?v=…' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
}

export class InnovationFieldsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) summary?: string;
  @ApiPropertyOptional({ description: 'Markdown; rendered and sanitised into bodyHtml' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  learningAreas?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsString({ each: true })
  gradeLevels?: string[];

  @ApiPropertyOptional({ type: [CompetencyClaimDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CompetencyClaimDto)
  competencies?: CompetencyClaimDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  techniques?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: ClassroomContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClassroomContextDto)
  context?: ClassroomContextDto;

  @ApiPropertyOptional({ type: [LinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links?: LinkDto[];

  @ApiPropertyOptional({ enum: ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'] })
  @IsOptional()
  @IsIn(['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'])
  license?: string;
}

export class CreateInnovationDto extends InnovationFieldsDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) declare title: string;
}

export class UpdateInnovationDto extends InnovationFieldsDto {}

export class ListInnovationsQuery {
  @ApiPropertyOptional({ description: 'Thai full-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) learningArea?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) grade?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) competency?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) technique?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'] })
  @IsOptional()
  @IsIn(['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'])
  license?: string;
  @ApiPropertyOptional({ enum: ['newest', 'top', 'adopted', 'trending'] })
  @IsOptional()
  @IsIn(['newest', 'top', 'adopted', 'trending'])
  sort?: 'newest' | 'top' | 'adopted' | 'trending';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class CommentDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) body!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() parentId?: string;
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
  @ValidateNested()
  @Type(() => RatingCriteriaDto)
  criteria!: RatingCriteriaDto;
  @ApiPropertyOptional({
    description: 'Judgement per competency of the innovation, 1–5',
    example: { 'CBC-HT': 4 },
  })
  @IsOptional()
  competencies?: Record<string, number>;
}

export class AdoptionDto {
  @ApiProperty({ example: 'P5' }) @IsString() @MaxLength(10) gradeLevel!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(200) classSize!: number;
  @ApiProperty({ example: '2026-11-20' }) @IsISO8601({ strict: true }) @Length(10, 10) usedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}

export class ReportDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) reason!: string;
}

export class ModerationNoteDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 1000) note!: string;
}
