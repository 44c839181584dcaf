import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AreaRowError,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  loadProvinces,
  Page,
  toAreaRow,
  toPage,
  uuidv7,
} from '@lc/core';
import { Actor } from '../actor';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityErrors } from '../identity-errors';
import { ImportProblem, ImportReport, readCsv, refuseIfErrors } from './csv-import';
import { AreaView, OrganisationsRepository, SchoolUpsert, SchoolView } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditRepository,
  ) {}

  provinces() {
    return this.organisations.provinces(this.dataSource.manager);
  }

  areas(filter: { level?: string; province?: string }): Promise<AreaView[]> {
    return this.organisations.areas(this.dataSource.manager, filter);
  }

  async area(id: string) {
    const area = await this.organisations.area(this.dataSource.manager, id);
    if (!area) throw new DomainError(IdentityErrors.IDENTITY_AREA_NOT_FOUND);
    return area;
  }

  async schools(filter: { areaId?: string; q?: string }, cursor?: string): Promise<Page<SchoolView>> {
    const after = decodeCursor<{ nameTh: string; id: string }>(cursor, ['nameTh', 'id']);
    const rows = await this.organisations.schools(
      this.dataSource.manager,
      filter,
      after,
      DEFAULT_PAGE_SIZE + 1,
    );
    // An area that does not exist is not an area without schools: say so, rather than list nothing.
    if (rows.length === 0 && filter.areaId) {
      if (!(await this.organisations.areaExists(this.dataSource.manager, filter.areaId)))
        throw new DomainError(IdentityErrors.IDENTITY_AREA_NOT_FOUND);
    }
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => row,
      (row) => ({ nameTh: row.nameTh, id: row.id }),
    );
  }

  async school(id: string): Promise<SchoolView> {
    const school = await this.organisations.school(this.dataSource.manager, id);
    if (!school) throw new DomainError(IdentityErrors.IDENTITY_SCHOOL_UNKNOWN);
    return school;
  }

  /**
   * These schools by id, in one query (unknown ids are left out). For subscribers that place many schools at once:
   * pass the caller's transaction's manager so the read takes no second connection from the pool.
   */
  async schoolsById(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, SchoolView>> {
    if (ids.length === 0) return new Map();
    const rows = await this.organisations.schoolsById(manager, [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Schools from CSV, idempotent by school code. Columns: code, name_th, province_code, and area_code (an
   * area's stable code, e.g. P81 or S01) and/or local_org_code + local_org_name_th (the second root);
   * name_en optional.
   */
  async importSchools(actor: Actor, csv: string, skipInvalid: boolean): Promise<ImportReport> {
    const rows = readCsv(csv, ['code', 'name_th', 'province_code']);
    return this.dataSource.transaction(async (manager) => {
      const areas = await this.organisations.areaIdsByCode(manager);
      const areaProvinces = await this.organisations.provincesOfAreas(manager);
      const provinces = new Set(loadProvinces().map((p) => p.code));
      const localOrganisations = await this.organisations.localOrganisationIdsByCode(manager);
      const existing = await this.organisations.schoolsByCode(
        manager,
        rows.map((row) => row.values.code ?? ''),
      );
      const errors: ImportProblem[] = [];
      const valid: { school: SchoolUpsert; localOrganisation?: { code: string; nameTh: string } }[] = [];
      const seen = new Set<string>();
      // Local organisations a valid earlier row of this file creates: later rows may name them by code alone.
      const newLocalOrganisations = new Map<string, string>();
      for (const { line, values } of rows) {
        const code = values.code ?? '';
        const problem = (reason: string) => errors.push({ line, key: code || undefined, reason });
        if (!/^[0-9]{6,12}$/.test(code)) {
          problem('code must be 6 to 12 digits');
          continue;
        }
        if (seen.has(code)) {
          problem('the same code appears twice in the file');
          continue;
        }
        seen.add(code);
        if (!values.name_th) {
          problem('name_th is required');
          continue;
        }
        if (!provinces.has(values.province_code ?? '')) {
          problem(`unknown province_code "${values.province_code ?? ''}"`);
          continue;
        }
        const areaCode = values.area_code ?? '';
        const areaId = areaCode ? areas.get(areaCode) : undefined;
        if (areaCode && !areaId) {
          problem(`unknown area_code "${areaCode}"`);
          continue;
        }
        if (areaCode && !areaProvinces.get(areaCode)?.has(values.province_code!)) {
          problem(`province_code ${values.province_code} is not a province of area ${areaCode}`);
          continue;
        }
        const localCode = values.local_org_code ?? '';
        if (!areaCode && !localCode) {
          problem('a school needs area_code or local_org_code');
          continue;
        }
        const isNewLocal = Boolean(localCode) && !localOrganisations.has(localCode);
        const localNameTh = values.local_org_name_th || newLocalOrganisations.get(localCode);
        if (isNewLocal && !localNameTh) {
          problem(`unknown local_org_code "${localCode}": give local_org_name_th to create it`);
          continue;
        }
        if (isNewLocal && !newLocalOrganisations.has(localCode))
          newLocalOrganisations.set(localCode, localNameTh!);
        valid.push({
          school: {
            id: existing.get(code)?.id ?? uuidv7(),
            code,
            nameTh: values.name_th,
            nameEn: values.name_en || null,
            areaId: areaId ?? null,
            localOrganisationId: localCode ? (localOrganisations.get(localCode) ?? null) : null,
            provinceCode: values.province_code!,
          },
          localOrganisation: isNewLocal ? { code: localCode, nameTh: localNameTh! } : undefined,
        });
      }
      refuseIfErrors(errors, skipInvalid);
      const report: ImportReport = {
        received: rows.length,
        created: 0,
        updated: 0,
        skipped: errors.length,
        errors,
      };
      for (const { school, localOrganisation } of valid) {
        if (localOrganisation && !localOrganisations.has(localOrganisation.code)) {
          const id = await this.organisations.insertLocalOrganisation(manager, {
            id: uuidv7(),
            ...localOrganisation,
            provinceCode: school.provinceCode,
          });
          localOrganisations.set(localOrganisation.code, id);
        }
        if (localOrganisation) school.localOrganisationId = localOrganisations.get(localOrganisation.code)!;
        report[await this.organisations.upsertSchool(manager, school)]++;
      }
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'schools.imported',
        targetType: 'school',
        targetId: null,
        details: {
          received: report.received,
          created: report.created,
          updated: report.updated,
          skipped: report.skipped,
        },
      });
      return report;
    });
  }

  /** Areas from CSV in OBEC's list format (code, level, name_th, name_en, province_th, area_no), idempotent by stable code. */
  async importAreas(actor: Actor, csv: string, skipInvalid: boolean): Promise<ImportReport> {
    const rows = readCsv(csv, ['level', 'name_th', 'province_th']);
    const provinces = loadProvinces();
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.organisations.areaIdsByCode(manager);
      const errors: ImportProblem[] = [];
      const valid = [];
      const seen = new Set<string>();
      for (const { line, values } of rows) {
        try {
          const area = toAreaRow(values, provinces);
          if (seen.has(area.code)) throw new AreaRowError(`the area ${area.code} appears twice in the file`);
          seen.add(area.code);
          valid.push({ ...area, id: existing.get(area.code) ?? uuidv7() });
        } catch (error) {
          if (!(error instanceof AreaRowError)) throw error;
          errors.push({ line, key: values.name_th || undefined, reason: error.message });
        }
      }
      refuseIfErrors(errors, skipInvalid);
      const report: ImportReport = {
        received: rows.length,
        created: 0,
        updated: 0,
        skipped: errors.length,
        errors,
      };
      for (const area of valid) report[await this.organisations.upsertArea(manager, area)]++;
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'areas.imported',
        targetType: 'area',
        targetId: null,
        details: {
          received: report.received,
          created: report.created,
          updated: report.updated,
          skipped: report.skipped,
        },
      });
      return report;
    });
  }
}
