import { ApiProperty } from '@nestjs/swagger';

/**
 * The answers of the area activity plan routes, for the OpenAPI document (the web app's client is generated from
 * it). They document what ActivityPlansService returns; they are not used to build the answers.
 */

const BAHT = {
  type: String,
  pattern: '^[0-9]+\\.[0-9]{2}$',
  description: 'Baht with satang, as exact decimal text',
  example: '497000.00',
};

export class RoleCountsResponse {
  @ApiProperty({ type: 'integer', description: 'ผู้บริหารการศึกษา' }) educationExecutives!: number;
  @ApiProperty({ type: 'integer', description: 'ศึกษานิเทศก์' }) supervisors!: number;
  @ApiProperty({ type: 'integer', description: 'ผู้บริหารสถานศึกษา' }) schoolDirectors!: number;
  @ApiProperty({ type: 'integer', description: 'ครูผู้สอน' }) teachers!: number;
  @ApiProperty({ type: 'integer', description: 'The four roles together' }) total!: number;
}

export class ActivityPlanSchoolResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
}

export class ActivityReportResponse {
  @ApiProperty({ type: 'integer', description: '1 for the first report, one more for each correction' })
  revision!: number;
  @ApiProperty({ type: () => RoleCountsResponse }) participants!: RoleCountsResponse;
  @ApiProperty({ type: 'integer', description: 'Classroom supervision visits' }) supervisionVisits!: number;
  @ApiProperty(BAHT) budgetSpent!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, format: 'uuid', description: 'The member who submitted it' })
  reportedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) reportedAt!: string;
}

export class ActivityEvidenceResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'The uploaded file name, for display only' }) fileName!: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'], description: 'Read from the content' })
  contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ type: String, description: 'Download path (with the session), /api/v1/activity-plans/…' })
  url!: string;
}

export class ActivityPlanResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) areaId!: string;
  @ApiProperty({ type: 'integer', description: 'Fiscal year, Buddhist Era' }) fiscalYear!: number;
  @ApiProperty({ type: String, description: 'Title in Thai' }) title!: string;
  @ApiProperty({ type: String, nullable: true }) titleEn!: string | null;
  @ApiProperty({ enum: ['area', 'school'] }) level!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
  @ApiProperty({ type: () => ActivityPlanSchoolResponse, nullable: true })
  school!: ActivityPlanSchoolResponse | null;
  @ApiProperty({ type: String, format: 'date' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date' }) endsOn!: string;
  @ApiProperty({ type: () => RoleCountsResponse, description: 'Target participants by role' })
  targets!: RoleCountsResponse;
  @ApiProperty(BAHT) budget!: string;
  @ApiProperty({ enum: ['planned', 'reported'] }) status!: string;
  @ApiProperty({ type: () => ActivityReportResponse, nullable: true, description: 'The current report' })
  report!: ActivityReportResponse | null;
  @ApiProperty({
    type: () => RoleCountsResponse,
    description:
      'Members who attended the plan’s events on the platform, by role, each once; the actual participants per role ' +
      'are the report’s or these, whichever is more',
  })
  attended!: RoleCountsResponse;
  @ApiProperty({ type: () => [ActivityEvidenceResponse] }) evidence!: ActivityEvidenceResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class ActivityPlanPageResponse {
  @ApiProperty({ type: () => [ActivityPlanResponse] }) items!: ActivityPlanResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class ActivityReportPageResponse {
  @ApiProperty({ type: () => [ActivityReportResponse], description: 'Newest first' })
  items!: ActivityReportResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FiscalYearResponse {
  @ApiProperty({ type: 'integer', description: 'Buddhist Era' }) year!: number;
  @ApiProperty({ type: String, example: 'ปีงบประมาณ 2570' }) th!: string;
  @ApiProperty({ type: String }) en!: string;
}

class PlanTotalsFields {
  @ApiProperty({ type: 'integer' }) plans!: number;
  @ApiProperty({ type: 'integer' }) reportedPlans!: number;
  @ApiProperty({ type: () => RoleCountsResponse }) target!: RoleCountsResponse;
  @ApiProperty({ type: () => RoleCountsResponse, description: 'From reported plans only' })
  actual!: RoleCountsResponse;
  @ApiProperty({ type: 'integer' }) targetParticipants!: number;
  @ApiProperty({ type: 'integer' }) actualParticipants!: number;
  @ApiProperty({ type: 'integer' }) supervisionVisits!: number;
  @ApiProperty(BAHT) budgetPlanned!: string;
  @ApiProperty(BAHT) budgetSpent!: string;
}

export class AreaActivitySummaryResponse extends PlanTotalsFields {
  @ApiProperty({ type: String, format: 'uuid' }) areaId!: string;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: Boolean, description: 'Fewer than 500 actual participants in the fiscal year' })
  below500!: boolean;
}

export class ActivityTotalsResponse extends PlanTotalsFields {
  @ApiProperty({ type: 'integer' }) areas!: number;
  @ApiProperty({ type: 'integer' }) areasBelow500!: number;
}

export class ActivityPlanSummaryResponse {
  @ApiProperty({ type: () => FiscalYearResponse }) fiscalYear!: FiscalYearResponse;
  @ApiProperty({ type: String, example: 'national' }) scope!: string;
  @ApiProperty({ type: 'integer', description: 'Participants an area must reach (500)' }) threshold!: number;
  @ApiProperty({ type: () => ActivityTotalsResponse }) totals!: ActivityTotalsResponse;
  @ApiProperty({
    type: () => [AreaActivitySummaryResponse],
    description: 'National: every area, those without plans at zero',
  })
  areas!: AreaActivitySummaryResponse[];
}
