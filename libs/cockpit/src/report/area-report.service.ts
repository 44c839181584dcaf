import { Injectable } from '@nestjs/common';
import { DomainError } from '@lc/core';
import { Actor, OrganisationsService } from '@lc/identity';
import { InnovationsService } from '@lc/innovations';
import { PdfJobs } from '@lc/pdf';
import { CockpitErrors } from '../cockpit-errors';
import type { CockpitScope } from '../cockpit-scope';
import { CockpitService } from '../cockpit.service';
import { kpiOf } from '../kpis';
import { fiscalYearPeriod, fiscalYearStartOf, today } from '../periods';
import { ActivityPlansService, PARTICIPANT_ROLES, PARTICIPANTS_PER_AREA } from '../plans';
import type { ActivityPlanView } from '../plans';
import { bahtToSatang, satangToBaht } from '../plans/money';
import { AREA_REPORT_KIND, AreaReportData, AreaReportInnovation, AreaReportSeries } from './area-report.data';

/** The monthly series the report draws. */
const MONTHLY_METRICS = ['innovations_published', 'adoptions', 'al_capable_teachers'] as const;
/** Innovations listed as the area's best. */
const TOP_INNOVATIONS = 10;
/** Plans read for one report at most (pages of the plans' list). */
const MAX_PLAN_PAGES = 50;
/** How long the caller waits for the worker's PDF. */
const RENDER_TIMEOUT_MS = 45_000;

export interface AreaReportFile {
  filename: string;
  pdf: Buffer;
}

/**
 * The printable area report (seed 004's report of targets against actuals) for a fiscal year: the api gathers its
 * numbers through the cockpit's reads (scope checked as every read is: the area's admins and OBEC admins), the
 * activity plans and the innovations' public ranking, then asks the worker to print it (`cockpit.area-report`).
 */
@Injectable()
export class AreaReportService {
  constructor(
    private readonly cockpit: CockpitService,
    private readonly plans: ActivityPlansService,
    private readonly organisations: OrganisationsService,
    private readonly innovations: InnovationsService,
    private readonly pdfs: PdfJobs,
  ) {}

  /** 403 COCKPIT_SCOPE_FORBIDDEN out of scope, 404 COCKPIT_SCOPE_NOT_FOUND (OBEC admins) for an unknown area. */
  async render(actor: Actor, areaId: string, fiscalYear?: string): Promise<AreaReportFile> {
    const scope = await this.cockpit.authorise(actor, `area:${areaId}`);
    const data = await this.data(actor, scope, fiscalYear);
    const pdf = await this.pdfs.renderInWorker(AREA_REPORT_KIND, data, { timeoutMs: RENDER_TIMEOUT_MS });
    const code = data.area.code.replace(/[^A-Za-z0-9_-]+/g, '-');
    return { filename: `area-report-${code}-${data.fiscalYear.year}.pdf`, pdf };
  }

  /** The report's numbers for an area scope and a fiscal year (Buddhist Era; the current one by default). */
  async data(actor: Actor, scope: CockpitScope, fiscalYear?: string): Promise<AreaReportData> {
    if (scope.kind !== 'area') throw new DomainError(CockpitErrors.COCKPIT_SCOPE_INVALID, 'an area');
    const year = parseFiscalYear(fiscalYear);
    const fy = fiscalYearPeriod(year);
    const now = today();
    // The KPIs of the year so far; a year not begun yet shows its first day.
    const to = now < fy.from ? fy.from : now > fy.to ? fy.to : now;

    const [area, plans, summary, indicator18, monthly, top] = await Promise.all([
      this.organisations.area(scope.areaId),
      this.allPlans(actor, scope.areaId, year),
      this.cockpit.summary(scope, { from: fy.from, to }),
      this.cockpit.indicator18(scope, String(year)),
      Promise.all(
        MONTHLY_METRICS.map(async (code): Promise<AreaReportSeries> => {
          const series = await this.cockpit.timeseries(scope, {
            metric: code,
            interval: 'month',
            from: fy.from,
            to,
          });
          const kpi = kpiOf(code)!;
          return {
            code,
            th: kpi.th,
            en: kpi.en,
            points: series.points.map(({ t, value }) => ({ t, value })),
          };
        }),
      ),
      this.topInnovations(scope.areaId),
    ]);

    const roles = PARTICIPANT_ROLES.map((role) => ({
      key: role.key,
      th: role.th,
      en: role.en,
      target: plans.reduce((sum, plan) => sum + plan.targets[role.key], 0),
      actual: plans.reduce((sum, plan) => sum + (plan.report?.participants[role.key] ?? 0), 0),
    }));
    const satang = (amounts: string[]) =>
      satangToBaht(amounts.reduce((sum, amount) => sum + BigInt(bahtToSatang(amount)), 0n));
    const reported = plans.filter((plan) => plan.report);
    const al = kpiOf('al_capable_teachers')!;
    const row = indicator18.rows.find((r) => r.areaId === scope.areaId);

    return {
      version: 1,
      area: {
        id: area.id,
        code: area.code,
        nameTh: area.nameTh,
        shortNameTh: area.shortNameTh,
        nameEn: area.nameEn,
      },
      fiscalYear: { year, th: fy.th, en: fy.en, from: fy.from, to: fy.to },
      period: {
        from: summary.from,
        to: summary.to,
        previousFrom: summary.previousFrom,
        previousTo: summary.previousTo,
      },
      printedAt: new Date().toISOString(),
      asOf: summary.asOf,
      threshold: PARTICIPANTS_PER_AREA,
      roles,
      totals: {
        plans: plans.length,
        reportedPlans: reported.length,
        target: roles.reduce((sum, role) => sum + role.target, 0),
        actual: roles.reduce((sum, role) => sum + role.actual, 0),
        supervisionVisits: reported.reduce((sum, plan) => sum + plan.report!.supervisionVisits, 0),
        budget: satang(plans.map((plan) => plan.budget)),
        budgetSpent: satang(reported.map((plan) => plan.report!.budgetSpent)),
      },
      plans: plans.map((plan) => ({
        title: plan.title,
        titleEn: plan.titleEn,
        level: plan.level,
        schoolTh: plan.school?.nameTh ?? null,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        target: plan.targets.total,
        actual: plan.report?.participants.total ?? null,
        supervisionVisits: plan.report?.supervisionVisits ?? null,
        budget: plan.budget,
        budgetSpent: plan.report?.budgetSpent ?? null,
        notes: plan.report?.notes ?? null,
      })),
      indicator18: {
        value: row?.alCapableTeachers ?? 0,
        newThisYear: row?.alCapableTeachersNew ?? 0,
        th: al.th,
        en: al.en,
        definition: al.definition,
      },
      kpis: summary.kpis.map(({ code, th, en, unit, value, previous }) => ({
        code,
        th,
        en,
        unit,
        value,
        previous,
      })),
      monthly,
      topInnovations: top,
    };
  }

  /** Every plan of the area in the year, by start date (the plans' own list, page after page). */
  private async allPlans(actor: Actor, areaId: string, year: number): Promise<ActivityPlanView[]> {
    const plans: ActivityPlanView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PLAN_PAGES; page += 1) {
      const result = await this.plans.list(actor, areaId, year, cursor);
      plans.push(...result.items);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    return plans;
  }

  /** The area's published innovations ranked as the platform ranks them by quality (`top`), rated ones only. */
  private async topInnovations(areaId: string): Promise<AreaReportInnovation[]> {
    const page = await this.innovations.list(undefined, { areaId, sort: 'top' });
    return page.items
      .filter((item) => item.rating.count > 0)
      .slice(0, TOP_INNOVATIONS)
      .map((item) => ({
        title: item.title,
        author: item.author.displayName,
        school: item.school?.name ?? null,
        average: item.rating.average,
        ratings: item.rating.count,
        adoptions: item.adoptionCount,
        publishedOn: item.publishedAt ? new Date(item.publishedAt).toISOString() : null,
      }));
  }
}

/** A Buddhist Era year (`2570`), the current fiscal year when not given; 400 COCKPIT_FISCAL_YEAR_INVALID else. */
export function parseFiscalYear(text: string | undefined): number {
  if (text === undefined || text === '') return fiscalYearStartOf(today()).year;
  if (!/^\d{4}$/.test(text))
    throw new DomainError(CockpitErrors.COCKPIT_FISCAL_YEAR_INVALID, text.slice(0, 20));
  const year = Number(text);
  fiscalYearPeriod(year);
  return year;
}
