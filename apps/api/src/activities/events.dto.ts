import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
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
import { trim } from '../common/transforms';

const KINDS = ['forum', 'learning_talk', 'showcase', 'workshop', 'coaching'] as const;
const DATE_TIME = {
  description: 'A date and time with its offset, e.g. 2026-12-20T09:00:00+07:00 (Bangkok)',
};

export class EventSessionDto {
  @ApiProperty({ example: 'Learning Talk: ห้องเรียน Active Learning' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title!: string;
  @ApiProperty(DATE_TIME) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty(DATE_TIME) @IsISO8601({ strict: true }) endsAt!: string;
  @ApiProperty({ enum: ['online', 'onsite'] }) @IsIn(['online', 'onsite']) mode!: 'online' | 'onsite';
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The meeting link (https), for online sessions',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  @Matches(/^https:\/\/\S+$/, { message: 'joinUrl must be an https:// link' })
  joinUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where, for on-site sessions' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  venue?: string | null;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4,
    default: 1,
    description: 'How many codes a member enters to have attended (2: one at the start, one at the end)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  checkpoints?: number;
}

export class EventOrganiserDto {
  @ApiProperty({ enum: ['obec', 'area', 'school', 'partner'] })
  @IsIn(['obec', 'area', 'school', 'partner'])
  type!: 'obec' | 'area' | 'school' | 'partner';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The area, school or partner; none for OBEC',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  id?: string | null;
}

export class EventCompletionDto {
  @ApiProperty({
    enum: ['all_sessions', 'min_share'],
    description: 'all_sessions: every session (ผ่านทุกกิจกรรม); min_share: at least a share of the minutes',
  })
  @IsIn(['all_sessions', 'min_share'])
  rule!: 'all_sessions' | 'min_share';
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0.001, maximum: 1, default: 0.8 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1)
  minShare?: number | null;
  @ApiProperty({ description: 'The evaluation form (a rating and comments) is needed too' })
  @IsBoolean()
  evaluationRequired!: boolean;
}

export class EventCertificateDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 365, default: 7, description: 'Days after the event ends' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  issueAfterDays?: number;
  @ApiProperty({ example: 'นายสมชาย ใจดี' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  signatoryName!: string;
  @ApiProperty({ example: 'ผู้อำนวยการสำนักพัฒนาครูและบุคลากรการศึกษาขั้นพื้นฐาน' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  signatoryTitle!: string;
}

export class CreateEventDto {
  @ApiProperty({ enum: KINDS, description: 'eventSessionKinds of the taxonomy' }) @IsIn(KINDS) kind!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 300) title!: string;
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;
  @ApiProperty({ type: () => EventOrganiserDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EventOrganiserDto)
  organiser!: EventOrganiserDto;
  @ApiProperty({ type: () => [EventSessionDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EventSessionDto)
  sessions!: EventSessionDto[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, description: 'Seats; none: no limit' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number | null;
  @ApiPropertyOptional({ default: true, description: 'When full: a waitlist, or refuse (409 EVENT_FULL)' })
  @IsOptional()
  @IsBoolean()
  waitlist?: boolean;
  @ApiProperty(DATE_TIME) @IsISO8601({ strict: true }) registrationOpensAt!: string;
  @ApiProperty(DATE_TIME) @IsISO8601({ strict: true }) registrationClosesAt!: string;
  @ApiProperty({ type: () => EventCompletionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EventCompletionDto)
  completion!: EventCompletionDto;
  @ApiProperty({ type: () => EventCertificateDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EventCertificateDto)
  certificate!: EventCertificateDto;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "An area activity plan of the organiser's area",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  activityPlanId?: string | null;
}

export class EventsQuery {
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ description: 'Events ending on or after: YYYY-MM-DD (Bangkok) or a date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;
  @ApiPropertyOptional({
    description: 'Events starting before the end of: YYYY-MM-DD (Bangkok) or a date-time',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class EventCursorQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class CancelEventDto {
  @ApiProperty({ minLength: 1, maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class CheckInCodeQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 4, default: 1, description: 'Which of the session’s codes' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  checkpoint?: number;
}

export class EventCheckInDto {
  @ApiProperty({ example: 'K7QX3M', description: 'The code on the organiser’s screen (or in the QR’s link)' })
  @IsString()
  @Length(1, 20)
  code!: string;
}

export class AttendanceImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The session (needed when the event has several)' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

export class AttendanceCorrectionDto {
  @ApiProperty({ description: 'Attended (true) or not (false)' }) @IsBoolean() attended!: boolean;
  @ApiPropertyOptional({ minimum: 1, description: 'Minutes attended; default the whole session' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  minutes?: number;
  @ApiProperty({ minLength: 1, maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class EvaluationDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiProperty({ maxLength: 5000 }) @IsString() @MaxLength(5000) comments!: string;
}
