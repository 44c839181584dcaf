import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Required } from '@lc/core';
import { trim } from '../common/transforms';

export class DevelopmentGoalDto {
  @ApiProperty({ description: 'A learner competency code of the taxonomy (CBC-HT, KC51-COM, …)' })
  @IsString()
  @MaxLength(40)
  competency!: string;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'The level to reach, 1–5' })
  @IsInt()
  @Min(1)
  @Max(5)
  targetLevel!: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class DevelopmentActivityDto {
  @ApiProperty({
    enum: ['perk', 'innovation', 'event', 'other'],
    description: 'A training perk, an innovation to try, an event to attend, or other',
  })
  @IsIn(['perk', 'innovation', 'event', 'other'])
  kind!: 'perk' | 'innovation' | 'event' | 'other';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The perk or innovation',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  refId?: string | null;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 300) title!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-03-31' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
  dueOn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() done?: boolean;
}

export class DevelopmentPlanFieldsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ description: 'Show the plan and its progress on my portfolio' })
  @IsOptional()
  @IsBoolean()
  showOnPortfolio?: boolean;
  @ApiPropertyOptional({ type: () => [DevelopmentGoalDto], description: 'Replaces the goals' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => DevelopmentGoalDto)
  goals?: DevelopmentGoalDto[];
  @ApiPropertyOptional({ type: () => [DevelopmentActivityDto], description: 'Replaces the activities' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DevelopmentActivityDto)
  activities?: DevelopmentActivityDto[];
}

export class CreateDevelopmentPlanDto extends DevelopmentPlanFieldsDto {
  @ApiProperty({ description: 'The fiscal year, Buddhist Era (2570: 1 Oct 2026 – 30 Sep 2027)' })
  @IsInt()
  @Min(2560)
  @Max(2700)
  fiscalYear!: number;
  @ApiProperty() @Required() @Transform(trim) @IsString() @Length(1, 200) declare title: string;
}

export class CheckInDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Progress of the plan, per cent' })
  @IsInt()
  @Min(0)
  @Max(100)
  progress!: number;
  @ApiProperty({ description: 'What I did, learnt and will do next' })
  @Transform(trim)
  @IsString()
  @Length(1, 3000)
  reflection!: string;
}

export class SharePlanDto {
  @ApiProperty({ format: 'uuid', description: 'A supervisor (ศึกษานิเทศก์) or a school director' })
  @IsUUID()
  memberId!: string;
}

export class PlanCommentDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 3000) body!: string;
}

export class FiscalYearQuery {
  @ApiPropertyOptional({ description: 'Buddhist Era; the current fiscal year by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2560)
  @Max(2700)
  fiscalYear?: number;
}

class PlanFiscalYearResponse {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}
class PlanMemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}
class PlanSharedWithResponse extends PlanMemberResponse {
  @ApiProperty() memberKind!: string;
}
class PlanGoalResponse {
  @ApiProperty() competency!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: 'integer' }) targetLevel!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}
class PlanActivityResponse {
  @ApiProperty({ enum: ['perk', 'innovation', 'event', 'other'] }) kind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) refId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) dueOn!: string | null;
  @ApiProperty() done!: boolean;
}
class PlanCheckInResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) progress!: number;
  @ApiProperty() reflection!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
class PlanCommentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => PlanMemberResponse }) author!: PlanMemberResponse;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DevelopmentPlanResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => PlanMemberResponse }) member!: PlanMemberResponse;
  @ApiProperty({ type: () => PlanFiscalYearResponse }) fiscalYear!: PlanFiscalYearResponse;
  @ApiProperty() title!: string;
  @ApiProperty() showOnPortfolio!: boolean;
  @ApiProperty({ type: () => [PlanGoalResponse] }) goals!: PlanGoalResponse[];
  @ApiProperty({ type: () => [PlanActivityResponse] }) activities!: PlanActivityResponse[];
  @ApiProperty({ type: 'integer', description: 'The latest check-in’s progress, 0–100' }) progress!: number;
  @ApiProperty({ type: () => [PlanCheckInResponse] }) checkIns!: PlanCheckInResponse[];
  @ApiProperty({ type: () => [PlanSharedWithResponse] }) sharedWith!: PlanSharedWithResponse[];
  @ApiProperty({ type: () => [PlanCommentResponse] }) comments!: PlanCommentResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MyDevelopmentPlansResponse {
  @ApiProperty({ type: () => [DevelopmentPlanResponse], description: 'The plan of the fiscal year, or none' })
  items!: DevelopmentPlanResponse[];
}
