import { Optional, Required } from '@lc/core';
import { bahtText } from '@lc/cockpit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsString,
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
import { trim } from '../common/transforms';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const DATE_MESSAGE = { message: '$property must be a date written YYYY-MM-DD (Gregorian)' };
const LEVELS = ['area', 'school'] as const;

/** An amount of baht ≥ 0 with at most two satang digits: decimal text ("497000.00") or a JSON number (497000). */
function IsBaht(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isBaht',
      target: object.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an amount of baht of at least 0 with at most 2 decimals, e.g. "497000.00"`,
        ...options,
      },
      validator: { validate: (value: unknown): boolean => bahtText(value) !== null },
    });
}

const BAHT_SCHEMA = {
  oneOf: [
    { type: 'string', pattern: '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$', example: '497000.00' },
    { type: 'number', minimum: 0, example: 497000 },
  ],
};

/** Participants by the four roles of seed 000: whole numbers from 0. */
export class RoleCountsDto {
  @ApiProperty({ description: 'ผู้บริหารการศึกษา' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  educationExecutives!: number;
  @ApiProperty({ description: 'ศึกษานิเทศก์' }) @IsInt() @Min(0) @Max(1_000_000) supervisors!: number;
  @ApiProperty({ description: 'ผู้บริหารสถานศึกษา' }) @IsInt() @Min(0) @Max(1_000_000) schoolDirectors!: number;
  @ApiProperty({ description: 'ครูผู้สอน' }) @IsInt() @Min(0) @Max(1_000_000) teachers!: number;
}

/** A plan's fields, each optional (PATCH); CreateActivityPlanDto requires what a new plan needs. */
export class ActivityPlanFieldsDto {
  @ApiPropertyOptional({
    description: 'The fiscal year, in the Buddhist Era (2570: 1 Oct 2026 – 30 Sep 2027)',
  })
  @Optional()
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear?: number;
  @ApiPropertyOptional({ description: 'Title in Thai' })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Title in English' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  titleEn?: string | null;
  @ApiPropertyOptional({ enum: LEVELS })
  @Optional()
  @IsIn(LEVELS)
  level?: 'area' | 'school';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A school of the area: required at the school level, absent at the area level',
  })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  schoolId?: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'First day, within the fiscal year' })
  @Optional()
  @Matches(DATE, DATE_MESSAGE)
  startsOn?: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day, within the fiscal year, not before startsOn',
  })
  @Optional()
  @Matches(DATE, DATE_MESSAGE)
  endsOn?: string;
  @ApiPropertyOptional({ type: RoleCountsDto, description: 'Target participants by role (all four)' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoleCountsDto)
  targets?: RoleCountsDto;
  @ApiPropertyOptional({ ...BAHT_SCHEMA, description: 'Budget in baht, with satang' })
  @Optional()
  @IsBaht()
  budget?: string | number;
}

export class CreateActivityPlanDto extends ActivityPlanFieldsDto {
  @ApiProperty({ description: 'The fiscal year, in the Buddhist Era (2570: 1 Oct 2026 – 30 Sep 2027)' })
  @Required()
  @IsInt()
  @Min(2500)
  @Max(2700)
  declare fiscalYear: number;
  @ApiProperty({ description: 'Title in Thai' })
  @Required()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  declare title: string;
  @ApiProperty({ enum: LEVELS }) @Required() @IsIn(LEVELS) declare level: 'area' | 'school';
  @ApiProperty({ format: 'date' }) @Required() @Matches(DATE, DATE_MESSAGE) declare startsOn: string;
  @ApiProperty({ format: 'date' }) @Required() @Matches(DATE, DATE_MESSAGE) declare endsOn: string;
  @ApiProperty({ type: RoleCountsDto, description: 'Target participants by role' })
  @Required()
  @IsObject()
  @ValidateNested()
  @Type(() => RoleCountsDto)
  declare targets: RoleCountsDto;
  @ApiProperty({ ...BAHT_SCHEMA, description: 'Budget in baht, with satang' })
  @Required()
  @IsBaht()
  declare budget: string | number;
}

export class UpdateActivityPlanDto extends ActivityPlanFieldsDto {}

/** What happened: replaces the previous report whole (a correction); the history keeps every one. */
export class ReportActivityPlanDto {
  @ApiProperty({ type: RoleCountsDto, description: 'Participants by role' })
  @IsObject()
  @ValidateNested()
  @Type(() => RoleCountsDto)
  participants!: RoleCountsDto;
  @ApiProperty({ description: 'Classroom supervision visits (การนิเทศชั้นเรียน)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  supervisionVisits!: number;
  @ApiProperty({ ...BAHT_SCHEMA, description: 'Budget spent in baht, with satang' })
  @IsBaht()
  budgetSpent!: string | number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Outcomes, problems and suggestions' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
  @ApiPropertyOptional({
    description:
      'The revision this correction was made from (0: no report yet); another report in between → 409 ACTIVITY_REPORT_STALE',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expectedRevision?: number;
}

export class ActivityPlansQuery {
  @ApiPropertyOptional({ description: 'Fiscal year (BE); the current one when absent' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear?: number;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class ActivityPlanSummaryQuery {
  @ApiProperty({ description: 'Fiscal year (BE)' })
  @Type(() => Number)
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear!: number;
  @ApiProperty({ description: 'national (OBEC admins) or area:<area id> (its area admins, OBEC admins)' })
  @IsString()
  @MaxLength(60)
  scope!: string;
}

export class CursorOnlyQuery {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}
