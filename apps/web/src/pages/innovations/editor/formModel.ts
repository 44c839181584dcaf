/**
 * The editor's values and the rules that turn them into the API's CreateInnovationDto / UpdateInnovationDto.
 * Publishing asks for more than saving a draft: the API's publish check (summary, body, learning areas, grade
 * levels, competencies) is repeated here so a teacher sees every missing field at once, before the request.
 */
import { ApiError } from '../../../api/http';
import type {
  ClassroomContextDto,
  CompetencyClaimDto,
  CreateInnovationDto,
  InnovationsTaxonomyItemResponse,
  InnovationsTaxonomyResponse,
  InnovationWithAttachmentsResponse,
} from '../../../api/generated/model';
import {
  ClassroomContextDtoSchoolSize,
  ClassroomContextDtoSetting,
  CreateInnovationDtoLicense,
} from '../../../api/generated/model';

export type License = CreateInnovationDtoLicense;
export const LICENSES = Object.values(CreateInnovationDtoLicense) as License[];
export const SCHOOL_SIZES = Object.values(ClassroomContextDtoSchoolSize);
export const SETTINGS = Object.values(ClassroomContextDtoSetting);

/** The DTO's limits (maxLength / maxItems), shown as counters and enforced by the inputs. */
export const LIMITS = {
  title: 200,
  summary: 2000,
  body: 20000,
  learningAreas: 10,
  gradeLevels: 15,
  competencies: 12,
  techniques: 10,
  tags: 20,
  links: 20,
  classSizeMin: 1,
  classSizeMax: 200,
} as const;

export interface LinkValue {
  url: string;
  title: string;
}

export interface EditorValues {
  title: string;
  summary: string;
  body: string;
  learningAreas: string[];
  gradeLevels: string[];
  /** The competency framework the competencies come from (the API accepts one framework per innovation). */
  framework: string;
  competencies: CompetencyClaimDto[];
  techniques: string[];
  tags: string[];
  schoolSize: string | null;
  setting: string | null;
  classSize: number | null;
  links: LinkValue[];
  license: License;
}

export type EditorField =
  | 'title'
  | 'summary'
  | 'body'
  | 'learningAreas'
  | 'gradeLevels'
  | 'competencies'
  | 'techniques'
  | 'tags'
  | 'context'
  | 'links'
  | 'license';

/** Field → an i18n key under `errors.` (or the API's own words, prefixed with `=`). */
export type FieldErrors = Partial<Record<EditorField, string>>;

export function emptyValues(taxonomy: InnovationsTaxonomyResponse): EditorValues {
  return {
    title: '',
    summary: '',
    body: '',
    learningAreas: [],
    gradeLevels: [],
    framework: taxonomy.competencyFrameworks[0]?.code ?? '',
    competencies: [],
    techniques: [],
    tags: [],
    schoolSize: null,
    setting: null,
    classSize: null,
    links: [],
    license: CreateInnovationDtoLicense['CC-BY'],
  };
}

/** The framework that holds a competency code, or the first framework. */
export function frameworkOf(taxonomy: InnovationsTaxonomyResponse, codes: string[]): string {
  const found = taxonomy.competencyFrameworks.find((framework) =>
    framework.competencies.some((competency) => codes.includes(competency.code)),
  );
  return found?.code ?? taxonomy.competencyFrameworks[0]?.code ?? '';
}

export function valuesFrom(
  innovation: Pick<
    InnovationWithAttachmentsResponse,
    | 'title'
    | 'summary'
    | 'body'
    | 'learningAreas'
    | 'gradeLevels'
    | 'competencies'
    | 'techniques'
    | 'tags'
    | 'context'
    | 'links'
    | 'license'
  >,
  taxonomy: InnovationsTaxonomyResponse,
): EditorValues {
  return {
    title: innovation.title,
    summary: innovation.summary,
    body: innovation.body,
    learningAreas: [...innovation.learningAreas],
    gradeLevels: [...innovation.gradeLevels],
    framework: frameworkOf(
      taxonomy,
      innovation.competencies.map((c) => c.code),
    ),
    competencies: innovation.competencies.map((c) => ({ code: c.code, strength: c.strength })),
    techniques: [...innovation.techniques],
    tags: [...innovation.tags],
    schoolSize: innovation.context.schoolSize ?? null,
    setting: innovation.context.setting ?? null,
    classSize: innovation.context.classSize ?? null,
    links: innovation.links.map((link) => ({ url: link.url, title: link.title ?? '' })),
    license: innovation.license,
  };
}

/** The request body: every field, so a save always writes what the teacher sees. */
export function toDto(values: EditorValues): CreateInnovationDto {
  const context: ClassroomContextDto = {};
  if (values.schoolSize) context.schoolSize = values.schoolSize as ClassroomContextDto['schoolSize'];
  if (values.setting) context.setting = values.setting as ClassroomContextDto['setting'];
  if (values.classSize != null) context.classSize = values.classSize;
  return {
    title: values.title.trim(),
    summary: values.summary.trim(),
    body: values.body,
    learningAreas: values.learningAreas,
    gradeLevels: values.gradeLevels,
    competencies: values.competencies.map((c) => ({ code: c.code, strength: c.strength })),
    techniques: values.techniques,
    tags: values.tags,
    context,
    links: values.links
      .filter((link) => link.url.trim() !== '')
      .map((link) =>
        link.title.trim() ? { url: link.url.trim(), title: link.title.trim() } : { url: link.url.trim() },
      ),
    license: values.license,
  };
}

export function sameContent(a: EditorValues, b: EditorValues): boolean {
  return JSON.stringify(toDto(a)) === JSON.stringify(toDto(b));
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What a draft needs: a title (the API's create requires one) and well-formed optional fields. */
export function validateForSave(values: EditorValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title.trim()) errors.title = 'titleRequired';
  if (values.links.some((link) => link.url.trim() !== '' && !isWebAddress(link.url)))
    errors.links = 'linkInvalid';
  if (values.links.some((link) => link.url.trim() === '' && link.title.trim() !== ''))
    errors.links = 'linkMissing';
  if (
    values.classSize != null &&
    (!Number.isInteger(values.classSize) ||
      values.classSize < LIMITS.classSizeMin ||
      values.classSize > LIMITS.classSizeMax)
  ) {
    errors.context = 'classSize';
  }
  return errors;
}

/** What publishing needs on top of a draft (the same fields the API's publish check names). */
export function validateForPublish(values: EditorValues): FieldErrors {
  const errors: FieldErrors = validateForSave(values);
  if (!values.summary.trim()) errors.summary = 'required';
  if (!values.body.trim()) errors.body = 'required';
  if (values.learningAreas.length === 0) errors.learningAreas = 'pickOne';
  if (values.gradeLevels.length === 0) errors.gradeLevels = 'pickOne';
  if (values.competencies.length === 0) errors.competencies = 'pickCompetency';
  return errors;
}

const FIELDS: EditorField[] = [
  'title',
  'summary',
  'body',
  'learningAreas',
  'gradeLevels',
  'competencies',
  'techniques',
  'tags',
  'context',
  'links',
  'license',
];

/** How a field the API's publish check names as missing is explained (as validateForPublish does). */
const MISSING: FieldErrors = {
  learningAreas: 'pickOne',
  gradeLevels: 'pickOne',
  competencies: 'pickCompetency',
};

/**
 * The problem's `errors` as field errors: "competencies.0.strength" belongs to competencies. A publish refused
 * as incomplete (422) names the missing fields; other messages are the API's own words.
 */
export function fieldErrorsFromProblem(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const item of error.problem.errors ?? []) {
    const path = item.field ?? item.path ?? '';
    const field = FIELDS.find((name) => path === name || path.startsWith(`${name}.`));
    if (!field || errors[field]) continue;
    if (error.status === 422) errors[field] = MISSING[field] ?? 'required';
    else errors[field] = item.message ? `=${item.message}` : 'invalid';
  }
  return errors;
}

export function firstErrorField(errors: FieldErrors): EditorField | undefined {
  return FIELDS.find((field) => errors[field]);
}

export function taxonomyLabel(item: InnovationsTaxonomyItemResponse, language: string): string {
  return language === 'en' ? item.en : item.th;
}
