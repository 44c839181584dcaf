import { ApiProperty } from '@nestjs/swagger';

const CHECK_STATES = ['up', 'down'];

export class HealthLiveResponse {
  @ApiProperty({ type: String, enum: ['ok'] }) status!: 'ok';
}

export class HealthChecksResponse {
  @ApiProperty({ type: String, enum: CHECK_STATES }) database!: 'up' | 'down';
  @ApiProperty({ type: String, enum: CHECK_STATES }) redis!: 'up' | 'down';
  @ApiProperty({ type: String, enum: CHECK_STATES, description: 'Every migration applied' })
  migrations!: 'up' | 'down';
}

export class HealthReadyResponse {
  @ApiProperty({ type: String, enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: () => HealthChecksResponse }) checks!: HealthChecksResponse;
}

/** The 503 answer of /health/ready (application/problem+json). */
export class HealthNotReadyProblemResponse {
  @ApiProperty({ type: String, enum: ['https://learning-community.obec.go.th/problems/service-unavailable'] })
  type!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: 'integer', enum: [503] }) status!: 503;
  @ApiProperty({ type: String }) detail!: string;
  @ApiProperty({ type: String, enum: ['SERVICE_UNAVAILABLE'] }) code!: 'SERVICE_UNAVAILABLE';
  @ApiProperty({
    type: [String],
    enum: ['database', 'redis', 'migrations'],
    description: 'The checks that failed',
  })
  failed!: string[];
  @ApiProperty({ type: () => HealthChecksResponse }) checks!: HealthChecksResponse;
}
