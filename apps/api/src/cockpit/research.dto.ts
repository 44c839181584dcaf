import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { RESEARCH_DATASETS } from '@lc/cockpit';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ResearchExtractQuery {
  @ApiProperty({ enum: RESEARCH_DATASETS })
  @IsIn(RESEARCH_DATASETS)
  dataset!: string;

  @ApiProperty({ example: '2026-10-01', description: 'First Bangkok day of the period (YYYY-MM-DD)' })
  @IsString()
  @Matches(DAY)
  from!: string;

  @ApiProperty({
    example: '2027-09-30',
    description: 'Last Bangkok day of the period, at most 366 days after from',
  })
  @IsString()
  @Matches(DAY)
  to!: string;
}
