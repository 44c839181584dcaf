import { Optional } from '@lc/core';
import { DIMENSIONS, EXPORT_FORMATS, EXPORT_REPORTS, INTERVALS, KPIS } from '@lc/cockpit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CockpitPeriodQuery } from './cockpit.dto';

/**
 * The query of a cockpit export: the table (`report`), the file (`format`) and the parameters of the read it comes
 * from. Values are checked by CockpitExportService and the reads, each mistake with its own code
 * (COCKPIT_EXPORT_REPORT_UNKNOWN, COCKPIT_EXPORT_FORMAT_UNKNOWN, COCKPIT_METRIC_UNKNOWN, …); here only type and length.
 */
const METRICS = KPIS.map((kpi) => kpi.code);

export class CockpitExportQuery extends CockpitPeriodQuery {
  @ApiProperty({ enum: EXPORT_REPORTS, description: 'Which table of the cockpit' })
  @IsString()
  @MaxLength(40)
  report!: string;

  @ApiProperty({ enum: EXPORT_FORMATS, description: 'CSV (UTF-8 with a BOM) or XLSX' })
  @IsString()
  @MaxLength(10)
  format!: string;

  @ApiPropertyOptional({ enum: DIMENSIONS, description: 'For report=breakdown' })
  @Optional()
  @IsString()
  @MaxLength(40)
  dimension?: string;

  @ApiPropertyOptional({ enum: METRICS, description: 'For report=breakdown and report=timeseries' })
  @Optional()
  @IsString()
  @MaxLength(60)
  metric?: string;

  @ApiPropertyOptional({ enum: INTERVALS, description: 'For report=timeseries' })
  @Optional()
  @IsString()
  @MaxLength(20)
  interval?: string;

  @ApiPropertyOptional({
    description:
      'For report=activity-plans and report=indicator-18: the fiscal year in the Buddhist Era (2570 = 1 Oct 2026 – 30 Sep 2027); by default the current one',
    example: '2570',
  })
  @Optional()
  @IsString()
  @MaxLength(4)
  fiscalYear?: string;
}
