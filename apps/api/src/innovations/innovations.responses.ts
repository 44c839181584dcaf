import {
  ApiProperty,
  ApiPropertyOptional,
  ApiPropertyOptions,
  getSchemaPath,
  SchemaObject,
} from '@nestjs/swagger';

/**
 * The JSON answers of the innovations, feedback, attachments and moderation routes, for the OpenAPI document
 * (the web app's client is generated from it). Shapes follow libs/innovations/src: innovation-view.ts,
 * innovations.service.ts, feedback/feedback.service.ts, attachments/attachments.service.ts and
 * moderation/moderation.service.ts.
 */

const STATUSES = ['draft', 'published', 'hidden', 'removed'];
const LICENSES = ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'ARR'];

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

export class InnovationsTextResponse {
  @ApiProperty({ type: String, description: 'Thai' }) th!: string;
  @ApiProperty({ type: String, description: 'English' }) en!: string;
}

export class InnovationsMemberRefResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) displayName!: string;
}

/** An author, with their level (recognition) to show beside their name. */
export class InnovationsAuthorResponse extends InnovationsMemberRefResponse {
  @ApiProperty({
    enum: ['member', 'practitioner', 'change_agent', 'influencer'],
    description: 'Their level: member, practitioner, change agent or influencer',
  })
  level!: string;
}

/**
 * Objects that may be null are described inline ({type: object, nullable, properties}) rather than as a
 * nullable $ref, which Swagger would wrap in allOf, where the nullability is easily lost.
 */
function nullableObject(
  properties: Record<string, { type: 'string'; format?: string; description?: string; enum?: string[] }>,
  description?: string,
): ApiPropertyOptions {
  return {
    type: 'object',
    nullable: true,
    description,
    properties,
    required: Object.keys(properties),
    selfRequired: true,
  };
}

export interface InnovationsSchoolRef {
  id: string;
  name: string;
}

const SCHOOL_OR_NULL = nullableObject(
  {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', description: 'The school name in Thai' },
  },
  'Null when there is no school',
);

export class InnovationRatingSummaryResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean overall rating (1–5), null when unrated' })
  average!: number | null;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: Number, description: 'Bayesian quality score (sort order "top")' }) score!: number;
}

// ---------------------------------------------------------------------------------------------------------
// Taxonomy

export class InnovationsTaxonomyItemResponse extends InnovationsTextResponse {
  @ApiProperty({ type: String }) code!: string;
}

export class InnovationsTaxonomyGradeLevelResponse extends InnovationsTaxonomyItemResponse {
  @ApiProperty({ type: String, enum: ['early', 'primary', 'lower-secondary', 'upper-secondary'] })
  stage!: string;
}

export class InnovationsTaxonomyFrameworkResponse extends InnovationsTaxonomyItemResponse {
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  competencies!: InnovationsTaxonomyItemResponse[];
}

export class InnovationsTaxonomyRoleResponse extends InnovationsTaxonomyItemResponse {
  @ApiProperty({ type: String, enum: ['self', 'partner', 'school', 'area', 'national'] }) scope!: string;
}

export class InnovationsTaxonomyPromotionLevelResponse extends InnovationsTaxonomyItemResponse {
  @ApiProperty({ type: 'integer' }) rank!: number;
}

export class InnovationsTaxonomyResponse {
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  learningAreas!: InnovationsTaxonomyItemResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyGradeLevelResponse] })
  gradeLevels!: InnovationsTaxonomyGradeLevelResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyFrameworkResponse] })
  competencyFrameworks!: InnovationsTaxonomyFrameworkResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  activeLearningTechniques!: InnovationsTaxonomyItemResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  memberKinds!: InnovationsTaxonomyItemResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyRoleResponse] })
  roles!: InnovationsTaxonomyRoleResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  academicStandings!: InnovationsTaxonomyItemResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyPromotionLevelResponse] })
  promotionLevels!: InnovationsTaxonomyPromotionLevelResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  perkCategories!: InnovationsTaxonomyItemResponse[];
  @ApiProperty({ type: () => [InnovationsTaxonomyItemResponse] })
  eventSessionKinds!: InnovationsTaxonomyItemResponse[];
}

// ---------------------------------------------------------------------------------------------------------
// Innovations

export class InnovationCompetencyResponse {
  @ApiProperty({ type: String, example: 'CBC-HT' }) code!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3 }) strength!: number;
}

export class InnovationContextResponse {
  @ApiPropertyOptional({ type: String, enum: ['small', 'medium', 'large', 'extra_large'] })
  schoolSize?: string;
  @ApiPropertyOptional({ type: String, enum: ['urban', 'suburban', 'rural', 'remote'] }) setting?: string;
  @ApiPropertyOptional({ type: 'integer' }) classSize?: number;
}

export class InnovationLinkResponse {
  @ApiProperty({ type: String }) url!: string;
  @ApiPropertyOptional({ type: String }) title?: string;
}

/** The fields every innovation answer has (lists leave out the body; the detail adds it and more). */
export class InnovationCoreResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, enum: STATUSES }) status!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String }) summary!: string;
  @ApiProperty({ type: [String], description: 'Taxonomy codes (learningAreas)' }) learningAreas!: string[];
  @ApiProperty({ type: [String], description: 'Taxonomy codes (gradeLevels)' }) gradeLevels!: string[];
  @ApiProperty({ type: () => [InnovationCompetencyResponse] }) competencies!: InnovationCompetencyResponse[];
  @ApiProperty({ type: [String], description: 'Taxonomy codes (activeLearningTechniques)' })
  techniques!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: () => InnovationContextResponse }) context!: InnovationContextResponse;
  @ApiProperty({ type: () => [InnovationLinkResponse] }) links!: InnovationLinkResponse[];
  @ApiProperty({ type: String, enum: LICENSES }) license!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) coverAttachmentId!: string | null;
  @ApiProperty({ type: () => InnovationsAuthorResponse }) author!: InnovationsAuthorResponse;
  @ApiProperty(SCHOOL_OR_NULL) school!: InnovationsSchoolRef | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: () => InnovationRatingSummaryResponse }) rating!: InnovationRatingSummaryResponse;
  @ApiProperty({ type: 'integer' }) adoptionCount!: number;
  @ApiProperty({ type: 'integer' }) commentCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Why it is hidden or removed: only on unpublished work, only for its author and moderators',
  })
  moderationReason?: string | null;
}

export class InnovationListItemResponse extends InnovationCoreResponse {
  @ApiPropertyOptional({
    type: String,
    description: 'Only when searching (q): an excerpt with the matches in <mark>',
  })
  snippet?: string;
}

export class InnovationPageResponse {
  @ApiProperty({ type: () => [InnovationListItemResponse] }) items!: InnovationListItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class InnovationCompetencyLevelResponse {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: 'integer', description: "The author's declared strength, 1–3" })
  declaredStrength!: number;
  @ApiProperty({ type: Number, nullable: true, description: "Raters' mean judgement, 1–5" })
  raterAverage!: number | null;
  @ApiProperty({ type: 'integer' }) raterCount!: number;
  @ApiProperty({ type: Number, description: '1–5' }) level!: number;
  @ApiProperty({ type: Number, description: '0–1: how much evidence stands behind the level' })
  confidence!: number;
  @ApiProperty(
    nullableObject(
      { th: { type: 'string' }, en: { type: 'string' } },
      'The competency name in Thai and English; null for a code no longer in the taxonomy',
    ),
  )
  label!: { th: string; en: string } | null;
}

/** An innovation in full, as create, edit, publish and the moderation actions answer. */
export class InnovationResponse extends InnovationCoreResponse {
  @ApiProperty({ type: String, description: 'Markdown' }) body!: string;
  @ApiProperty({ type: String, description: 'The body rendered and sanitised' }) bodyHtml!: string;
  @ApiProperty({ type: () => [InnovationCompetencyLevelResponse] })
  competencyProfile!: InnovationCompetencyLevelResponse[];
}

export class InnovationAttachmentUploaderResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
}

export class InnovationAttachmentResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) innovationId!: string;
  @ApiProperty({ type: String, enum: ['attachment', 'cover', 'evidence'] }) purpose!: string;
  @ApiProperty({ type: String }) fileName!: string;
  @ApiProperty({
    type: String,
    description: 'The type recognised from the content',
    example: 'application/pdf',
  })
  contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ type: String, description: 'Hex SHA-256 of the bytes' }) sha256!: string;
  @ApiProperty({ type: String, description: 'Download link' }) url!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Thumbnail link (images only)' })
  thumbnailUrl!: string | null;
  @ApiProperty({ type: () => InnovationAttachmentUploaderResponse })
  uploader!: InnovationAttachmentUploaderResponse;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class InnovationAttachmentListResponse {
  @ApiProperty({ type: () => [InnovationAttachmentResponse] }) items!: InnovationAttachmentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the whole list in one page' })
  nextCursor!: string | null;
}

/** GET /innovations/{id}: the innovation in full with its attachments. */
export class InnovationWithAttachmentsResponse extends InnovationResponse {
  @ApiProperty({ type: () => [InnovationAttachmentResponse] }) attachments!: InnovationAttachmentResponse[];
}

export class InnovationVersionSnapshotResponse {
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String }) summary!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ type: [String] }) learningAreas!: string[];
  @ApiProperty({ type: [String] }) gradeLevels!: string[];
  @ApiProperty({ type: () => [InnovationCompetencyResponse] }) competencies!: InnovationCompetencyResponse[];
  @ApiProperty({ type: [String] }) techniques!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: () => InnovationContextResponse }) context!: InnovationContextResponse;
  @ApiProperty({ type: () => [InnovationLinkResponse] }) links!: InnovationLinkResponse[];
  @ApiProperty({ type: String, enum: LICENSES }) license!: string;
}

export class InnovationVersionResponse {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: String, format: 'uuid' }) editorId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => InnovationVersionSnapshotResponse })
  snapshot!: InnovationVersionSnapshotResponse;
}

export class InnovationVersionListResponse {
  @ApiProperty({ type: () => [InnovationVersionResponse] }) items!: InnovationVersionResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every version in one page' })
  nextCursor!: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Feedback: comments, ratings, adoptions, reports

export class InnovationCommentResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The thread, for a reply' })
  parentId!: string | null;
  @ApiProperty(
    nullableObject(
      {
        id: { type: 'string', format: 'uuid' },
        displayName: { type: 'string' },
        level: { type: 'string', enum: ['member', 'practitioner', 'change_agent', 'influencer'] },
      },
      'Null once deleted',
    ),
  )
  author!: { id: string; displayName: string; level: string } | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null once deleted (a tombstone)' })
  body!: string | null;
  @ApiProperty({ type: Boolean }) deleted!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt!: string | null;
}

export class InnovationCommentThreadResponse extends InnovationCommentResponse {
  @ApiProperty({ type: () => [InnovationCommentResponse], description: 'Replies, oldest first' })
  replies!: InnovationCommentResponse[];
}

export class InnovationCommentPageResponse {
  @ApiProperty({ type: () => [InnovationCommentThreadResponse] }) items!: InnovationCommentThreadResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InnovationRatingCriteriaResponse {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) clarity!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) effect!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) adoptability!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) competencyFit!: number;
}

const COMPETENCY_JUDGEMENTS = {
  type: 'object' as const,
  description: 'Judgement per competency code, 1–5',
  example: { 'CBC-HT': 4 },
  additionalProperties: { type: 'integer', minimum: 1, maximum: 5 },
};

/** PUT /innovations/{id}/rating: the rating as recorded, with the innovation's new aggregate. */
export class InnovationRatingResultResponse {
  @ApiProperty({ type: String, format: 'uuid' }) innovationId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) overall!: number;
  @ApiProperty({ type: () => InnovationRatingCriteriaResponse }) criteria!: InnovationRatingCriteriaResponse;
  @ApiProperty(COMPETENCY_JUDGEMENTS) competencies!: Record<string, number>;
  @ApiProperty({ type: () => InnovationRatingSummaryResponse }) rating!: InnovationRatingSummaryResponse;
}

/**
 * GET /innovations/{id}/rating: my rating, or null (the JSON value) when I have not rated it. Inline, so that
 * the answer itself can be nullable; its criteria refer to InnovationRatingCriteriaResponse.
 */
export const INNOVATION_MY_RATING_SCHEMA: SchemaObject = {
  type: 'object',
  nullable: true,
  description: 'My rating, or null when I have not rated this innovation',
  required: ['overall', 'criteria', 'competencies', 'updatedAt'],
  properties: {
    overall: { type: 'integer', minimum: 1, maximum: 5 },
    criteria: { $ref: getSchemaPath(InnovationRatingCriteriaResponse) },
    competencies: { ...COMPETENCY_JUDGEMENTS },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** POST /innovations/{id}/adoptions: the report as recorded. */
export class InnovationAdoptionResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) innovationId!: string;
  @ApiProperty({ type: String, example: 'P5' }) gradeLevel!: string;
  @ApiProperty({ type: 'integer' }) classSize!: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-20' }) usedOn!: string;
  @ApiProperty({ type: String, description: 'Buddhist Era year and term', example: '2569-2' })
  schoolTerm!: string;
  @ApiProperty({ type: String, description: 'Empty when none were given' }) notes!: string;
}

export class InnovationAdoptionListItemResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'P5' }) gradeLevel!: string;
  @ApiProperty({ type: 'integer' }) classSize!: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-20' }) usedOn!: string;
  @ApiProperty({ type: String, example: '2569-2' }) schoolTerm!: string;
  @ApiProperty({ type: String }) notes!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) evidenceAttachmentId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: () => InnovationsMemberRefResponse }) reporter!: InnovationsMemberRefResponse;
  @ApiProperty(SCHOOL_OR_NULL) school!: InnovationsSchoolRef | null;
}

export class InnovationAdoptionPageResponse {
  @ApiProperty({ type: () => [InnovationAdoptionListItemResponse] })
  items!: InnovationAdoptionListItemResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InnovationReportReceiptResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, enum: ['received'] }) status!: string;
  @ApiProperty({ type: Boolean, description: 'Whether this report hid the innovation until review' })
  autoHidden!: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Moderation

export class ModerationQueueReportResponse {
  @ApiProperty({ type: String }) reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class ModerationQueueItemResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, enum: ['published', 'hidden'] }) status!: string;
  @ApiProperty({ type: String, format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, nullable: true }) moderationReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'integer' }) openReports!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null when none are open' })
  lastReportedAt!: string | null;
  @ApiProperty({ type: () => [ModerationQueueReportResponse], description: 'Open reports, newest first' })
  reports!: ModerationQueueReportResponse[];
}

export class ModerationQueueResponse {
  @ApiProperty({ type: () => [ModerationQueueItemResponse] }) items!: ModerationQueueItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: at most 200 items, in one page' })
  nextCursor!: string | null;
}
