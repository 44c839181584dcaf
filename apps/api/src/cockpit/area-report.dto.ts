import { Optional } from '@lc/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';

export class AreaReportQuery {
  @ApiProperty({ format: 'uuid', description: 'The educational service area' })
  @IsUUID()
  areaId!: string;

  @ApiPropertyOptional({
    description:
      'The fiscal year in the Buddhist Era (2570 = 1 Oct 2026 – 30 Sep 2027); by default the current one',
    example: '2570',
  })
  @Optional()
  @IsString()
  @MaxLength(4)
  fiscalYear?: string;
}
