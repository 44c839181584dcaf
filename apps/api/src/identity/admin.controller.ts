import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError } from '@lc/core';
import {
  Actor,
  MembersService,
  OrganisationsService,
  ProfileChangesService,
  RoleGrantsService,
} from '@lc/identity';
import { CurrentActor, Roles } from '../auth/access.decorators';
import {
  GrantRoleDto,
  ImportQuery,
  OptionalReasonDto,
  ProfileChangesQuery,
  ReasonDto,
  RoleGrantsQuery,
} from './identity.dto';
import {
  ImportReportResponse,
  ProfileChangePageResponse,
  ProfileChangeResponse,
  RoleGrantPageResponse,
  RoleGrantResponse,
} from './identity.responses';

function csvBody(body: unknown): string {
  if (typeof body !== 'string') throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv');
  return body;
}

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly grants: RoleGrantsService,
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly profileChanges: ProfileChangesService,
  ) {}

  @Roles('obec_admin', 'area_admin')
  @Post('role-grants')
  @ApiOperation({
    summary: 'Grant a role (obec_admin: any; area_admin: school_admin within its area); audited',
  })
  @ApiCreatedResponse({ type: RoleGrantResponse })
  grant(@CurrentActor() actor: Actor, @Body() body: GrantRoleDto) {
    return this.grants.grant(actor, body);
  }

  @Roles('obec_admin', 'area_admin')
  @Delete('role-grants/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a role grant; audited' })
  @ApiNoContentResponse({ description: 'The grant is revoked' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OptionalReasonDto,
  ): Promise<void> {
    await this.grants.revoke(actor, id, body?.reason ?? null);
  }

  @Roles('obec_admin', 'area_admin')
  @Get('role-grants')
  @ApiOperation({
    summary: 'Role grants, revoked ones included, newest first (area_admin: those of its areas)',
  })
  @ApiOkResponse({ type: RoleGrantPageResponse })
  async listGrants(@CurrentActor() actor: Actor, @Query() query: RoleGrantsQuery) {
    return { items: await this.grants.list(actor, query.memberId), nextCursor: null };
  }

  @Roles('obec_admin')
  @Post('imports/schools')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({
    summary:
      'Import schools from CSV (code, name_th, name_en, area_code, province_code, local_org_code, local_org_name_th)',
  })
  @ApiOkResponse({ type: ImportReportResponse })
  importSchools(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() query: ImportQuery) {
    return this.organisations.importSchools(actor, csvBody(body), query.skipInvalid === 'true');
  }

  @Roles('obec_admin')
  @Post('imports/areas')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: "Import educational service areas from CSV in OBEC's list format" })
  @ApiOkResponse({ type: ImportReportResponse })
  importAreas(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() query: ImportQuery) {
    return this.organisations.importAreas(actor, csvBody(body), query.skipInvalid === 'true');
  }

  @Roles('obec_admin', 'area_admin')
  @Post('members/:id/disable')
  @HttpCode(204)
  @ApiOperation({
    summary: "Disable an account: every session ends at once (area admins: their area's members)",
  })
  @ApiNoContentResponse({ description: 'The account is disabled' })
  async disable(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<void> {
    await this.members.setDisabled(actor, id, true, body.reason);
  }

  @Roles('obec_admin', 'area_admin')
  @Post('members/:id/enable')
  @HttpCode(204)
  @ApiOperation({ summary: "Enable a disabled account again (area admins: their area's members)" })
  @ApiNoContentResponse({ description: 'The account is enabled' })
  async enable(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<void> {
    await this.members.setDisabled(actor, id, false, body.reason);
  }

  @Roles('obec_admin', 'area_admin', 'school_admin')
  @Get('profile-changes')
  @ApiOperation({
    summary:
      "Changes of school or member kind that members asked for, oldest first: those I may decide (school_admin: into my school; area_admin: into my area's schools; obec_admin: all)",
  })
  @ApiOkResponse({ type: ProfileChangePageResponse })
  listProfileChanges(@CurrentActor() actor: Actor, @Query() query: ProfileChangesQuery) {
    return this.profileChanges.list(actor, query.status ?? 'pending', query.cursor);
  }

  @Roles('obec_admin', 'area_admin', 'school_admin')
  @Post('profile-changes/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a change of school or member kind: it takes effect at once; audited' })
  @ApiOkResponse({ type: ProfileChangeResponse })
  approveProfileChange(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.profileChanges.approve(actor, id);
  }

  @Roles('obec_admin', 'area_admin', 'school_admin')
  @Post('profile-changes/:id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuse a change of school or member kind, with a reason; nothing changes; audited',
  })
  @ApiOkResponse({ type: ProfileChangeResponse })
  rejectProfileChange(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.profileChanges.reject(actor, id, body.reason);
  }
}
