/**
 * The cockpit's indicators: each code with its Thai and English name and a written definition, how a period is
 * read from the rollups, and the dimensions it can be broken down by. docs/COCKPIT.md says the same in prose; a
 * shipped code is never renamed (the web app and exports name them).
 */

export type Bilingual = { th: string; en: string };

/** What the rollups store per day (cockpit_daily.metric). The KPIs below are read from these. */
export const STORED_METRICS = [
  'members_registered',
  'members_active_7d',
  'members_active_30d',
  'innovations_published',
  'ratings',
  'rating_sum',
  'comments',
  'adoptions',
  'endorsements',
  'al_capable_teachers',
  'points_issued',
  'points_redeemed',
  'redemptions',
  'schools_active_30d',
] as const;
export type StoredMetric = (typeof STORED_METRICS)[number];

/**
 * Counts on a day (distinct members active in a window ending that day, schools with one), stored as their changes:
 * the count on a day is the sum of the changes up to it.
 */
export const COUNTED_AS_CHANGES: readonly StoredMetric[] = [
  'members_active_7d',
  'members_active_30d',
  'schools_active_30d',
];

export const GEO_DIMENSIONS = ['region', 'province', 'area', 'school'] as const;
export const DIMENSIONS = [
  ...GEO_DIMENSIONS,
  'learningArea',
  'competency',
  'technique',
  'memberKind',
  'partner',
  'perkCategory',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type GeoDimension = (typeof GEO_DIMENSIONS)[number];
export type CategoryDimension = Exclude<Dimension, GeoDimension>;

/**
 * How a KPI's value over [from, to] is read:
 * - `flow`: the sum of the stored metric over the days of the period;
 * - `stock`: the sum from the first day ever to `to` (what exists at the end of the period);
 * - `point`: the count on the day `to` (distinct people in a window ending that day), stored as its changes (+1 the
 *   day a member's window opens, −1 the day after it closes), so read like a stock: their sum up to `to`;
 * - `average`: rating_sum ÷ ratings over the period;
 * - `outstanding`: points_issued − points_redeemed from the first day ever to `to`;
 * - `share`: schools with an active member on `to` ÷ the schools in scope, in per cent.
 */
export type KpiRead =
  | { kind: 'flow'; metric: StoredMetric }
  | { kind: 'stock'; metric: StoredMetric }
  | { kind: 'point'; metric: StoredMetric }
  | { kind: 'average' }
  | { kind: 'outstanding' }
  | { kind: 'share' };

export interface Kpi extends Bilingual {
  code: string;
  unit: 'people' | 'count' | 'points' | 'score' | 'percent';
  read: KpiRead;
  /** The category dimensions it splits by (every KPI splits by region, province, area and school). */
  dimensions: readonly CategoryDimension[];
  definition: Bilingual;
}

/** The kinds of event that are Active Learning trainings: completing one is indicator 18's evidence (c). */
export const TRAINING_KINDS = ['workshop', 'coaching'];

/** Member kinds counted as teachers and educational personnel for indicator 18. */
export const EDUCATION_STAFF_KINDS = ['teacher', 'personnel', 'supervisor', 'school_director', 'executive'];

export const KPIS: readonly Kpi[] = [
  {
    code: 'members_registered',
    th: 'สมาชิกที่ลงทะเบียน',
    en: 'Members registered',
    unit: 'people',
    read: { kind: 'flow', metric: 'members_registered' },
    dimensions: ['memberKind'],
    definition: {
      th: 'จำนวนบัญชีสมาชิกที่สมัครในช่วงเวลาที่เลือก (นับตามวันที่สมัคร เวลากรุงเทพฯ รวมบัญชีที่ถูกระงับหรือลบภายหลัง) จำแนกตามโรงเรียนปัจจุบันของสมาชิก',
      en: 'Member accounts created in the period (by the Bangkok date of registration, including accounts later disabled or erased), placed by the member’s current school.',
    },
  },
  {
    code: 'members_active_7d',
    th: 'สมาชิกที่ใช้งานใน 7 วัน',
    en: 'Members active in 7 days',
    unit: 'people',
    read: { kind: 'point', metric: 'members_active_7d' },
    dimensions: ['memberKind'],
    definition: {
      th: 'จำนวนสมาชิก (นับคนละหนึ่งครั้ง) ที่เผยแพร่นวัตกรรม ให้คะแนน แสดงความคิดเห็น หรือรายงานการนำนวัตกรรมไปใช้ อย่างน้อยหนึ่งครั้งภายใน 7 วันที่สิ้นสุดในวันสุดท้ายของช่วงเวลา',
      en: 'Distinct members who published an innovation, rated, commented or reported an adoption at least once in the 7 days ending on the last day of the period.',
    },
  },
  {
    code: 'members_active_30d',
    th: 'สมาชิกที่ใช้งานใน 30 วัน',
    en: 'Members active in 30 days',
    unit: 'people',
    read: { kind: 'point', metric: 'members_active_30d' },
    dimensions: ['memberKind'],
    definition: {
      th: 'จำนวนสมาชิก (นับคนละหนึ่งครั้ง) ที่เผยแพร่นวัตกรรม ให้คะแนน แสดงความคิดเห็น หรือรายงานการนำนวัตกรรมไปใช้ อย่างน้อยหนึ่งครั้งภายใน 30 วันที่สิ้นสุดในวันสุดท้ายของช่วงเวลา',
      en: 'Distinct members who published an innovation, rated, commented or reported an adoption at least once in the 30 days ending on the last day of the period.',
    },
  },
  {
    code: 'innovations_published',
    th: 'นวัตกรรมที่เผยแพร่',
    en: 'Innovations published',
    unit: 'count',
    read: { kind: 'flow', metric: 'innovations_published' },
    dimensions: ['learningArea', 'competency', 'technique'],
    definition: {
      th: 'จำนวนนวัตกรรมที่เผยแพร่ครั้งแรกในช่วงเวลาที่เลือกและยังเผยแพร่อยู่ (ไม่นับที่ถูกซ่อนหรือลบโดยผู้ดูแลเนื้อหา) นับตามโรงเรียนของนวัตกรรม นวัตกรรมหนึ่งเรื่องนับในทุกกลุ่มสาระ สมรรถนะ และเทคนิคที่ระบุ',
      en: 'Innovations first published in the period and still published (not hidden or removed by moderators), placed by the innovation’s school; one innovation counts under each of its learning areas, competencies and techniques.',
    },
  },
  {
    code: 'ratings',
    th: 'การให้คะแนน',
    en: 'Ratings',
    unit: 'count',
    read: { kind: 'flow', metric: 'ratings' },
    dimensions: [],
    definition: {
      th: 'จำนวนการให้คะแนนนวัตกรรมที่ให้ครั้งแรกในช่วงเวลาที่เลือก (การแก้ไขคะแนนไม่นับเพิ่ม) นับตามโรงเรียนของนวัตกรรมที่ได้รับคะแนน',
      en: 'Ratings first given in the period (changing a rating does not count again), placed by the school of the innovation rated.',
    },
  },
  {
    code: 'comments',
    th: 'ความคิดเห็น',
    en: 'Comments',
    unit: 'count',
    read: { kind: 'flow', metric: 'comments' },
    dimensions: [],
    definition: {
      th: 'จำนวนความคิดเห็นและการตอบกลับที่เขียนในช่วงเวลาที่เลือก (รวมที่ลบภายหลัง) นับตามโรงเรียนของนวัตกรรม',
      en: 'Comments and replies written in the period (including ones deleted later), placed by the innovation’s school.',
    },
  },
  {
    code: 'adoptions',
    th: 'การนำนวัตกรรมไปใช้',
    en: 'Adoptions',
    unit: 'count',
    read: { kind: 'flow', metric: 'adoptions' },
    dimensions: [],
    definition: {
      th: 'จำนวนรายงานการนำนวัตกรรมไปใช้ในชั้นเรียนที่ส่งในช่วงเวลาที่เลือก นับตามโรงเรียนที่นำไปใช้',
      en: 'Reports of an innovation used in a classroom made in the period, placed by the school where it was used.',
    },
  },
  {
    code: 'endorsements',
    th: 'การรับรองโดยภาคีเครือข่าย',
    en: 'Endorsements',
    unit: 'count',
    read: { kind: 'flow', metric: 'endorsements' },
    dimensions: ['partner'],
    definition: {
      th: 'จำนวนครั้งที่ภาคีเครือข่ายรับรองนวัตกรรมในช่วงเวลาที่เลือก นับตามโรงเรียนของนวัตกรรม',
      en: 'Partner endorsements of innovations made in the period, placed by the innovation’s school.',
    },
  },
  {
    code: 'avg_quality',
    th: 'คะแนนคุณภาพเฉลี่ย',
    en: 'Average quality',
    unit: 'score',
    read: { kind: 'average' },
    dimensions: [],
    definition: {
      th: 'ค่าเฉลี่ยคะแนนภาพรวม (1–5) ตามคะแนนปัจจุบันของการให้คะแนนที่ให้ครั้งแรกในช่วงเวลาที่เลือก นับตามโรงเรียนของนวัตกรรม ไม่มีค่าเมื่อไม่มีการให้คะแนน',
      en: 'The mean overall score (1–5), as it stands now, of the ratings first given in the period, placed by the innovation’s school; none when there are no ratings.',
    },
  },
  {
    code: 'al_capable_teachers',
    th: 'ครูและบุคลากรที่จัดการเรียนรู้เชิงรุกได้ (ตัวชี้วัดที่ 18)',
    en: 'Teachers able to run Active Learning (indicator 18)',
    unit: 'people',
    read: { kind: 'stock', metric: 'al_capable_teachers' },
    dimensions: ['memberKind'],
    definition: {
      th: 'จำนวนครูและบุคลากรทางการศึกษา (นับคนละหนึ่งครั้ง) ที่ ณ วันสุดท้ายของช่วงเวลามีหลักฐานในแพลตฟอร์มอย่างน้อยหนึ่งข้อ: (ก) เป็นผู้เขียนนวัตกรรมที่เผยแพร่อยู่ซึ่งได้รับคะแนนจากเพื่อนครูอย่างน้อย 3 คนและค่าเฉลี่ยตั้งแต่ 4.0 ขึ้นไป (ข) รายงานการนำนวัตกรรมของผู้อื่นไปใช้ หรือ (ค) ผ่านการอบรมการจัดการเรียนรู้เชิงรุกในแพลตฟอร์ม (อบรมเชิงปฏิบัติการ หรือการโค้ชและพี่เลี้ยง) ครบตามเกณฑ์ นับตั้งแต่วันที่มีหลักฐานครั้งแรก',
      en: 'Distinct teachers and educational personnel who, by the last day of the period, have evidence in the platform: (a) they author a published innovation rated by at least 3 peers with an average of 4.0 or more, (b) they reported using someone else’s innovation, or (c) they completed an Active Learning training on the platform (a workshop or coaching); counted from the day the evidence first held.',
    },
  },
  {
    code: 'points_issued',
    th: 'พอยท์ที่ออกให้',
    en: 'Points issued',
    unit: 'points',
    read: { kind: 'flow', metric: 'points_issued' },
    dimensions: [],
    definition: {
      th: 'พอยท์สุทธิที่สมาชิกได้รับในช่วงเวลาที่เลือก: รางวัลตามกติกาการได้พอยท์และการปรับปรุงโดยผู้ดูแลระบบ หักการเรียกคืน นับตามโรงเรียนปัจจุบันของสมาชิก',
      en: 'Net points given to members in the period: awards of the earning rules and administrators’ adjustments, less reversals; placed by the member’s current school.',
    },
  },
  {
    code: 'points_redeemed',
    th: 'พอยท์ที่แลกสิทธิประโยชน์',
    en: 'Points redeemed',
    unit: 'points',
    read: { kind: 'flow', metric: 'points_redeemed' },
    dimensions: ['partner', 'perkCategory'],
    definition: {
      th: 'พอยท์ที่ตัดจากกระเป๋าสมาชิกเมื่อการแลกสิทธิประโยชน์สำเร็จในช่วงเวลาที่เลือก (ไม่นับที่ยังรอหรือถูกยกเลิก) นับตามโรงเรียนปัจจุบันของสมาชิก',
      en: 'Points taken from members’ wallets by redemptions fulfilled in the period (not pending, rejected, cancelled or expired ones), placed by the member’s current school.',
    },
  },
  {
    code: 'points_outstanding',
    th: 'พอยท์คงเหลือในระบบ',
    en: 'Points outstanding',
    unit: 'points',
    read: { kind: 'outstanding' },
    dimensions: [],
    definition: {
      th: 'ยอดพอยท์รวมในกระเป๋าของสมาชิก ณ สิ้นวันสุดท้ายของช่วงเวลา (พอยท์ที่ออกให้ทั้งหมดหักพอยท์ที่แลกแล้ว รวมพอยท์ที่กันไว้ระหว่างรอการแลก)',
      en: 'The points in members’ wallets at the end of the last day of the period: all points issued less all points redeemed (points held for pending redemptions included).',
    },
  },
  {
    code: 'redemptions',
    th: 'การแลกสิทธิประโยชน์',
    en: 'Redemptions',
    unit: 'count',
    read: { kind: 'flow', metric: 'redemptions' },
    dimensions: ['partner', 'perkCategory'],
    definition: {
      th: 'จำนวนการแลกสิทธิประโยชน์ที่สำเร็จในช่วงเวลาที่เลือก จำแนกตามภาคีเครือข่ายและหมวดหมู่สิทธิประโยชน์ นับตามโรงเรียนปัจจุบันของสมาชิก',
      en: 'Redemptions fulfilled in the period, by partner and perk category, placed by the member’s current school.',
    },
  },
  {
    code: 'schools_with_active_member_share',
    th: 'ร้อยละของโรงเรียนที่มีสมาชิกใช้งาน',
    en: 'Share of schools with an active member',
    unit: 'percent',
    read: { kind: 'share' },
    dimensions: [],
    definition: {
      th: 'ร้อยละของโรงเรียนในขอบเขตที่มีสมาชิกใช้งานอย่างน้อยหนึ่งคนภายใน 30 วันที่สิ้นสุดในวันสุดท้ายของช่วงเวลา (ตัวหารคือจำนวนโรงเรียนในขอบเขตปัจจุบัน)',
      en: 'The per cent of schools in scope with at least one member active in the 30 days ending on the last day of the period (out of the schools in scope today).',
    },
  },
];

const BY_CODE = new Map(KPIS.map((kpi) => [kpi.code, kpi]));

export function kpiOf(code: string): Kpi | undefined {
  return BY_CODE.get(code);
}

/** The stored metrics a KPI reads. */
export function storedMetricsOf(kpi: Kpi): StoredMetric[] {
  switch (kpi.read.kind) {
    case 'flow':
    case 'stock':
    case 'point':
      return [kpi.read.metric];
    case 'average':
      return ['rating_sum', 'ratings'];
    case 'outstanding':
      return ['points_issued', 'points_redeemed'];
    case 'share':
      return ['schools_active_30d'];
  }
}
