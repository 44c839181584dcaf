import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * The answers of the identity routes (auth, me, members, organisations, admin), as the OpenAPI document shows
 * them: the web app's client is generated from these classes, and test/identity/responses.e2e-spec.ts checks
 * real answers against them.
 */

const ROLES = ['member', 'partner_staff', 'school_admin', 'area_admin', 'moderator', 'obec_admin'];
const GRANTABLE_ROLES = ['partner_staff', 'school_admin', 'area_admin', 'moderator', 'obec_admin'];
const SCOPE_TYPES = ['self', 'partner', 'school', 'area', 'national'];
const GRANT_SCOPE_TYPES = ['partner', 'school', 'area', 'national'];
const MEMBER_STATUSES = ['active', 'disabled', 'erased'];
const PROFILE_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'];

/**
 * A nullable nested object, written inline (`type: 'object', nullable: true`): a nullable `$ref` comes out as
 * `allOf`, which test/support/openapi-shape.ts does not accept null for.
 */
function nullableObject(
  properties: Record<string, { type: string; format?: string; nullable?: boolean; description?: string }>,
  description?: string,
): ApiPropertyOptions {
  return {
    type: 'object',
    nullable: true,
    description,
    properties,
    required: Object.keys(properties),
    selfRequired: true,
  } as ApiPropertyOptions;
}

/** The member's school: its id, Thai name and area. */
const MEMBER_SCHOOL = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string', description: 'The Thai name of the school' },
  areaId: { type: 'string', format: 'uuid', nullable: true },
};

interface MemberSchool {
  id: string;
  name: string;
  areaId: string | null;
}

/** A text in Thai and English. */
export class IdentityTextResponse {
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
}

export class PublicMemberResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A memberKinds code of the taxonomy; null for an erased member',
  })
  memberKind!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'An academicStandings code of the taxonomy' })
  academicStanding!: string | null;
  @ApiProperty({ type: [String], description: 'learningAreas codes of the taxonomy' })
  learningAreas!: string[];
  @ApiProperty({
    enum: ['member', 'practitioner', 'change_agent', 'influencer'],
    description: 'Their level (recognition), shown beside their name',
  })
  level!: string;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty(nullableObject(MEMBER_SCHOOL, 'null: no school, or an erased member'))
  school!: MemberSchool | null;
  @ApiProperty({ type: Boolean, description: 'The member erased their account (PDPA)' }) erased!: boolean;
}

/** The public profile, with the member's own e-mail address (the answer to sign-up and sign-in). */
export class AuthUserResponse extends PublicMemberResponse {
  @ApiProperty({ type: String, format: 'email' }) email!: string;
}

export class AuthTokensResponse {
  @ApiProperty({ type: String, description: 'Bearer token for the Authorization header' })
  accessToken!: string;
  @ApiPropertyOptional({
    type: String,
    description: 'Absent with `X-Auth-Transport: cookie` (then it is in the HttpOnly `lc_refresh` cookie)',
  })
  refreshToken?: string;
}

export class AuthSessionResponse extends AuthTokensResponse {
  @ApiProperty({ type: () => AuthUserResponse }) user!: AuthUserResponse;
}

export class EmailVerifiedResponse {
  @ApiProperty({ type: Boolean, enum: [true] }) emailVerified!: true;
}

export class PasswordResetAcceptedResponse {
  @ApiProperty({ type: String, enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty({ type: () => IdentityTextResponse }) message!: IdentityTextResponse;
}

export class MemberRoleResponse {
  @ApiProperty({ type: String, enum: ROLES }) role!: string;
  @ApiProperty({ type: String, enum: SCOPE_TYPES }) scopeType!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The member (self), partner, school or area the role covers; null for national roles',
  })
  scopeId!: string | null;
}

export class MemberConsentResponse {
  @ApiProperty({ type: String }) termsVersion!: string;
  @ApiProperty({ type: String }) privacyVersion!: string;
  @ApiProperty({ type: String, format: 'date-time' }) consentedAt!: string;
}

export class MeResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'email' }) email!: string;
  @ApiProperty({
    type: Boolean,
    description: 'Until the address is confirmed, the member earns and gives no points',
  })
  emailVerified!: boolean;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String, description: 'A memberKinds code of the taxonomy' }) memberKind!: string;
  @ApiProperty({ type: String, nullable: true }) academicStanding!: string | null;
  @ApiProperty({ type: [String] }) learningAreas!: string[];
  @ApiProperty({
    enum: ['member', 'practitioner', 'change_agent', 'influencer'],
    description: 'My level (recognition); GET /me/level tells the progress to the next',
  })
  level!: string;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Private: shown only to the member' })
  phone!: string | null;
  @ApiProperty({ type: [MemberRoleResponse] }) roles!: MemberRoleResponse[];
  @ApiProperty(nullableObject(MEMBER_SCHOOL, 'null: no school')) school!: MemberSchool | null;
  @ApiProperty({ type: () => MemberConsentResponse }) consent!: MemberConsentResponse;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty(
    nullableObject(
      {
        schoolId: { type: 'string', format: 'uuid', nullable: true, description: 'null: leaving the school' },
        memberKind: { type: 'string' },
        requestedAt: { type: 'string', format: 'date-time' },
      },
      'The school and kind the member will have once an admin confirms the request; null when none is pending',
    ),
  )
  pendingChange!: { schoolId: string | null; memberKind: string; requestedAt: string } | null;
}

export class ExportedMemberResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String }) memberKind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
  @ApiProperty({ type: String, nullable: true }) academicStanding!: string | null;
  @ApiProperty({ type: [String] }) learningAreas!: string[];
  @ApiProperty({ type: String, description: 'The level reached (recognition)' }) levelCode!: string;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, enum: MEMBER_STATUSES }) status!: string;
  @ApiProperty({ type: String }) termsVersion!: string;
  @ApiProperty({ type: String }) privacyVersion!: string;
  @ApiProperty({ type: String, format: 'date-time' }) consentedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) emailVerifiedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
  @ApiProperty(nullableObject(MEMBER_SCHOOL, 'null: no school')) school!: MemberSchool | null;
}

export class ExportedSessionResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) lastUsedAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
}

export class RoleGrantResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) memberId!: string;
  @ApiProperty({ type: String, enum: GRANTABLE_ROLES }) role!: string;
  @ApiProperty({ type: String, enum: GRANT_SCOPE_TYPES }) scopeType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for national roles' })
  scopeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ type: String }) reason!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
}

export class ExportedActivityResponse {
  @ApiProperty({ type: String, example: 'member.profile_updated' }) action!: string;
  @ApiProperty({ type: String }) targetType!: string;
  @ApiProperty({ type: String, nullable: true }) targetId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and codes only' })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'The member did it; null when nobody did (an automatic action about the member)',
  })
  byMe!: boolean | null;
}

export class PersonalDataExportResponse {
  @ApiProperty({ type: String, format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: String, enum: ['learning-community-export/1'] }) format!: string;
  @ApiProperty({ type: () => ExportedMemberResponse }) member!: ExportedMemberResponse;
  @ApiProperty({ type: [MemberConsentResponse] }) consents!: MemberConsentResponse[];
  @ApiProperty({ type: [ExportedSessionResponse] }) sessions!: ExportedSessionResponse[];
  @ApiProperty({ type: [RoleGrantResponse] }) roleGrants!: RoleGrantResponse[];
  @ApiProperty({ type: [ExportedActivityResponse] }) activityLog!: ExportedActivityResponse[];
}

export class ProvinceResponse {
  @ApiProperty({ type: String, example: '10' }) code!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String }) nameEn!: string;
  @ApiProperty({ type: String }) regionTh!: string;
}

export class ProvincePageResponse {
  @ApiProperty({ type: [ProvinceResponse] }) items!: ProvinceResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page' })
  nextCursor!: string | null;
}

export class AreaProvinceResponse {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String }) nameEn!: string;
}

export class AreaResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'P71-1' }) code!: string;
  @ApiProperty({ type: String, enum: ['primary', 'secondary'] }) level!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String }) shortNameTh!: string;
  @ApiProperty({ type: String }) nameEn!: string;
  @ApiProperty({ type: 'integer', nullable: true }) areaNo!: number | null;
  @ApiProperty({ type: [AreaProvinceResponse] }) provinces!: AreaProvinceResponse[];
}

export class AreaPageResponse {
  @ApiProperty({ type: [AreaResponse] }) items!: AreaResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page' })
  nextCursor!: string | null;
}

export class AreaDetailResponse extends AreaResponse {
  @ApiProperty({ type: 'integer' }) schoolCount!: number;
  @ApiProperty({ type: 'integer', description: "Active members of the area's schools" }) memberCount!: number;
}

export class SchoolResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) localOrganisationId!: string | null;
  @ApiProperty({ type: String }) provinceCode!: string;
}

export class SchoolPageResponse {
  @ApiProperty({ type: [SchoolResponse] }) items!: SchoolResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class OrganisationMemberResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String }) memberKind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
  @ApiProperty({ type: String, enum: ['active', 'disabled'] }) status!: string;
}

export class OrganisationMemberPageResponse {
  @ApiProperty({ type: [OrganisationMemberResponse] }) items!: OrganisationMemberResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RoleGrantPageResponse {
  @ApiProperty({ type: [RoleGrantResponse], description: 'Newest first, at most 500' })
  items!: RoleGrantResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page' })
  nextCursor!: string | null;
}

export class ImportProblemResponse {
  @ApiProperty({ type: 'integer', description: 'The line in the file (the header is line 1)' }) line!: number;
  @ApiPropertyOptional({ type: String, description: "The row's code or name, when it has one" }) key?: string;
  @ApiProperty({ type: String }) reason!: string;
}

export class ImportReportResponse {
  @ApiProperty({ type: 'integer' }) received!: number;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer' }) skipped!: number;
  @ApiProperty({ type: [ImportProblemResponse], description: 'The rows skipped (with skipInvalid=true)' })
  errors!: ImportProblemResponse[];
}

export class ProfileChangeMemberResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) displayName!: string;
}

export class ProfileChangeSideResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The Thai name of the school' })
  schoolName!: string | null;
  @ApiProperty({ type: String }) memberKind!: string;
}

export class ProfileChangeResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => ProfileChangeMemberResponse }) member!: ProfileChangeMemberResponse;
  @ApiProperty({ type: () => ProfileChangeSideResponse }) from!: ProfileChangeSideResponse;
  @ApiProperty({ type: () => ProfileChangeSideResponse }) to!: ProfileChangeSideResponse;
  @ApiProperty({ type: String, enum: PROFILE_CHANGE_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reason of a refusal' }) reason!:
    string | null;
}

export class ProfileChangePageResponse {
  @ApiProperty({ type: [ProfileChangeResponse] }) items!: ProfileChangeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
