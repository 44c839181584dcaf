import { CreateOutbox1763900000000 } from './1763900000000-CreateOutbox';
import { CreateIdentity1763900100000 } from './1763900100000-CreateIdentity';
import { SeedReferenceAreas1763900200000 } from './1763900200000-SeedReferenceAreas';
import { CreateInnovations1763900300000 } from './1763900300000-CreateInnovations';
import { CreateLedger1763900500000 } from './1763900500000-CreateLedger';
import { CreateMarketplace1763900600000 } from './1763900600000-CreateMarketplace';
import { ShardPartnerClearing1763900650000 } from './1763900650000-ShardPartnerClearing';
import { CreateCommunity1763900800000 } from './1763900800000-CreateCommunity';
import { LedgerTransferInDatabase1763900900000 } from './1763900900000-LedgerTransferInDatabase';
import { RedeemInBatches1763900950000 } from './1763900950000-RedeemInBatches';
import { ActorsInOneQuery1763900970000 } from './1763900970000-ActorsInOneQuery';
import { EmailVerification1763901000000 } from './1763901000000-EmailVerification';
import { ProfileChangeRequests1763901100000 } from './1763901100000-ProfileChangeRequests';
import { PasswordReset1763901300000 } from './1763901300000-PasswordReset';
import { PerkImages1763901400000 } from './1763901400000-PerkImages';
import { PerkReview1763901520000 } from './1763901520000-PerkReview';
import { SqlSources1763901600000 } from './1763901600000-SqlSources';
import { CreateCockpit1763901700000 } from './1763901700000-CreateCockpit';
import { ActivityPlans1763901750000 } from './1763901750000-ActivityPlans';
import { CockpitSpans1763901800000 } from './1763901800000-CockpitSpans';
import { Recognition1763901900000 } from './1763901900000-Recognition';
import { BadgeCredentials1763902000000 } from './1763902000000-BadgeCredentials';
import { Badges1763902100000 } from './1763902100000-Badges';
import { DevelopmentPlans1763902200000 } from './1763902200000-DevelopmentPlans';
import { EvidenceDocuments1763902300000 } from './1763902300000-EvidenceDocuments';
import { Activities1763902400000 } from './1763902400000-Activities';
import { Campaigns1763902500000 } from './1763902500000-Campaigns';
import { EventCriteria1763902600000 } from './1763902600000-EventCriteria';
import { CockpitActivityChanges1763902700000 } from './1763902700000-CockpitActivityChanges';
import { CockpitRecent1763902800000 } from './1763902800000-CockpitRecent';
import { CockpitFirstFill1763902900000 } from './1763902900000-CockpitFirstFill';

/** Every migration, in order. Listed explicitly so builds and tests load exactly the same set. */
export const MIGRATIONS = [
  CreateOutbox1763900000000,
  CreateIdentity1763900100000,
  SeedReferenceAreas1763900200000,
  CreateInnovations1763900300000,
  CreateLedger1763900500000,
  CreateMarketplace1763900600000,
  ShardPartnerClearing1763900650000,
  CreateCommunity1763900800000,
  LedgerTransferInDatabase1763900900000,
  RedeemInBatches1763900950000,
  ActorsInOneQuery1763900970000,
  EmailVerification1763901000000,
  ProfileChangeRequests1763901100000,
  PasswordReset1763901300000,
  PerkImages1763901400000,
  PerkReview1763901520000,
  SqlSources1763901600000,
  CreateCockpit1763901700000,
  ActivityPlans1763901750000,
  CockpitSpans1763901800000,
  Recognition1763901900000,
  BadgeCredentials1763902000000,
  Badges1763902100000,
  DevelopmentPlans1763902200000,
  EvidenceDocuments1763902300000,
  Activities1763902400000,
  Campaigns1763902500000,
  EventCriteria1763902600000,
  CockpitActivityChanges1763902700000,
  CockpitRecent1763902800000,
  CockpitFirstFill1763902900000,
];
