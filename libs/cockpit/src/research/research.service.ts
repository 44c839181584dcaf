import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { Actor, AuditRepository, isObecAdmin } from '@lc/identity';
import '../cockpit-errors';
import { DATASETS, MIN_GROUP, RESEARCH_DATASETS, ResearchColumn, ResearchDataset } from './research-datasets';
import { ResearchRepository, ResearchRow } from './research.repository';
import { pseudonymKey, pseudonymOf } from './pseudonyms';
import './research-errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const MAX_DAYS = 366;
const NUMBER = /^-?\d+(\.\d+)?$/;
/** Text a spreadsheet would run as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A Bangkok calendar day's first instant, or null when the text is not a real day. */
function bangkokMidnight(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const utc = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) return null;
  return new Date(utc.getTime() - BANGKOK_OFFSET_MS);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && !NUMBER.test(text) && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface ResearchExtract {
  filename: string;
  /** The file, as CSV text chunks (UTF-8; the first starts with a byte order mark). */
  chunks: AsyncGenerator<string>;
}

/**
 * De-identified research extracts (seed 003 §8) for OBEC admins: see research-datasets.ts for what is in them and
 * what never is. Every download is audited (who, which dataset, which period) before the first byte leaves.
 */
@Injectable()
export class ResearchService {
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly research: ResearchRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = pseudonymKey(config);
  }

  /** The codebook: every dataset and its columns, in Thai and English. */
  dictionary() {
    return {
      minGroup: MIN_GROUP,
      datasets: RESEARCH_DATASETS.map((dataset) => ({
        dataset,
        th: DATASETS[dataset].th,
        en: DATASETS[dataset].en,
        columns: DATASETS[dataset].columns.map(({ key, th, en }) => ({ key, th, en })),
      })),
    };
  }

  async extract(actor: Actor, dataset: string, from: string, to: string): Promise<ResearchExtract> {
    if (!isObecAdmin(actor)) throw new DomainError('COCKPIT_SCOPE_FORBIDDEN');
    if (!(RESEARCH_DATASETS as readonly string[]).includes(dataset)) {
      throw new DomainError('RESEARCH_DATASET_UNKNOWN', String(dataset).slice(0, 40));
    }
    const start = bangkokMidnight(from);
    const last = bangkokMidnight(to);
    if (!start || !last || last < start) throw new DomainError('RESEARCH_PERIOD_INVALID');
    const end = new Date(last.getTime() + 24 * 60 * 60 * 1000);
    if ((end.getTime() - start.getTime()) / 86_400_000 > MAX_DAYS)
      throw new DomainError('RESEARCH_PERIOD_INVALID');
    const name = dataset as ResearchDataset;
    await this.audit.record(this.dataSource.manager, {
      actorId: actor.memberId,
      action: 'research.extract',
      targetType: 'research_dataset',
      targetId: name,
      details: { dataset: name, from, to },
    });
    return { filename: `research-${name}-${from}-${to}.csv`, chunks: this.csv(name, start, end) };
  }

  private async *csv(dataset: ResearchDataset, from: Date, to: Date): AsyncGenerator<string> {
    const columns = DATASETS[dataset].columns;
    yield `\uFEFF${columns.map((column) => csvField(column.key)).join(',')}\r\n`;
    for await (const rows of this.research.pages(dataset, from, to)) {
      yield rows
        .map((row) => `${columns.map((column) => csvField(this.cell(column, row))).join(',')}\r\n`)
        .join('');
    }
  }

  /** One cell: pseudonyms for members, the place as generalised, small counts and their averages as "<5". */
  private cell(column: ResearchColumn, row: ResearchRow): unknown {
    const level = row.place_level;
    switch (column.key) {
      case 'member_kind':
        return level <= 3 ? row.person_kind : null;
      case 'area_code':
        return level <= 2 ? row.area_code : null;
      case 'school_code':
        return level === 1 ? row.school_code : null;
    }
    const value = row[column.key];
    if (column.pseudonym) return typeof value === 'string' ? pseudonymOf(this.key, value) : null;
    if (column.peopleColumn) {
      const people = Number(row[column.peopleColumn] ?? 0);
      if (people > 0 && people < MIN_GROUP) return `<${MIN_GROUP}`;
    }
    return value;
  }
}
