import type { FiscalYear } from '../fiscal-year';
import type {
  AreaTotalsRow,
  EvidenceRow,
  PlanExportRow,
  PlanRow,
  RevisionRow,
} from './activity-plans.repository';
import { satangToBaht } from './money';
import { PARTICIPANTS_PER_AREA, RoleCountsWithTotal, withTotal } from './plans-scope';

/** The two levels an activity is held at, with their Thai and English names. */
export const ACTIVITY_LEVELS = {
  area: { th: 'ระดับเขตพื้นที่การศึกษา', en: 'Area level' },
  school: { th: 'ระดับสถานศึกษา', en: 'School level' },
} as const;

/** Where the API serves an evidence file. */
export function evidenceUrl(planId: string, id: string): string {
  return `/api/v1/activity-plans/${planId}/evidence/${id}`;
}

export interface EvidenceView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: Date;
  url: string;
}

export interface ActivityReportView {
  /** 1 for the first report, one more for each correction. */
  revision: number;
  participants: RoleCountsWithTotal;
  supervisionVisits: number;
  /** Baht with satang, as text ("476000.50"). */
  budgetSpent: string;
  notes: string | null;
  reportedBy: string;
  reportedAt: Date;
}

export interface ActivityPlanView {
  id: string;
  areaId: string;
  fiscalYear: number;
  title: string;
  titleEn: string | null;
  level: 'area' | 'school';
  schoolId: string | null;
  school: { id: string; code: string; nameTh: string; nameEn: string | null } | null;
  startsOn: string;
  endsOn: string;
  targets: RoleCountsWithTotal;
  /** Baht with satang, as text ("497000.00"). */
  budget: string;
  status: 'planned' | 'reported';
  report: ActivityReportView | null;
  /** Members who attended the plan's events on the platform, by role, each once (issue 18). */
  attended: RoleCountsWithTotal;
  evidence: EvidenceView[];
  createdAt: Date;
  updatedAt: Date;
}

export function evidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedAt: row.uploadedAt,
    url: evidenceUrl(row.planId, row.id),
  };
}

export function planView(row: PlanRow, evidence: EvidenceRow[]): ActivityPlanView {
  const report: ActivityReportView | null =
    row.reportRevision === null
      ? null
      : {
          revision: row.reportRevision,
          participants: withTotal({
            educationExecutives: row.educationExecutives!,
            supervisors: row.supervisors!,
            schoolDirectors: row.schoolDirectors!,
            teachers: row.teachers!,
          }),
          supervisionVisits: row.supervisionVisits!,
          budgetSpent: satangToBaht(row.budgetSpentSatang!),
          notes: row.notes,
          reportedBy: row.reportedBy!,
          reportedAt: row.reportedAt!,
        };
  return {
    id: row.id,
    areaId: row.areaId,
    fiscalYear: row.fiscalYear,
    title: row.titleTh,
    titleEn: row.titleEn,
    level: row.level,
    schoolId: row.schoolId,
    school: row.schoolId
      ? { id: row.schoolId, code: row.schoolCode!, nameTh: row.schoolNameTh!, nameEn: row.schoolNameEn }
      : null,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    targets: withTotal({
      educationExecutives: row.targetEducationExecutives,
      supervisors: row.targetSupervisors,
      schoolDirectors: row.targetSchoolDirectors,
      teachers: row.targetTeachers,
    }),
    budget: satangToBaht(row.budgetSatang),
    status: report ? 'reported' : 'planned',
    report,
    attended: withTotal({
      educationExecutives: row.attendedEducationExecutives,
      supervisors: row.attendedSupervisors,
      schoolDirectors: row.attendedSchoolDirectors,
      teachers: row.attendedTeachers,
    }),
    evidence: evidence.filter((file) => file.planId === row.id).map(evidenceView),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function revisionView(row: RevisionRow): ActivityReportView {
  return {
    revision: row.revision,
    participants: withTotal({
      educationExecutives: row.educationExecutives,
      supervisors: row.supervisors,
      schoolDirectors: row.schoolDirectors,
      teachers: row.teachers,
    }),
    supervisionVisits: row.supervisionVisits,
    budgetSpent: satangToBaht(row.budgetSpentSatang),
    notes: row.notes,
    reportedBy: row.reportedBy,
    reportedAt: row.reportedAt,
  };
}

/**
 * One plan, flat, for a CSV/XLSX row: its area, what was planned and what was reported (null while unreported).
 * Money is baht text with two decimals; dates are YYYY-MM-DD (Gregorian; show them in the Buddhist Era in Thai).
 */
export interface ActivityPlanExportRow {
  areaId: string;
  areaCode: string;
  areaTh: string;
  areaEn: string;
  fiscalYear: number;
  planId: string;
  title: string;
  titleEn: string | null;
  level: 'area' | 'school';
  schoolCode: string | null;
  schoolTh: string | null;
  startsOn: string;
  endsOn: string;
  targetEducationExecutives: number;
  targetSupervisors: number;
  targetSchoolDirectors: number;
  targetTeachers: number;
  targetTotal: number;
  actualEducationExecutives: number | null;
  actualSupervisors: number | null;
  actualSchoolDirectors: number | null;
  actualTeachers: number | null;
  actualTotal: number | null;
  supervisionVisits: number | null;
  budgetPlanned: string;
  budgetSpent: string | null;
  reportRevision: number | null;
}

/** The export's columns in order, with Thai and English headers (Thai first). */
export const ACTIVITY_PLAN_EXPORT_COLUMNS: { key: keyof ActivityPlanExportRow; th: string; en: string }[] = [
  { key: 'areaCode', th: 'รหัสเขตพื้นที่', en: 'Area code' },
  { key: 'areaTh', th: 'สำนักงานเขตพื้นที่การศึกษา', en: 'Area (Thai)' },
  { key: 'areaEn', th: 'ชื่อเขตพื้นที่ (อังกฤษ)', en: 'Area' },
  { key: 'fiscalYear', th: 'ปีงบประมาณ', en: 'Fiscal year (BE)' },
  { key: 'title', th: 'ชื่อกิจกรรม', en: 'Activity (Thai)' },
  { key: 'titleEn', th: 'ชื่อกิจกรรม (อังกฤษ)', en: 'Activity' },
  { key: 'level', th: 'ระดับ', en: 'Level' },
  { key: 'schoolCode', th: 'รหัสโรงเรียน', en: 'School code' },
  { key: 'schoolTh', th: 'โรงเรียน', en: 'School' },
  { key: 'startsOn', th: 'วันเริ่ม', en: 'Starts on' },
  { key: 'endsOn', th: 'วันสิ้นสุด', en: 'Ends on' },
  { key: 'targetEducationExecutives', th: 'เป้าหมาย ผู้บริหารการศึกษา', en: 'Target: education executives' },
  { key: 'targetSupervisors', th: 'เป้าหมาย ศึกษานิเทศก์', en: 'Target: supervisors' },
  { key: 'targetSchoolDirectors', th: 'เป้าหมาย ผู้บริหารสถานศึกษา', en: 'Target: school directors' },
  { key: 'targetTeachers', th: 'เป้าหมาย ครูผู้สอน', en: 'Target: teachers' },
  { key: 'targetTotal', th: 'เป้าหมายรวม', en: 'Target: total' },
  { key: 'actualEducationExecutives', th: 'ผลจริง ผู้บริหารการศึกษา', en: 'Actual: education executives' },
  { key: 'actualSupervisors', th: 'ผลจริง ศึกษานิเทศก์', en: 'Actual: supervisors' },
  { key: 'actualSchoolDirectors', th: 'ผลจริง ผู้บริหารสถานศึกษา', en: 'Actual: school directors' },
  { key: 'actualTeachers', th: 'ผลจริง ครูผู้สอน', en: 'Actual: teachers' },
  { key: 'actualTotal', th: 'ผลจริงรวม', en: 'Actual: total' },
  { key: 'supervisionVisits', th: 'การนิเทศชั้นเรียน (ครั้ง)', en: 'Classroom supervision visits' },
  { key: 'budgetPlanned', th: 'งบประมาณตามแผน (บาท)', en: 'Budget planned (baht)' },
  { key: 'budgetSpent', th: 'งบประมาณที่ใช้จริง (บาท)', en: 'Budget spent (baht)' },
];

export function exportRow(row: PlanExportRow): ActivityPlanExportRow {
  const reported = row.reportRevision !== null;
  const targetTotal =
    row.targetEducationExecutives + row.targetSupervisors + row.targetSchoolDirectors + row.targetTeachers;
  return {
    areaId: row.areaId,
    areaCode: row.areaCode,
    areaTh: row.areaNameTh,
    areaEn: row.areaNameEn,
    fiscalYear: row.fiscalYear,
    planId: row.id,
    title: row.titleTh,
    titleEn: row.titleEn,
    level: row.level,
    schoolCode: row.schoolCode,
    schoolTh: row.schoolNameTh,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    targetEducationExecutives: row.targetEducationExecutives,
    targetSupervisors: row.targetSupervisors,
    targetSchoolDirectors: row.targetSchoolDirectors,
    targetTeachers: row.targetTeachers,
    targetTotal,
    actualEducationExecutives: row.educationExecutives,
    actualSupervisors: row.supervisors,
    actualSchoolDirectors: row.schoolDirectors,
    actualTeachers: row.teachers,
    actualTotal: reported
      ? row.educationExecutives! + row.supervisors! + row.schoolDirectors! + row.teachers!
      : null,
    supervisionVisits: row.supervisionVisits,
    budgetPlanned: satangToBaht(row.budgetSatang),
    budgetSpent: row.budgetSpentSatang === null ? null : satangToBaht(row.budgetSpentSatang),
    reportRevision: row.reportRevision,
  };
}

export interface AreaSummaryRow {
  areaId: string;
  code: string;
  th: string;
  en: string;
  plans: number;
  reportedPlans: number;
  target: RoleCountsWithTotal;
  actual: RoleCountsWithTotal;
  targetParticipants: number;
  actualParticipants: number;
  /** Fewer than 500 participants reported in the fiscal year (seed 000's minimum per area). */
  below500: boolean;
  supervisionVisits: number;
  budgetPlanned: string;
  budgetSpent: string;
}

export interface ActivityPlanSummary {
  fiscalYear: { year: number; th: string; en: string };
  scope: string;
  /** The minimum of participants per area (500). */
  threshold: number;
  totals: Omit<AreaSummaryRow, 'areaId' | 'code' | 'th' | 'en' | 'below500'> & {
    areas: number;
    areasBelow500: number;
  };
  areas: AreaSummaryRow[];
}

export function summaryOf(scope: string, year: FiscalYear, rows: AreaTotalsRow[]): ActivityPlanSummary {
  const areas = rows.map((row): AreaSummaryRow => {
    const target = withTotal({
      educationExecutives: row.targetEducationExecutives,
      supervisors: row.targetSupervisors,
      schoolDirectors: row.targetSchoolDirectors,
      teachers: row.targetTeachers,
    });
    const actual = withTotal({
      educationExecutives: row.educationExecutives,
      supervisors: row.supervisors,
      schoolDirectors: row.schoolDirectors,
      teachers: row.teachers,
    });
    return {
      areaId: row.areaId,
      code: row.code,
      th: row.nameTh,
      en: row.nameEn,
      plans: row.plans,
      reportedPlans: row.reportedPlans,
      target,
      actual,
      targetParticipants: target.total,
      actualParticipants: actual.total,
      below500: actual.total < PARTICIPANTS_PER_AREA,
      supervisionVisits: row.supervisionVisits,
      budgetPlanned: satangToBaht(row.budgetSatang),
      budgetSpent: satangToBaht(row.budgetSpentSatang),
    };
  });
  const sum = (pick: (row: AreaSummaryRow) => number) => areas.reduce((total, row) => total + pick(row), 0);
  const sumRoles = (pick: (row: AreaSummaryRow) => RoleCountsWithTotal) =>
    withTotal({
      educationExecutives: sum((row) => pick(row).educationExecutives),
      supervisors: sum((row) => pick(row).supervisors),
      schoolDirectors: sum((row) => pick(row).schoolDirectors),
      teachers: sum((row) => pick(row).teachers),
    });
  const sumBaht = (pick: (row: AreaTotalsRow) => string) =>
    satangToBaht(rows.reduce((total, row) => total + BigInt(pick(row)), 0n));
  const target = sumRoles((row) => row.target);
  const actual = sumRoles((row) => row.actual);
  return {
    fiscalYear: { year: year.year, th: year.th, en: year.en },
    scope,
    threshold: PARTICIPANTS_PER_AREA,
    totals: {
      areas: areas.length,
      areasBelow500: areas.filter((row) => row.below500).length,
      plans: sum((row) => row.plans),
      reportedPlans: sum((row) => row.reportedPlans),
      target,
      actual,
      targetParticipants: target.total,
      actualParticipants: actual.total,
      supervisionVisits: sum((row) => row.supervisionVisits),
      budgetPlanned: sumBaht((row) => row.budgetSatang),
      budgetSpent: sumBaht((row) => row.budgetSpentSatang),
    },
    areas,
  };
}
