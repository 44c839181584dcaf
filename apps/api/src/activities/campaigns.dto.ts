import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
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

const GOALS = ['publish_innovations', 'give_feedback', 'report_adoptions', 'complete_events'] as const;
const DATE_TIME = {
  description: 'A date and time with its offset, e.g. 2026-12-20T09:00:00+07:00 (Bangkok)',
};

export class CampaignTitleDto {
  @ApiProperty({ example: 'ชวนกันให้ข้อเสนอแนะ 3 ครั้ง' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  th!: string;
  @ApiProperty({ example: 'Give feedback three times' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  en!: string;
}

export class CampaignDescriptionDto {
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) th?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) en?: string;
}

export class CreateCampaignDto {
  @ApiProperty({ type: () => CampaignTitleDto, description: 'The title in Thai and English' })
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignTitleDto)
  title!: CampaignTitleDto;
  @ApiPropertyOptional({ type: () => CampaignDescriptionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDescriptionDto)
  description?: CampaignDescriptionDto;
  @ApiProperty({
    enum: ['national', 'area'],
    description: 'national: OBEC admins; area: the area’s admins (and OBEC admins)',
  })
  @IsIn(['national', 'area'])
  scope!: 'national' | 'area';
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The area, for scope area',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  areaId?: string | null;
  @ApiProperty({
    enum: GOALS,
    description:
      'What counts: publishing innovations; a first rating or a comment on someone else’s innovation; reporting ' +
      'the use of someone else’s innovation; completing an event',
  })
  @IsIn(GOALS)
  goal!: (typeof GOALS)[number];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'MAT',
    description:
      'A learning area code of the taxonomy, for publish_innovations only (400 CAMPAIGN_LEARNING_AREA_UNKNOWN)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(20)
  learningArea?: string | null;
  @ApiProperty({ minimum: 1, maximum: 100_000, description: 'Actions per member to complete the campaign' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  target!: number;
  @ApiProperty(DATE_TIME) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ ...DATE_TIME, description: `${DATE_TIME.description}; actions count before this instant` })
  @IsISO8601({ strict: true })
  endsAt!: string;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1000,
    default: 0,
    description: 'Bonus points per qualifying action inside the window',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  bonusPoints?: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'A badge of criterion "campaign", given on completion (400 CAMPAIGN_BADGE_INVALID otherwise)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{2,39}$/)
  badgeCode?: string | null;
}
