import { Optional } from '@lc/core';
import { DIMENSIONS, INTERVALS, KPIS } from '@lc/cockpit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/**
 * The cockpit's query strings. Values are checked by CockpitService, which answers each mistake with its own code
 * (COCKPIT_SCOPE_INVALID, COCKPIT_DATE_INVALID, COCKPIT_RANGE_INVALID, COCKPIT_METRIC_UNKNOWN, …); here only their
 * type and length.
 */
const METRICS = KPIS.map((kpi) => kpi.code);

export class CockpitScopeQuery {
  @ApiPropertyOptional({
    description:
      '`national`, `area:<area id>` or `school:<school id>`; by default the widest scope the caller administers',
    example: 'national',
  })
  @Optional()
  @IsString()
  @MaxLength(60)
  scope?: string;
}

export class CockpitPeriodQuery extends CockpitScopeQuery {
  @ApiPropertyOptional({
    description: 'First day (Bangkok date, YYYY-MM-DD); by default the first day of the current fiscal year',
    example: '2026-10-01',
  })
  @Optional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day (Bangkok date, YYYY-MM-DD); by default today',
    example: '2027-03-31',
  })
  @Optional()
  @IsString()
  @MaxLength(10)
  to?: string;
}

export class CockpitBreakdownQuery extends CockpitPeriodQuery {
  @ApiProperty({ enum: DIMENSIONS }) @IsString() @MaxLength(40) dimension!: string;
  @ApiProperty({ enum: METRICS }) @IsString() @MaxLength(60) metric!: string;
}

export class CockpitTimeseriesQuery extends CockpitPeriodQuery {
  @ApiProperty({ enum: METRICS }) @IsString() @MaxLength(60) metric!: string;
  @ApiProperty({ enum: INTERVALS }) @IsString() @MaxLength(20) interval!: string;
}

export class CockpitIndicator18Query extends CockpitScopeQuery {
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
