// Modules
export { RecognitionModule, RecognitionWorkerModule } from './recognition.module';

// Levels and nominations
export { LevelsService } from './levels/levels.service';
export type { LevelCriteriaInput, LevelCriteriaView, LevelLabel, MyLevel } from './levels/levels.service';
export { NominationsService } from './levels/nominations.service';
export type { NominationView } from './levels/nominations.service';
export { CRITERIA, CRITERION_CODES } from './levels/criteria';
export type { CriterionCode, CriterionProgress } from './levels/criteria';

// Badges
export { BadgesService } from './badges/badges.service';
export type { BadgeAwardView, BadgeInput, BadgeView } from './badges/badges.service';

// ID PLANs
export { DevelopmentPlansService } from './plans/development-plans.service';
export type { DevelopmentPlanView, PlanInput } from './plans/development-plans.service';

// Evidence for evaluation
export { EvidenceService } from './evidence/evidence.service';
export type { EvidenceFile, EvidenceVerification } from './evidence/evidence.service';

// Portfolio
export { PortfolioService } from './portfolio/portfolio.service';
export type { Portfolio } from './portfolio/portfolio.service';

// Privacy
export { DEFAULT_PRIVACY, PrivacyService } from './privacy/privacy.service';
export type { PortfolioVisibility, Privacy } from './privacy/privacy.service';

// Errors and events
export { RecognitionErrors } from './recognition-errors';
export { RecognitionEvents } from './recognition.events';
export { RecognitionSubscription } from './recognition.subscriber';

// Verifiable badges (Open Badges 3.0 credentials, their status lists and verification)
export { CredentialsModule } from './credentials/credentials.module';
export { CredentialsService } from './credentials/credentials.service';
export type {
  BadgeCredentialRecord,
  CredentialCheck,
  CredentialCheckName,
  CredentialVerification,
  IssueCredentialInput,
} from './credentials/credentials.service';
export type { AchievementInput, BilingualText } from './credentials/credential-shape';
export { CredentialErrors } from './credentials/credential-errors';

// Leaderboards
export { LeaderboardsService } from './leaderboards/leaderboards.service';
export type {
  Leaderboard,
  LeaderboardEntry,
  LeaderboardQuery,
  RebuildOutcome as LeaderboardsRebuildOutcome,
} from './leaderboards/leaderboards.service';
export { BOARDS, QUALITY_MIN_RATERS, RANKED_MEMBER_KINDS } from './leaderboards/leaderboards.repository';
export type { Board } from './leaderboards/leaderboards.repository';
export { PERIODS, periodOf } from './leaderboards/leaderboard-periods';
export type { PeriodCode, PeriodInstance } from './leaderboards/leaderboard-periods';
export { LeaderboardErrors } from './leaderboards/leaderboard-errors';
export { LeaderboardsSubscription } from './leaderboards/leaderboards.subscriber';
