import { Actor, hasRole } from '@lc/identity';
import type { InnovationFacts } from './innovations.events';
import type { InnovationRow } from './innovations.repository';

export function moderates(actor: Actor | undefined): boolean {
  return !!actor && (hasRole(actor, 'moderator') || hasRole(actor, 'obec_admin'));
}

/**
 * Who sees what: published for everyone; drafts for their author; hidden content for its author (who sees
 * why) and moderators; removed content for moderators and the author only.
 */
export function canSee(row: InnovationRow, actor: Actor | undefined): boolean {
  if (row.status === 'published') return true;
  if (actor?.memberId === row.authorId) return true;
  return row.status !== 'draft' && moderates(actor);
}

export interface InnovationView {
  id: string;
  status: string;
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  learningAreas: string[];
  gradeLevels: string[];
  competencies: { code: string; strength: number }[];
  techniques: string[];
  tags: string[];
  context: Record<string, unknown>;
  links: { url: string; title?: string }[];
  license: string;
  coverAttachmentId: string | null;
  author: { id: string; displayName: string; level: string };
  school: { id: string; name: string } | null;
  areaId: string | null;
  version: number;
  rating: { average: number | null; count: number; score: number };
  adoptionCount: number;
  commentCount: number;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  moderationReason?: string | null;
}

export function toView(row: InnovationRow, actor: Actor | undefined): InnovationView {
  const view: InnovationView = {
    id: row.id,
    status: row.status,
    title: row.title,
    summary: row.summary,
    body: row.body,
    bodyHtml: row.bodyHtml,
    learningAreas: row.learningAreas,
    gradeLevels: row.gradeLevels,
    competencies: row.competencies,
    techniques: row.techniques,
    tags: row.tags,
    context: row.context,
    links: row.links,
    license: row.license,
    coverAttachmentId: row.coverAttachmentId,
    author: { id: row.authorId, displayName: row.authorName, level: row.authorLevel },
    school: row.schoolId ? { id: row.schoolId, name: row.schoolName ?? '' } : null,
    areaId: row.areaId,
    version: row.version,
    rating: {
      average: row.ratingCount ? Math.round((row.ratingSum / row.ratingCount) * 100) / 100 : null,
      count: row.ratingCount,
      score: Math.round(row.ratingScore * 1000) / 1000,
    },
    adoptionCount: row.adoptionCount,
    commentCount: row.commentCount,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (row.status !== 'published' && (actor?.memberId === row.authorId || moderates(actor))) {
    view.moderationReason = row.moderationReason;
  }
  return view;
}

export function factsOf(row: InnovationRow): InnovationFacts {
  return {
    innovationId: row.id,
    authorId: row.authorId,
    schoolId: row.schoolId,
    areaId: row.areaId,
    learningAreas: row.learningAreas,
    competencies: row.competencies.map((c) => c.code),
    techniques: row.techniques,
    version: row.version,
  };
}
