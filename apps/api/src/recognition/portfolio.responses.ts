import { ApiProperty } from '@nestjs/swagger';
import { BadgeAwardResponse } from './badges.responses';
import { LevelResponse } from './levels.responses';

/** A member's portfolio, for the OpenAPI document (the web app's client is made from it). */

class PortfolioSchoolResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class PortfolioMemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() memberKind!: string;
  @ApiProperty({ type: () => PortfolioSchoolResponse, nullable: true })
  school!: PortfolioSchoolResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId!: string | null;
}

class PortfolioStatsResponse {
  @ApiProperty({ type: 'integer' }) innovationsPublished!: number;
  @ApiProperty({ type: 'integer' }) ratingsReceived!: number;
  @ApiProperty({ type: Number, nullable: true, description: '1–5' }) averageRating!: number | null;
  @ApiProperty({ type: 'integer', description: 'Adoptions of their innovations by others' })
  adoptions!: number;
  @ApiProperty({ type: 'integer', description: 'Schools where their work was adopted' })
  adoptingSchools!: number;
  @ApiProperty({ type: 'integer', description: 'Areas where their work was adopted' }) adoptingAreas!: number;
  @ApiProperty({ type: 'integer' }) endorsements!: number;
  @ApiProperty({ type: 'integer' }) feedbackGiven!: number;
  @ApiProperty({ type: 'integer' }) pointsEarned!: number;
  @ApiProperty({ type: 'integer' }) badges!: number;
}

class PortfolioInnovationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: Number, nullable: true }) averageRating!: number | null;
  @ApiProperty({ type: 'integer' }) ratings!: number;
  @ApiProperty({ type: 'integer' }) adoptions!: number;
  @ApiProperty({ type: 'integer' }) endorsements!: number;
}

class CompetencyScoreResponse {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'CBC or KC51' }) framework!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: Number, description: '1–5, weighted by ratings and adoptions; 0 when not built' })
  score!: number;
  @ApiProperty({ type: 'integer' }) innovations!: number;
}

class TeachingCriterionResponse {
  @ApiProperty({ enum: ['clarity', 'effect', 'adoptability', 'competencyFit'] }) code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: Number, nullable: true, description: '1–5' }) average!: number | null;
  @ApiProperty({ type: 'integer' }) ratings!: number;
}

class PortfolioPlanGoalResponse {
  @ApiProperty() competency!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: 'integer' }) targetLevel!: number;
}

class PortfolioPlanFiscalYearResponse {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

class PortfolioPlanResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ type: () => PortfolioPlanFiscalYearResponse }) fiscalYear!: PortfolioPlanFiscalYearResponse;
  @ApiProperty({ type: 'integer', description: 'The latest check-in’s progress, 0–100' }) progress!: number;
  @ApiProperty({ type: () => [PortfolioPlanGoalResponse] }) goals!: PortfolioPlanGoalResponse[];
  @ApiProperty({ type: 'integer' }) activitiesDone!: number;
  @ApiProperty({ type: 'integer' }) activities!: number;
}

export class PortfolioCertificateEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['forum', 'learning_talk', 'showcase', 'workshop', 'coaching'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class PortfolioCertificateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LC-2569-000123' }) number!: string;
  @ApiProperty({ type: () => PortfolioCertificateEventResponse }) event!: PortfolioCertificateEventResponse;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ description: 'The public verification page' }) verifyUrl!: string;
}

export class PortfolioResponse {
  @ApiProperty({ type: () => PortfolioMemberResponse }) member!: PortfolioMemberResponse;
  @ApiProperty({ type: () => LevelResponse }) level!: LevelResponse;
  @ApiProperty({ enum: ['public', 'members', 'private'] }) visibility!: string;
  @ApiProperty({ type: () => PortfolioStatsResponse }) stats!: PortfolioStatsResponse;
  @ApiProperty({ type: () => [PortfolioInnovationResponse] }) innovations!: PortfolioInnovationResponse[];
  @ApiProperty({ type: () => [CompetencyScoreResponse] }) competencyRadar!: CompetencyScoreResponse[];
  @ApiProperty({ type: () => [TeachingCriterionResponse] }) teachingProfile!: TeachingCriterionResponse[];
  @ApiProperty({ type: () => [BadgeAwardResponse] }) badges!: BadgeAwardResponse[];
  @ApiProperty({
    type: () => [PortfolioCertificateResponse],
    description: 'Certificates of the events the member completed (in force), newest first',
  })
  certificates!: PortfolioCertificateResponse[];
  @ApiProperty({
    type: () => PortfolioPlanResponse,
    nullable: true,
    description: 'This fiscal year’s ID PLAN and its progress, when the member chose to show it',
  })
  plan!: PortfolioPlanResponse | null;
}
