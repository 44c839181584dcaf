import { ApiProperty } from '@nestjs/swagger';
import { BOARDS, PERIODS } from '@lc/recognition';

/** The answer of GET /leaderboards, for the OpenAPI document (the web app's client is made from it). */

export class LeaderboardSchoolResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
}

export class LeaderboardMemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({
    enum: ['member', 'practitioner', 'change_agent', 'influencer'],
    description: 'Their level (recognition), shown beside their name',
  })
  level!: string;
  @ApiProperty({ type: () => LeaderboardSchoolResponse, nullable: true, description: 'Their current school' })
  school!: LeaderboardSchoolResponse | null;
}

export class LeaderboardEntryResponse {
  @ApiProperty({ type: 'integer', description: '1 is the top' }) rank!: number;
  @ApiProperty({ type: () => LeaderboardMemberResponse }) member!: LeaderboardMemberResponse;
  @ApiProperty({
    description:
      'points: points earned in the period; adoptions: adoptions reported by others; quality: mean peer rating ' +
      '(1–5, two decimals)',
  })
  value!: number;
}

export class LeaderboardMeResponse {
  @ApiProperty({ type: 'integer' }) rank!: number;
  @ApiProperty() value!: number;
}

export class LeaderboardPeriodResponse {
  @ApiProperty({ enum: PERIODS }) code!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null for all time' })
  from!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Exclusive; null for all time',
  })
  to!: string | null;
}

export class LeaderboardResponse {
  @ApiProperty({ enum: BOARDS }) board!: string;
  @ApiProperty({ type: () => LeaderboardPeriodResponse }) period!: LeaderboardPeriodResponse;
  @ApiProperty({ example: 'national', description: 'national, area:<id> or school:<id>' }) scope!: string;
  @ApiProperty({ type: () => [LeaderboardEntryResponse] }) items!: LeaderboardEntryResponse[];
  @ApiProperty({
    type: () => LeaderboardMeResponse,
    nullable: true,
    description: 'My place, also outside the top; null when I am not on this board',
  })
  me!: LeaderboardMeResponse | null;
  @ApiProperty({
    type: () => [LeaderboardEntryResponse],
    description: 'The places just above and below mine (mine included); empty when me is null',
  })
  around!: LeaderboardEntryResponse[];
}
