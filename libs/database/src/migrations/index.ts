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
import { ActivityPlans1763901750000 } from './1763901750000-ActivityPlans';

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
  ActivityPlans1763901750000,
];
