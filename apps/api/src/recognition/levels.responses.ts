import { ApiProperty } from '@nestjs/swagger';
import { CRITERION_CODES } from '@lc/recognition';

/** The answers of the level and nomination routes, for the OpenAPI document (the web app's client is made from it). */

export class LevelResponse {
  @ApiProperty({ enum: ['member', 'practitioner', 'change_agent', 'influencer'] }) code!: string;
  @ApiProperty({ type: 'integer', description: '1 member, 2 practitioner, 3 change agent, 4 influencer' })
  rank!: number;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class CriterionProgressResponse {
  @ApiProperty({ enum: CRITERION_CODES }) code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: 'integer' }) required!: number;
  @ApiProperty({ type: 'integer' }) current!: number;
  @ApiProperty() met!: boolean;
}

export class NextLevelResponse {
  @ApiProperty() code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: () => [CriterionProgressResponse] }) criteria!: CriterionProgressResponse[];
}

export class MyLevelResponse {
  @ApiProperty({ type: () => LevelResponse }) level!: LevelResponse;
  @ApiProperty({
    type: () => NextLevelResponse,
    nullable: true,
    description: 'null at the top, or when the next level was revoked',
  })
  next!: NextLevelResponse | null;
}

export class LevelCriterionResponse {
  @ApiProperty({ enum: CRITERION_CODES }) code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: 'integer' }) required!: number;
}

export class LevelWithCriteriaResponse extends LevelResponse {
  @ApiProperty({ type: () => [LevelCriterionResponse] }) criteria!: LevelCriterionResponse[];
}

export class CriterionDefinitionResponse {
  @ApiProperty({ enum: CRITERION_CODES }) code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty() unitTh!: string;
  @ApiProperty() unitEn!: string;
}

export class LevelCriteriaResponse {
  @ApiProperty({ type: () => [LevelWithCriteriaResponse] }) levels!: LevelWithCriteriaResponse[];
  @ApiProperty({ type: () => [CriterionDefinitionResponse] }) criteria!: CriterionDefinitionResponse[];
}

class NominationMemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
}

class NominatorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class NominationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => NominationMemberResponse }) member!: NominationMemberResponse;
  @ApiProperty({ format: 'uuid' }) areaId!: string;
  @ApiProperty({ type: () => NominatorResponse }) nominatedBy!: NominatorResponse;
  @ApiProperty() statement!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
}

export class NominationPageResponse {
  @ApiProperty({ type: () => [NominationResponse] }) items!: NominationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
