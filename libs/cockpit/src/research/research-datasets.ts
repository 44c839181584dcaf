/**
 * The de-identified datasets OBEC admins may download for research (seed 003 §8), each a list of columns (with a
 * Thai and English description: the codebook) and the SQL of its rows for a period.
 *
 * What never leaves: names, e-mail addresses, phone numbers, and free text a person wrote (titles, bodies, comments,
 * notes, reasons), which can name someone. Members appear only as pseudonyms (HMAC-SHA256 of their id under a secret
 * key: the same member has the same pseudonym in every extract; without the key nobody can say who it is).
 *
 * Each row has one person it is about (`person_id`, never written out) and where that person stands: area, school and
 * member kind. Those three can single someone out together (the only director of a small school), so they are
 * written only for groups of at least 5 people in the extract; smaller groups are generalised — the school left out,
 * then the area, then the kind — and a count or an average over fewer than 5 people is written as "<5".
 */
export const RESEARCH_DATASETS = ['innovations', 'feedback', 'adoptions', 'points'] as const;
export type ResearchDataset = (typeof RESEARCH_DATASETS)[number];

/** The smallest group of people a cell may describe. */
export const MIN_GROUP = 5;

export interface ResearchColumn {
  key: string;
  th: string;
  en: string;
  /** A pseudonymised member id. */
  pseudonym?: boolean;
  /** A count or average over the people in `peopleColumn`: written only when they are at least MIN_GROUP. */
  peopleColumn?: string;
}

/** The columns every dataset ends with: where its person stands, generalised for small groups. */
const PLACE: ResearchColumn[] = [
  { key: 'member_kind', th: 'ประเภทสมาชิก (ว่าง: กลุ่มเล็กกว่า 5 คน)', en: 'Member kind (blank: a group under 5)' },
  {
    key: 'area_code',
    th: 'รหัสเขตพื้นที่การศึกษา (ว่าง: กลุ่มเล็กกว่า 5 คน)',
    en: 'Area code (blank: a group under 5)',
  },
  { key: 'school_code', th: 'รหัสโรงเรียน (ว่าง: กลุ่มเล็กกว่า 5 คน)', en: 'School code (blank: a group under 5)' },
];

export interface DatasetDefinition {
  dataset: ResearchDataset;
  th: string;
  en: string;
  columns: ResearchColumn[];
  /**
   * Rows of the period: `person_id`, `area_id`, `school_id`, `person_kind` (the person and their place, for suppression)
   * and every column key except the place columns. $1 and $2 are the period's instants [from, to).
   */
  sql: string;
}

const BANGKOK_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD')`;

export const DATASETS: Record<ResearchDataset, DatasetDefinition> = {
  innovations: {
    dataset: 'innovations',
    th: 'นวัตกรรมที่เผยแพร่ในช่วงเวลา',
    en: 'Innovations published in the period',
    columns: [
      { key: 'innovation_id', th: 'รหัสนวัตกรรม', en: 'Innovation id' },
      { key: 'author', th: 'ผู้เขียน (นามแฝง)', en: 'Author (pseudonym)', pseudonym: true },
      { key: 'published_on', th: 'วันที่เผยแพร่ (เวลาไทย)', en: 'Published on (Bangkok date)' },
      { key: 'learning_areas', th: 'กลุ่มสาระการเรียนรู้', en: 'Learning areas' },
      { key: 'competencies', th: 'สมรรถนะผู้เรียน', en: 'Learner competencies' },
      { key: 'techniques', th: 'เทคนิคการสอน', en: 'Teaching techniques' },
      { key: 'grade_levels', th: 'ระดับชั้น', en: 'Grade levels' },
      { key: 'rating_count', th: 'จำนวนผู้ให้คะแนน', en: 'Ratings', peopleColumn: 'rating_count' },
      {
        key: 'rating_average',
        th: 'คะแนนเฉลี่ย (1–5)',
        en: 'Average rating (1–5)',
        peopleColumn: 'rating_count',
      },
      {
        key: 'adoption_count',
        th: 'จำนวนรายงานการนำไปใช้',
        en: 'Adoption reports',
        peopleColumn: 'adopter_count',
      },
      ...PLACE,
    ],
    sql: `
      SELECT i.author_id AS person_id, coalesce(i.area_id, sc.area_id) AS area_id, i.school_id, m.member_kind AS person_kind,
             i.id AS innovation_id, i.author_id AS author, ${BANGKOK_DAY('i.published_at')} AS published_on,
             array_to_string(i.learning_areas, ' ') AS learning_areas,
             array_to_string(i.competency_codes, ' ') AS competencies,
             array_to_string(i.techniques, ' ') AS techniques, array_to_string(i.grade_levels, ' ') AS grade_levels,
             r.n AS rating_count, r.average AS rating_average, a.n AS adoption_count, a.people AS adopter_count
      FROM innovation i
      JOIN member m ON m.id = i.author_id
      LEFT JOIN school sc ON sc.id = i.school_id
      LEFT JOIN LATERAL (SELECT count(*)::int AS n, round(avg(x.overall), 2) AS average
                         FROM innovation_rating x WHERE x.innovation_id = i.id) r ON true
      LEFT JOIN LATERAL (SELECT count(*)::int AS n, count(DISTINCT x.member_id)::int AS people
                         FROM innovation_adoption x WHERE x.innovation_id = i.id) a ON true
      WHERE i.status = 'published' AND i.published_at >= $1 AND i.published_at < $2`,
  },
  feedback: {
    dataset: 'feedback',
    th: 'คะแนนและความคิดเห็นในช่วงเวลา (ไม่มีข้อความ)',
    en: 'Ratings and comments in the period (no text)',
    columns: [
      { key: 'feedback_type', th: 'ประเภท (rating / comment)', en: 'Type (rating / comment)' },
      { key: 'innovation_id', th: 'รหัสนวัตกรรม', en: 'Innovation id' },
      {
        key: 'member',
        th: 'ผู้ให้ข้อเสนอแนะ (นามแฝง)',
        en: 'Member giving feedback (pseudonym)',
        pseudonym: true,
      },
      {
        key: 'innovation_author',
        th: 'ผู้เขียนนวัตกรรม (นามแฝง)',
        en: 'Innovation author (pseudonym)',
        pseudonym: true,
      },
      { key: 'given_on', th: 'วันที่ (เวลาไทย)', en: 'Date (Bangkok)' },
      { key: 'overall', th: 'คะแนนรวม (1–5)', en: 'Overall (1–5)' },
      { key: 'clarity', th: 'ความชัดเจน (1–5)', en: 'Clarity (1–5)' },
      { key: 'effect', th: 'ผลต่อผู้เรียน (1–5)', en: 'Effect on learners (1–5)' },
      { key: 'adoptability', th: 'นำไปใช้ได้ (1–5)', en: 'Adoptability (1–5)' },
      { key: 'competency_fit', th: 'ตรงสมรรถนะ (1–5)', en: 'Competency fit (1–5)' },
      { key: 'comment_length', th: 'ความยาวความคิดเห็น (ตัวอักษร)', en: 'Comment length (characters)' },
      { key: 'is_reply', th: 'เป็นการตอบกลับ', en: 'Is a reply' },
      ...PLACE,
    ],
    sql: `
      SELECT f.member_id AS person_id, sc.area_id, m.school_id, m.member_kind AS person_kind, f.*
      FROM (
        SELECT 'rating' AS feedback_type, x.innovation_id, x.member_id, x.member_id AS member, i.author_id AS innovation_author,
               ${BANGKOK_DAY('x.created_at')} AS given_on, x.overall, x.clarity, x.effect, x.adoptability, x.competency_fit,
               NULL::int AS comment_length, NULL::boolean AS is_reply, x.created_at AS at
        FROM innovation_rating x JOIN innovation i ON i.id = x.innovation_id
        WHERE x.created_at >= $1 AND x.created_at < $2
        UNION ALL
        SELECT 'comment', x.innovation_id, x.author_id, x.author_id, i.author_id, ${BANGKOK_DAY('x.created_at')},
               NULL, NULL, NULL, NULL, NULL, char_length(x.body), x.parent_id IS NOT NULL, x.created_at
        FROM innovation_comment x JOIN innovation i ON i.id = x.innovation_id
        WHERE x.deleted_at IS NULL AND x.created_at >= $1 AND x.created_at < $2) f
      JOIN member m ON m.id = f.member_id
      LEFT JOIN school sc ON sc.id = m.school_id`,
  },
  adoptions: {
    dataset: 'adoptions',
    th: 'รายงานการนำนวัตกรรมไปใช้ในช่วงเวลา (ไม่มีบันทึก)',
    en: 'Adoption reports in the period (no notes)',
    columns: [
      { key: 'innovation_id', th: 'รหัสนวัตกรรม', en: 'Innovation id' },
      { key: 'adopter', th: 'ผู้นำไปใช้ (นามแฝง)', en: 'Adopter (pseudonym)', pseudonym: true },
      {
        key: 'innovation_author',
        th: 'ผู้เขียนนวัตกรรม (นามแฝง)',
        en: 'Innovation author (pseudonym)',
        pseudonym: true,
      },
      { key: 'reported_on', th: 'วันที่รายงาน (เวลาไทย)', en: 'Reported on (Bangkok date)' },
      { key: 'used_on', th: 'วันที่ใช้ในชั้นเรียน', en: 'Used in class on' },
      { key: 'school_term', th: 'ภาคเรียน', en: 'School term' },
      { key: 'grade_level', th: 'ระดับชั้น', en: 'Grade level' },
      { key: 'class_size', th: 'จำนวนนักเรียน', en: 'Class size' },
      { key: 'same_school', th: 'โรงเรียนเดียวกับผู้เขียน', en: "In the author's school" },
      { key: 'same_area', th: 'เขตพื้นที่เดียวกับผู้เขียน', en: "In the author's area" },
      ...PLACE,
    ],
    sql: `
      SELECT x.member_id AS person_id, sc.area_id, coalesce(x.school_id, m.school_id) AS school_id, m.member_kind AS person_kind,
             x.innovation_id, x.member_id AS adopter, i.author_id AS innovation_author,
             ${BANGKOK_DAY('x.created_at')} AS reported_on, to_char(x.used_on, 'YYYY-MM-DD') AS used_on, x.school_term,
             x.grade_level, x.class_size,
             coalesce(x.school_id, m.school_id) IS NOT DISTINCT FROM i.school_id AS same_school,
             sc.area_id IS NOT DISTINCT FROM coalesce(i.area_id, isc.area_id) AS same_area
      FROM innovation_adoption x
      JOIN innovation i ON i.id = x.innovation_id
      JOIN member m ON m.id = x.member_id
      LEFT JOIN school sc ON sc.id = coalesce(x.school_id, m.school_id)
      LEFT JOIN school isc ON isc.id = i.school_id
      WHERE x.created_at >= $1 AND x.created_at < $2`,
  },
  points: {
    dataset: 'points',
    th: 'การเคลื่อนไหวของพอยท์ในกระเป๋าสมาชิกในช่วงเวลา (ไม่มีข้อความเหตุผล)',
    en: "Movements of points in members' wallets in the period (no reason texts)",
    columns: [
      { key: 'transfer_id', th: 'รหัสรายการ', en: 'Transfer id' },
      { key: 'member', th: 'สมาชิก (นามแฝง)', en: 'Member (pseudonym)', pseudonym: true },
      { key: 'on', th: 'วันที่ (เวลาไทย)', en: 'Date (Bangkok)' },
      { key: 'kind', th: 'ชนิดรายการ', en: 'Transfer kind' },
      { key: 'reason_code', th: 'รหัสเหตุผล', en: 'Reason code' },
      { key: 'points', th: 'พอยท์ (+ ได้รับ / − ใช้)', en: 'Points (+ in / − out)' },
      ...PLACE,
    ],
    sql: `
      SELECT a.owner_id AS person_id, sc.area_id, m.school_id, m.member_kind AS person_kind,
             t.id AS transfer_id, a.owner_id AS member, ${BANGKOK_DAY('t.created_at')} AS "on", t.kind, t.reason_code,
             CASE WHEN a.id = t.credit_account_id THEN t.amount ELSE -t.amount END AS points
      FROM ledger_transfer t
      JOIN ledger_account a ON a.kind = 'member' AND a.id IN (t.debit_account_id, t.credit_account_id)
      JOIN member m ON m.id = a.owner_id
      LEFT JOIN school sc ON sc.id = m.school_id
      WHERE t.created_at >= $1 AND t.created_at < $2`,
  },
};
