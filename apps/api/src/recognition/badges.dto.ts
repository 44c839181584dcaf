import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { trim } from '../common/transforms';

const CRITERIA = [
  'points_earned',
  'innovations_published',
  'quality_innovations',
  'adoptions_other_schools',
  'endorsements',
  'feedback_given',
  'events_completed',
  'forums_completed',
  // Given only by completing a campaign that names the badge (POST /admin/campaigns), never by evidence.
  'campaign',
];
const COLOURS = ['teal', 'orange', 'grape', 'blue', 'pink', 'indigo'];

export class BadgeTextDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 500) th!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 500) en!: string;
}

/** A badge as OBEC writes it: names, description and how it is earned in Thai and English, one criterion. */
export class BadgeFieldsDto {
  @ApiProperty({ description: 'Name in Thai' }) @Transform(trim) @IsString() @Length(1, 120) th!: string;
  @ApiProperty({ description: 'Name in English' }) @Transform(trim) @IsString() @Length(1, 120) en!: string;
  @ApiProperty({ type: () => BadgeTextDto })
  @ValidateNested()
  @Type(() => BadgeTextDto)
  description!: BadgeTextDto;
  @ApiProperty({ type: () => BadgeTextDto, description: 'How it is earned, as members read it' })
  @ValidateNested()
  @Type(() => BadgeTextDto)
  criteria!: BadgeTextDto;
  @ApiProperty({ enum: CRITERIA, description: 'The evidence counted' }) @IsIn(CRITERIA) criterion!: string;
  @ApiProperty({ minimum: 1, maximum: 1_000_000, description: 'How much of it earns the badge' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  required!: number;
  @ApiPropertyOptional({ enum: COLOURS }) @IsOptional() @IsIn(COLOURS) colour?: string;
  @ApiPropertyOptional({ description: 'Inactive badges are no longer awarded (awards stay)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateBadgeDto extends BadgeFieldsDto {
  @ApiProperty({
    description: 'A stable code: 3–40 lower-case letters, digits or _',
    example: 'forum_completed',
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{2,39}$/)
  code!: string;
}
