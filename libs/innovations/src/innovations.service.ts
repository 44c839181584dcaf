import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { InnovationEvents } from './innovations.events';
import { canSee, factsOf, InnovationView, moderates, toView } from './innovation-view';
import { InnovationErrors } from './innovations-errors';
import {
  InnovationContent,
  InnovationRow,
  InnovationSort,
  InnovationsRepository,
} from './innovations.repository';
import { ACTIVITY_WEIGHT, addTrendingActivity, competencyProfile, CompetencyLevel } from './scoring';
import { assertTaxonomy, labelOf } from './taxonomy-rules';
import { renderMarkdown } from './text/markdown';
import { parseQuery, searchRaw, searchTokensOffThread, snippet } from './text/thai-search';

export interface InnovationInput {
  title?: string;
  summary?: string;
  body?: string;
  learningAreas?: string[];
  gradeLevels?: string[];
  competencies?: { code: string; strength: number }[];
  techniques?: string[];
  tags?: string[];
  context?: ClassroomContext;
  links?: { url: string; title?: string }[];
  license?: string;
}

export interface ClassroomContext {
  schoolSize?: string;
  setting?: string;
  classSize?: number;
}

export type SortOrder = InnovationSort;

export interface InnovationFilter {
  q?: string;
  learningArea?: string;
  grade?: string;
  competency?: string;
  technique?: string;
  areaId?: string;
  schoolId?: string;
  license?: string;
  authorId?: string;
  sort?: SortOrder;
  cursor?: string;
}

/** The value of the sort column a page's cursor carries, per order. */
const SORT_VALUE: Record<SortOrder, (row: InnovationRow) => string | number> = {
  newest: (row) => (row.publishedAt ?? row.createdAt).toISOString(),
  top: (row) => row.ratingScore,
  adopted: (row) => row.adoptionCount,
  trending: (row) => row.trendingKey,
};

export type InnovationListItem = Omit<InnovationView, 'body' | 'bodyHtml'> & { snippet?: string };

export interface InnovationDetail extends InnovationView {
  competencyProfile: (CompetencyLevel & { label: { th: string; en: string } | null })[];
}

@Injectable()
export class InnovationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly innovations: InnovationsRepository,
    private readonly outbox: OutboxService,
  ) {}

  async createDraft(actor: Actor, input: InnovationInput & { title: string }): Promise<InnovationDetail> {
    const content = await this.content(input, null);
    const id = uuidv7();
    await this.dataSource.transaction((manager) =>
      this.innovations.insert(manager, {
        ...content,
        id,
        authorId: actor.memberId,
        schoolId: actor.schoolId,
        areaId: actor.areaId,
      }),
    );
    return this.get(actor, id);
  }

  /** Drafts are edited in place; an edit after publishing makes a new version with a readable snapshot. */
  async update(actor: Actor, id: string, input: InnovationInput): Promise<InnovationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.authored(manager, actor, id);
      if (row.status === 'removed') throw new DomainError(InnovationErrors.INNOVATION_REMOVED);
      const content = await this.content(input, row);
      const version = row.status === 'draft' ? row.version : row.version + 1;
      await this.innovations.updateContent(manager, id, content, version);
      if (row.status !== 'draft') {
        const updated = (await this.innovations.find(manager, id))!;
        await this.innovations.addVersion(manager, id, version, actor.memberId, snapshotOf(updated));
        await this.outbox.append(manager, InnovationEvents.updated, factsOf(updated));
      }
    });
    return this.get(actor, id);
  }

  async publish(actor: Actor, id: string): Promise<InnovationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.authored(manager, actor, id);
      if (row.status !== 'draft') throw new DomainError(InnovationErrors.INNOVATION_ALREADY_PUBLISHED);
      const missing = [
        !row.summary.trim() && 'summary',
        !row.body.trim() && 'body',
        !row.learningAreas.length && 'learningAreas',
        !row.gradeLevels.length && 'gradeLevels',
        !row.competencies.length && 'competencies',
      ].filter(Boolean);
      if (missing.length) {
        throw new DomainError(InnovationErrors.INNOVATION_INCOMPLETE, `Missing: ${missing.join(', ')}`, {
          errors: missing.map((field) => ({
            field: field as string,
            message: `${field} is required to publish`,
          })),
        });
      }
      await this.innovations.setStatus(manager, id, 'published', { publishedAt: true });
      await this.innovations.setTrending(
        manager,
        id,
        addTrendingActivity(row.trendingKey, ACTIVITY_WEIGHT.published, new Date()),
      );
      const published = (await this.innovations.find(manager, id))!;
      await this.innovations.addVersion(
        manager,
        id,
        published.version,
        actor.memberId,
        snapshotOf(published),
      );
      await this.outbox.append(manager, InnovationEvents.published, factsOf(published));
    });
    return this.get(actor, id);
  }

  async get(actor: Actor | undefined, id: string): Promise<InnovationDetail> {
    const manager = this.dataSource.manager;
    const row = await this.visible(manager, actor, id);
    const raters = await this.innovations.raterCompetencies(manager, id);
    const profile = competencyProfile(
      row.competencies.map((c) => ({
        code: c.code,
        declaredStrength: c.strength,
        raterSum: raters.get(c.code)?.sum ?? 0,
        raterCount: raters.get(c.code)?.count ?? 0,
      })),
      row.adoptionCount,
    );
    return {
      ...toView(row, actor),
      competencyProfile: profile.map((p) => ({ ...p, label: labelOf('competencyFrameworks', p.code) })),
    };
  }

  async versions(actor: Actor | undefined, id: string) {
    await this.visible(this.dataSource.manager, actor, id);
    return { items: await this.innovations.versions(this.dataSource.manager, id), nextCursor: null };
  }

  /** The row, if this actor may see it; otherwise not found (never a hint that it exists). */
  async visible(
    manager: EntityManager,
    actor: Actor | undefined,
    id: string,
    lock = false,
  ): Promise<InnovationRow> {
    const row = await this.innovations.find(manager, id, lock);
    if (!row || !canSee(row, actor)) throw new DomainError(InnovationErrors.INNOVATION_NOT_FOUND);
    return row;
  }

  async list(actor: Actor | undefined, filter: InnovationFilter): Promise<Page<InnovationListItem>> {
    const sort = filter.sort ?? 'newest';
    const value = SORT_VALUE[sort];
    const query = filter.q ? parseQuery(filter.q) : null;
    if (filter.q && !query) return { items: [], nextCursor: null };
    const after = decodeCursor<{ v: string | number; id: string }>(filter.cursor, ['v', 'id']);
    const rows = await this.innovations.search(
      this.dataSource.manager,
      {
        // Members see published work; moderators also what is hidden, so they can review it.
        includeHidden: moderates(actor),
        sort,
        query,
        learningArea: filter.learningArea,
        grade: filter.grade,
        competency: filter.competency,
        technique: filter.technique,
        areaId: filter.areaId,
        schoolId: filter.schoolId,
        license: filter.license,
        authorId: filter.authorId,
        after,
      },
      DEFAULT_PAGE_SIZE + 1,
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => {
        const { body, bodyHtml: _html, ...item } = toView(row, actor);
        return query
          ? { ...item, snippet: snippet(`${row.title}\n${row.summary}\n${body}`, query.terms) }
          : item;
      },
      (row) => ({ v: value(row), id: row.id }),
    );
  }

  /** The author's own innovations in every status, newest change first. */
  async mine(actor: Actor, cursor?: string): Promise<Page<InnovationListItem>> {
    const after = decodeCursor<{ v: string; id: string }>(cursor, ['v', 'id']);
    const rows = await this.innovations.byAuthor(
      this.dataSource.manager,
      actor.memberId,
      after,
      DEFAULT_PAGE_SIZE + 1,
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => {
        const { body: _body, bodyHtml: _html, ...item } = toView(row, actor);
        return item;
      },
      (row) => ({ v: row.updatedAt.toISOString(), id: row.id }),
    );
  }

  /** The titles of these innovations by id, in one query, whatever their status (for texts about them). */
  async titles(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await this.innovations.titles(manager, [...new Set(ids)]) : [];
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** The row, locked, if this actor authored it: 404 when they cannot see it, 403 when it is not theirs. */
  authoredBy(manager: EntityManager, actor: Actor, id: string): Promise<InnovationRow> {
    return this.authored(manager, actor, id);
  }

  private async authored(manager: EntityManager, actor: Actor, id: string): Promise<InnovationRow> {
    const row = await this.innovations.find(manager, id, true);
    if (!row || !canSee(row, actor)) throw new DomainError(InnovationErrors.INNOVATION_NOT_FOUND);
    if (row.authorId !== actor.memberId) throw new DomainError(InnovationErrors.INNOVATION_NOT_AUTHOR);
    return row;
  }

  private async content(input: InnovationInput, current: InnovationRow | null): Promise<InnovationContent> {
    const merged = {
      title: (input.title ?? current?.title ?? '').trim(),
      summary: input.summary ?? current?.summary ?? '',
      body: input.body ?? current?.body ?? '',
      learningAreas: unique(input.learningAreas ?? current?.learningAreas ?? []),
      gradeLevels: unique(input.gradeLevels ?? current?.gradeLevels ?? []),
      competencies: input.competencies ?? current?.competencies ?? [],
      techniques: unique(input.techniques ?? current?.techniques ?? []),
      tags: unique((input.tags ?? current?.tags ?? []).map((tag) => tag.trim()).filter(Boolean)),
      context: { ...(input.context ?? current?.context ?? {}) },
      links: input.links ?? current?.links ?? [],
      license: input.license ?? current?.license ?? 'CC-BY',
    };
    assertTaxonomy(merged);
    return {
      ...merged,
      bodyHtml: renderMarkdown(merged.body),
      searchTokens: await searchTokensOffThread(merged),
      searchRaw: searchRaw(merged),
    };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function snapshotOf(row: InnovationRow): object {
  return {
    title: row.title,
    summary: row.summary,
    body: row.body,
    learningAreas: row.learningAreas,
    gradeLevels: row.gradeLevels,
    competencies: row.competencies,
    techniques: row.techniques,
    tags: row.tags,
    context: row.context,
    links: row.links,
    license: row.license,
  };
}
