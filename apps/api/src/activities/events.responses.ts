import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventLabelResponse {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class EventOrganiserResponse {
  @ApiProperty({ enum: ['obec', 'area', 'school', 'partner'] }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class EventSessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: 'integer' }) minutes!: number;
  @ApiProperty({ enum: ['online', 'onsite'] }) mode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Registered members and organisers only' })
  joinUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty({ type: 'integer' }) checkpoints!: number;
}

export class EventCompletionRuleResponse {
  @ApiProperty({ enum: ['all_sessions', 'min_share'] }) rule!: string;
  @ApiProperty({ type: Number, nullable: true }) minShare!: number | null;
  @ApiProperty() evaluationRequired!: boolean;
}

export class EventCertificateRuleResponse {
  @ApiProperty({ type: 'integer' }) issueAfterDays!: number;
  @ApiProperty() signatoryName!: string;
  @ApiProperty() signatoryTitle!: string;
}

export class EventRegistrationStateResponse {
  @ApiProperty({ enum: ['registered', 'waitlisted'] }) status!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Place on the waitlist (1 = next)' })
  position!: number | null;
}

export class EventMeResponse {
  @ApiProperty({ type: () => EventRegistrationStateResponse, nullable: true })
  registration!: EventRegistrationStateResponse | null;
  @ApiProperty({
    description: 'The member may run this event (codes, attendance, completions, certificates)',
  })
  organiser!: boolean;
}

export class EventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['forum', 'learning_talk', 'showcase', 'workshop', 'coaching'] }) kind!: string;
  @ApiProperty({ type: () => EventLabelResponse }) kindLabel!: EventLabelResponse;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: () => EventOrganiserResponse }) organiser!: EventOrganiserResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId!: string | null;
  @ApiProperty({ type: () => [EventSessionResponse] }) sessions!: EventSessionResponse[];
  @ApiProperty({ type: 'integer', nullable: true }) capacity!: number | null;
  @ApiProperty() waitlist!: boolean;
  @ApiProperty({ type: 'integer' }) registeredCount!: number;
  @ApiProperty({ type: 'integer' }) waitlistedCount!: number;
  @ApiProperty({ type: 'integer', nullable: true }) seatsLeft!: number | null;
  @ApiProperty({ format: 'date-time' }) registrationOpensAt!: string;
  @ApiProperty({ format: 'date-time' }) registrationClosesAt!: string;
  @ApiProperty() registrationOpen!: boolean;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: ['upcoming', 'live', 'ended', 'cancelled'] }) phase!: string;
  @ApiProperty({ type: () => EventCompletionRuleResponse }) completion!: EventCompletionRuleResponse;
  @ApiProperty({ type: () => EventCertificateRuleResponse }) certificate!: EventCertificateRuleResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityPlanId!: string | null;
  @ApiProperty({ type: () => EventMeResponse }) me!: EventMeResponse;
}

export class EventPageResponse {
  @ApiProperty({ type: () => [EventResponse] }) items!: EventResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class EventRegistrationResponse {
  @ApiProperty({ enum: ['registered', 'waitlisted'] }) status!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Place on the waitlist (1 = next)' })
  position?: number;
}

export class CheckInCodeResponse {
  @ApiProperty({ example: 'K7QX3M' }) code!: string;
  @ApiProperty({ description: 'The check-in link with the code, as a PNG data URL' }) qr!: string;
  @ApiProperty({ description: 'The check-in link the QR holds' }) url!: string;
  @ApiProperty({ format: 'date-time', description: 'When the next code replaces it' }) expiresAt!: string;
  @ApiProperty({ type: 'integer' }) checkpoint!: number;
  @ApiProperty({ type: 'integer' }) checkpoints!: number;
}

export class CheckInResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: 'integer' }) checkpoint!: number;
  @ApiProperty({ type: 'integer' }) checkpointsEntered!: number;
  @ApiProperty({ type: 'integer' }) checkpoints!: number;
  @ApiProperty({ description: 'Every code of the session entered: the session counts as attended' })
  attended!: boolean;
}

export class AttendanceSkippedResponse {
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['unknown_member', 'not_registered', 'invalid_minutes'] }) reason!: string;
}

export class AttendanceImportResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: 'integer' }) recorded!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: () => [AttendanceSkippedResponse] }) skipped!: AttendanceSkippedResponse[];
}

export class AttendanceCorrectionResponse {
  @ApiProperty() attended!: boolean;
  @ApiProperty({ type: 'integer' }) minutes!: number;
}

export class EventMissingResponse {
  @ApiProperty({ enum: ['sessions', 'share', 'evaluation'] }) code!: string;
  @ApiPropertyOptional({ type: [String], description: 'sessions: the sessions not attended' })
  sessionIds?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'share: the minutes needed' })
  requiredMinutes?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'share: the minutes attended' })
  attendedMinutes?: number;
}

export class EventSessionProgressResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() attended!: boolean;
  @ApiProperty({ type: 'integer' }) minutes!: number;
}

export class EventProgressResponse {
  @ApiProperty({ type: 'integer' }) attendedSessions!: number;
  @ApiProperty({ type: () => [EventSessionProgressResponse] }) sessions!: EventSessionProgressResponse[];
  @ApiProperty({ type: 'integer' }) attendedMinutes!: number;
  @ApiProperty({ type: 'integer' }) totalMinutes!: number;
  @ApiProperty({ description: 'Attended minutes ÷ all minutes, 0–1' }) share!: number;
  @ApiProperty() evaluated!: boolean;
  @ApiProperty({ description: 'Completed (once decided), or on track (before)' }) completed!: boolean;
  @ApiProperty({ description: 'Decided: the event has ended and its completions were recorded' })
  final!: boolean;
  @ApiProperty({ type: () => [EventMissingResponse] }) missing!: EventMissingResponse[];
}

export class MyEventResponse {
  @ApiProperty({ type: () => EventResponse }) event!: EventResponse;
  @ApiProperty({ type: () => EventProgressResponse, nullable: true, description: 'null while waitlisted' })
  progress!: EventProgressResponse | null;
}

export class MyEventPageResponse {
  @ApiProperty({ type: () => [MyEventResponse] }) items!: MyEventResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class EventCompletionMemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() memberKind!: string;
  @ApiProperty() email!: string;
}

export class EventCompletionRowResponse {
  @ApiProperty({ type: () => EventCompletionMemberResponse }) member!: EventCompletionMemberResponse;
  @ApiProperty({ type: () => EventProgressResponse }) progress!: EventProgressResponse;
}

export class EventCompletionPageResponse {
  @ApiProperty({ type: () => [EventCompletionRowResponse] }) items!: EventCompletionRowResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
