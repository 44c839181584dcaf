import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { BOARDS, PERIODS } from '@lc/recognition';

/**
 * The query of GET /leaderboards. Values are checked by the service, so that each wrong one is refused with its own
 * registered code (LEADERBOARD_SCOPE_INVALID, …) rather than a generic validation failure.
 */
export class LeaderboardQueryDto {
  @ApiPropertyOptional({
    description: 'national (default), area:<area id> or school:<school id>',
    example: 'national',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  scope?: string;

  @ApiPropertyOptional({ enum: BOARDS, description: 'points (default), adoptions or quality' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  board?: string;

  @ApiPropertyOptional({
    enum: PERIODS,
    description:
      'week (ISO week, default), month, term (Thai school term; between terms the last one), fiscalYear ' +
      '(1 Oct – 30 Sep) or all; Bangkok time',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  period?: string;

  @ApiPropertyOptional({ description: 'A learning area code (MAT): only what came from innovations of it' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  learningArea?: string;

  @ApiPropertyOptional({
    description: 'A competency code (CBC-HT): only what came from innovations of it (not with learningArea)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  competency?: string;

  @ApiPropertyOptional({ description: 'How many places from the top, 1–100 (20)', example: '20' })
  @IsOptional()
  @IsString()
  @MaxLength(4)
  limit?: string;
}
