import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, MembersService, OrganisationsService } from '@lc/identity';
import { CurrentActor, Public, Roles } from '../auth/access.decorators';
import { AreasQuery, CursorQuery, SchoolsQuery } from './identity.dto';
import {
  AreaDetailResponse,
  AreaPageResponse,
  OrganisationMemberPageResponse,
  ProvincePageResponse,
  SchoolPageResponse,
  SchoolResponse,
} from './identity.responses';

@ApiTags('organisations')
@Controller()
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
  ) {}

  @Public()
  @Get('provinces')
  @ApiOperation({ summary: "Thailand's 77 provinces" })
  @ApiOkResponse({ type: ProvincePageResponse })
  async provinces() {
    return { items: await this.organisations.provinces(), nextCursor: null };
  }

  @Public()
  @Get('areas')
  @ApiOperation({ summary: 'Educational service areas (สพป./สพม.), filterable by level and province' })
  @ApiOkResponse({ type: AreaPageResponse })
  async areas(@Query() query: AreasQuery) {
    return { items: await this.organisations.areas(query), nextCursor: null };
  }

  @Public()
  @Get('areas/:id')
  @ApiOperation({ summary: 'An educational service area, with its numbers of schools and active members' })
  @ApiOkResponse({ type: AreaDetailResponse })
  area(@Param('id', ParseUUIDPipe) id: string) {
    return this.organisations.area(id);
  }

  @Public()
  @Get('schools')
  @ApiOperation({ summary: 'Schools, by area and name' })
  @ApiOkResponse({ type: SchoolPageResponse })
  schools(@Query() query: SchoolsQuery) {
    return this.organisations.schools(
      { areaId: query.areaId, q: query.q?.trim() || undefined },
      query.cursor,
    );
  }

  @Public()
  @Get('schools/:id')
  @ApiOperation({ summary: 'A school' })
  @ApiOkResponse({ type: SchoolResponse })
  school(@Param('id', ParseUUIDPipe) id: string) {
    return this.organisations.school(id);
  }

  @Roles('area_admin', 'obec_admin')
  @Get('areas/:id/members')
  @ApiOperation({ summary: "Members of an area's schools (its area admins and OBEC admins)" })
  @ApiOkResponse({ type: OrganisationMemberPageResponse })
  areaMembers(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorQuery,
  ) {
    return this.members.listInArea(actor, id, query.cursor);
  }

  @Roles('school_admin', 'area_admin', 'obec_admin')
  @Get('schools/:id/members')
  @ApiOperation({ summary: "Members of a school (its school admins, its area's admins, OBEC admins)" })
  @ApiOkResponse({ type: OrganisationMemberPageResponse })
  schoolMembers(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CursorQuery,
  ) {
    return this.members.listInSchool(actor, id, query.cursor);
  }
}
