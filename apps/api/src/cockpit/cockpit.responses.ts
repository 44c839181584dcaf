import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIMENSIONS, INTERVALS, KPIS } from '@lc/cockpit';

/** The answers of the cockpit's read routes, as CockpitService builds them, for the OpenAPI document. */

const METRICS = KPIS.map((kpi) => kpi.code);

export class CockpitTextResponse {
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
}

export class CockpitKpiResponse {
  @ApiProperty({ enum: METRICS }) code!: string;
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ enum: ['people', 'count', 'points', 'score', 'percent'] }) unit!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The value for the period (null: nothing to average)',
  })
  value!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The value for the previous period of the same length',
  })
  previous!: number | null;
  @ApiProperty({ type: () => CockpitTextResponse, description: 'What the number counts, Thai and English' })
  definition!: CockpitTextResponse;
}

export class CockpitSummaryResponse {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the rollups last changed' })
  asOf!: string;
  @ApiProperty({ type: String, example: 'national' }) scope!: string;
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
  @ApiProperty({ type: String, format: 'date' }) previousFrom!: string;
  @ApiProperty({ type: String, format: 'date' }) previousTo!: string;
  @ApiProperty({ type: [CockpitKpiResponse] }) kpis!: CockpitKpiResponse[];
}

export class CockpitBreakdownRowResponse {
  @ApiProperty({
    type: String,
    description: 'An area or school id, a province code, a region or taxonomy code',
  })
  key!: string;
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
}

export class CockpitBreakdownResponse {
  @ApiProperty({ type: String }) scope!: string;
  @ApiProperty({ enum: DIMENSIONS }) dimension!: string;
  @ApiProperty({ enum: METRICS }) metric!: string;
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
  @ApiProperty({
    type: Boolean,
    description: 'Schools of the whole nation: only the top 1,000 rows are given',
  })
  truncated!: boolean;
  @ApiProperty({ type: [CockpitBreakdownRowResponse], description: 'Largest value first' })
  rows!: CockpitBreakdownRowResponse[];
}

export class CockpitPointResponse {
  @ApiProperty({ type: String, format: 'date', description: 'The first day of the bucket within the range' })
  t!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiPropertyOptional({ type: Number, description: 'Fiscal-year buckets: the Buddhist Era year (2570)' })
  fiscalYear?: number;
}

export class CockpitTimeseriesResponse {
  @ApiProperty({ type: String }) scope!: string;
  @ApiProperty({ enum: METRICS }) metric!: string;
  @ApiProperty({ enum: INTERVALS }) interval!: string;
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
  @ApiProperty({ type: [CockpitPointResponse] }) points!: CockpitPointResponse[];
}

export class CockpitIndicator18RowResponse {
  @ApiProperty({ type: String, format: 'uuid' }) areaId!: string;
  @ApiProperty({ type: String, description: 'The area’s stable code (P81, S01)' }) code!: string;
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: Number, description: 'Participants planned in the area’s activity plans of the year' })
  targetParticipants!: number;
  @ApiProperty({
    type: Number,
    description: 'Participants reported by the area’s activity plans of the year',
  })
  actualParticipants!: number;
  @ApiProperty({
    type: Number,
    description: 'Teachers able to run Active Learning at the end of the year (or today)',
  })
  alCapableTeachers!: number;
  @ApiProperty({ type: Number, description: 'Of them, those whose evidence first held during the year' })
  alCapableTeachersNew!: number;
  @ApiProperty({ type: Boolean, description: 'Fewer than 500 actual participants' }) below500!: boolean;
}

export class CockpitIndicator18Response {
  @ApiProperty({ type: Number, example: 2570 }) fiscalYear!: number;
  @ApiProperty({ type: String, example: 'ปีงบประมาณ 2570' }) th!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: [CockpitIndicator18RowResponse] }) rows!: CockpitIndicator18RowResponse[];
}
