/**
 * The shape of a national data set at a given scale: how many of everything, the time window, and the numbers the
 * SQL formulas and the ledger generator share. Everything here is a pure function of (scale, seed, until): a resumed
 * run rebuilds the same plan and so produces the same rows.
 */

const DAY_MS = 24 * 3600 * 1000;

/** Full-scale targets (scale 1): issue 16, "Done when". */
export const FULL_SCALE = {
  schools: 29_000,
  members: 500_000,
  innovations: 1_000_000,
  ratings: 12_000_000,
  comments: 8_000_000,
  adoptions: 1_500_000,
  transfers: 50_000_000,
} as const;

/** Member kinds by their slot in each block of consecutive members (per mille), from data/reference/taxonomy.json. */
export const KIND_SLOTS: readonly (readonly [kind: string, fromPerMille: number])[] = [
  ['teacher', 0],
  ['school_director', 870],
  ['personnel', 928],
  ['supervisor', 945],
  ['executive', 955],
  ['student', 958],
  ['parent', 975],
  ['public', 985],
];

export interface PlanOptions {
  scale: number;
  seed: number;
  /** End of the data window (exclusive), ms since the epoch. */
  untilMs: number;
  /** Transfers per ledger block (LEDGER_BLOCK_SIZE). */
  blockSize: number;
  /** Multiplies every chunk size (tests use small chunks to exercise resumption). */
  chunkFactor: number;
}

export interface PerkPlan {
  index: number;
  partner: number;
  category: number;
  cost: number;
  fulfilment: 'generated_code' | 'manual';
}

export interface Plan extends PlanOptions {
  /** Hex digits 17–20 of every id made by this seed (variant nibble + 12 bits of the seed). */
  seedHex: string;
  t0Ms: number;
  memberSpanMs: number;
  /** Innovations are published from p0Ms over spanPMs. */
  p0Ms: number;
  spanPMs: number;
  /** Activity (ratings, comments, adoptions, transfers) ends here. */
  activityEndMs: number;
  /** The ledger's first transfer time. */
  ledgerStartMs: number;
  schools: number;
  /** Members made by the formulas (indices 0 … members − 1); staff follow them. */
  members: number;
  partners: number;
  staffPerPartner: number;
  moderators: number;
  obecAdmins: number;
  staff: number;
  totalMembers: number;
  /** Members are laid out in blocks of `block`; the slot of a member in its block gives its kind. */
  block: number;
  teachersPerBlock: number;
  directorsPerBlock: number;
  directorSlot: number;
  supervisorsPerBlock: number;
  supervisorSlot: number;
  teachers: number;
  /** A stride coprime with teachers − 1: distinct raters and adopters per innovation. */
  stride: number;
  innovations: number;
  meanRatings: number;
  meanComments: number;
  meanAdoptions: number;
  ratingCap: number;
  commentCap: number;
  adoptionCap: number;
  endorseRate: number;
  transfers: number;
  perks: PerkPlan[];
  chunks: {
    members: number;
    innovations: number;
    feedback: number;
    transfers: number;
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function makePlan(options: PlanOptions): Plan {
  const { scale, seed, untilMs, blockSize, chunkFactor } = options;
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be above 0 and at most 10');
  if (!Number.isInteger(seed) || seed < 0 || seed > 16383)
    throw new Error('--seed must be an integer 0–16383');
  const variant = 8 | ((seed >> 12) & 3);
  const seedHex = variant.toString(16) + (seed & 0xfff).toString(16).padStart(3, '0');

  const t0Ms = untilMs - 1096 * DAY_MS;
  const memberSpanMs = untilMs - 2 * DAY_MS - t0Ms;
  const p0Ms = t0Ms + 14 * DAY_MS;
  const spanPMs = untilMs - DAY_MS - p0Ms;
  const activityEndMs = untilMs - 60_000;
  const ledgerStartMs = t0Ms + DAY_MS;

  const schools = Math.max(245, Math.round(FULL_SCALE.schools * scale));
  const partners = Math.min(60, Math.max(3, Math.round(60 * Math.cbrt(scale))));
  const staffPerPartner = 2;
  const moderators = Math.max(1, Math.round(20 * Math.sqrt(scale)));
  const obecAdmins = Math.max(1, Math.round(5 * Math.sqrt(scale)));
  const staff = partners * staffPerPartner + moderators + obecAdmins;
  const totalMembers = Math.max(staff + 20, Math.round(FULL_SCALE.members * scale));
  const members = totalMembers - staff;

  const block = Math.min(1000, members);
  const slotStart = (perMille: number) => Math.ceil((perMille * block) / 1000);
  const teachersPerBlock = slotStart(870);
  const directorSlot = teachersPerBlock;
  const directorsPerBlock = slotStart(928) - directorSlot;
  const supervisorSlot = slotStart(945);
  const supervisorsPerBlock = slotStart(955) - supervisorSlot;
  const teachers =
    Math.floor(members / block) * teachersPerBlock + Math.min(members % block, teachersPerBlock);
  let stride = Math.max(1, Math.floor(0.6180339887 * (teachers - 1)));
  while (teachers > 2 && gcd(stride, teachers - 1) !== 1) stride++;

  const innovations = Math.max(10, Math.round(FULL_SCALE.innovations * scale));
  // 95 % of innovations are published (3 % drafts, 2 % hidden or removed after publishing); feedback goes to
  // those, so the means per innovation make the totals come out at the targets.
  const withFeedback = innovations * 0.97;
  const ratingCap = Math.min(4000, teachers - 1);
  const adoptionCap = Math.min(4000, teachers - 1);

  const perks: PerkPlan[] = [];
  const costs = [20, 30, 40, 50, 60, 80, 100, 150, 200];
  for (let partner = 0; partner < partners; partner++) {
    for (let q = 0; q < 6; q++) {
      const index = partner * 6 + q;
      perks.push({
        index,
        partner,
        category: (partner + q) % 8,
        cost: costs[(partner * 7 + q * 3) % costs.length]!,
        fulfilment: q === 5 ? 'manual' : 'generated_code',
      });
    }
  }

  const factor = chunkFactor;
  const blocksPerChunk = Math.max(1, Math.round((100_000 * factor) / blockSize));
  return {
    ...options,
    seedHex,
    t0Ms,
    memberSpanMs,
    p0Ms,
    spanPMs,
    activityEndMs,
    ledgerStartMs,
    schools,
    members,
    partners,
    staffPerPartner,
    moderators,
    obecAdmins,
    staff,
    totalMembers,
    block,
    teachersPerBlock,
    directorsPerBlock,
    directorSlot,
    supervisorsPerBlock,
    supervisorSlot,
    teachers,
    stride,
    innovations,
    meanRatings: (FULL_SCALE.ratings * scale) / withFeedback,
    meanComments: (FULL_SCALE.comments * scale) / withFeedback,
    meanAdoptions: (FULL_SCALE.adoptions * scale) / withFeedback,
    ratingCap,
    commentCap: 4000,
    adoptionCap,
    endorseRate: 0.005,
    transfers: Math.max(1000, Math.round(FULL_SCALE.transfers * scale)),
    perks,
    chunks: {
      members: Math.max(100, Math.round(25_000 * factor)),
      innovations: Math.max(20, Math.round(10_000 * factor)),
      feedback: Math.max(20, Math.round(10_000 * factor)),
      transfers: blocksPerChunk * blockSize,
    },
  };
}

/** The options that decide the data; a resumed run must use the same. */
export function planKey(plan: PlanOptions): Record<string, number> {
  return {
    scale: plan.scale,
    seed: plan.seed,
    untilMs: plan.untilMs,
    blockSize: plan.blockSize,
    chunkFactor: plan.chunkFactor,
  };
}

/** `uuid` of the SQL helpers, in TypeScript: UUIDv7 layout, time `ms`, table tag, seed, index. */
export function seedUuid(plan: Plan, tag: number, index: number, ms: number): string {
  const hex =
    ms.toString(16).padStart(12, '0') +
    '7' +
    tag.toString(16).padStart(3, '0') +
    plan.seedHex +
    index.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Table tags inside ids, so ids of different tables never meet. */
export const TAG = {
  school: 1,
  member: 2,
  innovation: 3,
  comment: 4,
  adoption: 5,
  endorsement: 6,
  partner: 7,
  perk: 8,
  roleGrant: 9,
  memberAccount: 10,
  partnerAccount: 11,
  transfer: 12,
  event: 13,
  redemption: 14,
  voucher: 15,
} as const;

/** Ids and times of partners and perks (the ledger needs them in TypeScript too). */
export function partnerId(plan: Plan, partner: number): string {
  return seedUuid(plan, TAG.partner, partner, plan.t0Ms - 2 * DAY_MS);
}

export function perkId(plan: Plan, perk: number): string {
  return seedUuid(plan, TAG.perk, perk, plan.t0Ms - DAY_MS + perk);
}

export { DAY_MS };
