import { ApiProperty } from '@nestjs/swagger';

export class CampaignTextResponse {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class CampaignLearningAreaResponse {
  @ApiProperty() code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class CampaignBadgeResponse {
  @ApiProperty() code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class CampaignMemberProgressResponse {
  @ApiProperty({ type: 'integer', description: 'Qualifying actions counted (may pass the target)' })
  count!: number;
  @ApiProperty({ type: 'integer' }) target!: number;
  @ApiProperty() completed!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: '100 once completed' })
  percent!: number;
}

export class CampaignResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => CampaignTextResponse }) title!: CampaignTextResponse;
  @ApiProperty({ type: () => CampaignTextResponse }) description!: CampaignTextResponse;
  @ApiProperty({ enum: ['national', 'area'] }) scope!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId!: string | null;
  @ApiProperty({ enum: ['publish_innovations', 'give_feedback', 'report_adoptions', 'complete_events'] })
  goal!: string;
  @ApiProperty({ type: () => CampaignTextResponse }) goalLabel!: CampaignTextResponse;
  @ApiProperty({ type: () => CampaignLearningAreaResponse, nullable: true })
  learningArea!: CampaignLearningAreaResponse | null;
  @ApiProperty({ type: 'integer' }) target!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Actions count before this instant' }) endsAt!: string;
  @ApiProperty({ enum: ['upcoming', 'running', 'ended'] }) phase!: string;
  @ApiProperty({ type: 'integer', description: 'Bonus points per qualifying action inside the window' })
  bonusPoints!: number;
  @ApiProperty({ type: () => CampaignBadgeResponse, nullable: true }) badge!: CampaignBadgeResponse | null;
  @ApiProperty({ type: () => CampaignMemberProgressResponse, description: 'The caller’s own progress' })
  me!: CampaignMemberProgressResponse;
}

export class CampaignTotalsResponse {
  @ApiProperty({ type: 'integer', description: 'Members with at least one counted action' })
  participants!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
}

export class CampaignProgressResponse {
  @ApiProperty({ type: () => CampaignResponse }) campaign!: CampaignResponse;
  @ApiProperty({ type: () => CampaignMemberProgressResponse }) me!: CampaignMemberProgressResponse;
  @ApiProperty({
    type: () => CampaignTotalsResponse,
    nullable: true,
    description: 'OBEC admins, and the area’s admins for an area campaign; null for others',
  })
  totals!: CampaignTotalsResponse | null;
}
