/**
 * Give a member a role (GrantRoleDto: memberId, role, scopeId, reason). The scope follows the role: a partner for
 * partner staff, a school for a school admin, an area for an area admin, none for the national roles (moderator,
 * OBEC admin). OBEC admins grant any role; an area admin grants school admins of schools in their own area only.
 * The member is chosen from the chosen school's or area's members, or by their member ID (or profile link).
 */
import { Alert, Button, Group, Loader, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconUserCheck, IconWorld } from '@tabler/icons-react';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminControllerGrant } from '../../../api/generated/admin/admin';
import { useMembersControllerProfile } from '../../../api/generated/members/members';
import type { GrantRoleDtoRole, RoleGrantResponse } from '../../../api/generated/model';
import {
  useOrganisationsControllerAreaMembers,
  useOrganisationsControllerSchoolMembers,
} from '../../../api/generated/organisations/organisations';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AreaName, AreaSelect, PartnerSelect, SchoolSelect } from './pickers';
import { REASON_MAX, REASON_MIN } from './shared';

export type GrantableRole = GrantRoleDtoRole;
export type ScopeType = 'partner' | 'school' | 'area' | 'national';

export const SCOPE_OF: Record<GrantableRole, ScopeType> = {
  partner_staff: 'partner',
  school_admin: 'school',
  area_admin: 'area',
  moderator: 'national',
  obec_admin: 'national',
};

/** What the signed-in admin may grant: OBEC any role, an area admin only school admins. */
export function grantableRoles(obec: boolean): GrantableRole[] {
  return obec ? ['moderator', 'school_admin', 'area_admin', 'partner_staff', 'obec_admin'] : ['school_admin'];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A member ID, also when pasted as a profile link (…/members/<id>). */
export function memberIdFrom(input: string): string | null {
  const match = UUID.exec(input.trim());
  return match ? match[0].toLowerCase() : null;
}

function MemberPreview({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const profile = useMembersControllerProfile(id, { query: { staleTime: 60_000, retry: false } });
  if (profile.isPending) return <Loader size="xs" aria-label={t('common:loading')} />;
  if (profile.isError || !profile.data) {
    return (
      <Text size="sm" c="red.8" role="alert">
        {t('grants.memberNotFound')}
      </Text>
    );
  }
  const member = profile.data.data;
  return (
    <Group gap={6} wrap="nowrap" data-testid="grant-member-preview">
      <IconUserCheck size={18} aria-hidden color="var(--mantine-color-lc-8)" />
      <Text size="sm">
        <Text span fw={700}>
          {member.displayName}
        </Text>
        {member.school ? ` · ${member.school.name}` : ''}
      </Text>
    </Group>
  );
}

/** Members of the chosen school or area, to pick from instead of typing an ID. */
function MemberCandidates({
  scopeType,
  scopeId,
  value,
  onPick,
}: {
  scopeType: 'school' | 'area';
  scopeId: string;
  value: string | null;
  onPick: (id: string | null) => void;
}) {
  const { t } = useTranslation('admin');
  const school = useOrganisationsControllerSchoolMembers(scopeType === 'school' ? scopeId : '', undefined, {
    query: { staleTime: 60_000 },
  });
  const area = useOrganisationsControllerAreaMembers(scopeType === 'area' ? scopeId : '', undefined, {
    query: { staleTime: 60_000 },
  });
  const source = scopeType === 'school' ? school : area;
  const data = useMemo(
    () =>
      (source.data?.data.items ?? [])
        .filter((member) => member.status === 'active')
        .map((member) => ({ value: member.id, label: member.displayName })),
    [source.data],
  );
  return (
    <Select
      label={scopeType === 'school' ? t('grants.pickFromSchool') : t('grants.pickFromArea')}
      placeholder={t('grants.pickPlaceholder')}
      searchable
      clearable
      data={data}
      value={value && data.some((item) => item.value === value) ? value : null}
      onChange={onPick}
      nothingFoundMessage={source.isPending ? t('common:loading') : t('grants.noMembers')}
      error={source.isError ? t('pickers.loadError') : null}
      data-testid="grant-member-pick"
    />
  );
}

export function RoleGrantForm({
  obec,
  myAreas,
  onDone,
  onCancel,
}: {
  obec: boolean;
  /** The areas an area admin administers (their schools are the only ones offered). */
  myAreas: string[];
  onDone: (grant: RoleGrantResponse) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const roles = grantableRoles(obec);
  const grant = useAdminControllerGrant();
  const [role, setRole] = useState<GrantableRole | null>(roles.length === 1 ? roles[0] : null);
  const [areaId, setAreaId] = useState<string | null>(obec ? null : (myAreas[0] ?? null));
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [memberInput, setMemberInput] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);

  const scopeType = role ? SCOPE_OF[role] : null;
  const scopeId =
    scopeType === 'partner'
      ? partnerId
      : scopeType === 'school'
        ? schoolId
        : scopeType === 'area'
          ? areaId
          : null;
  const memberId = memberIdFrom(memberInput);
  const trimmedReason = reason.trim();

  const problems = {
    role: !role ? t('grants.errors.role') : null,
    scope: scopeType && scopeType !== 'national' && !scopeId ? t(`grants.errors.scope.${scopeType}`) : null,
    member: !memberId ? t('grants.errors.member') : null,
    reason:
      trimmedReason.length < REASON_MIN
        ? t('reason.tooShort')
        : trimmedReason.length > REASON_MAX
          ? t('reason.tooLong')
          : null,
  };
  const show = (name: keyof typeof problems) => (touched ? problems[name] : null);

  const changeRole = (value: string | null) => {
    setRole(value as GrantableRole | null);
    setSchoolId(null);
    setPartnerId(null);
    if (obec) setAreaId(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean) || !role || !memberId) return;
    try {
      const response = await grant.mutateAsync({
        data: {
          memberId,
          role,
          ...(scopeType !== 'national' && scopeId ? { scopeId } : {}),
          reason: trimmedReason,
        },
      });
      onDone(response.data);
    } catch {
      // shown below
    }
  };

  const areaOnlyMine = obec ? undefined : myAreas;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="role-grant-form">
      <Stack gap="md">
        <Select
          label={t('grants.role')}
          placeholder={t('grants.rolePlaceholder')}
          required
          data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={changeRole}
          allowDeselect={false}
          description={role ? t(`roleHints.${role}`) : undefined}
          error={show('role')}
          data-testid="grant-role"
        />

        {scopeType === 'national' ? (
          <Alert
            variant="light"
            color="lc"
            icon={<IconWorld aria-hidden />}
            data-testid="grant-scope-national"
          >
            {t('grants.nationalScope')}
          </Alert>
        ) : null}

        {scopeType === 'partner' ? (
          <PartnerSelect
            label={t('grants.scope.partner')}
            placeholder={t('pickers.partnerPlaceholder')}
            required
            value={partnerId}
            onChange={setPartnerId}
            error={show('scope')}
            data-testid="grant-scope-partner"
          />
        ) : null}

        {scopeType === 'area' ? (
          <AreaSelect
            label={t('grants.scope.area')}
            placeholder={t('pickers.areaPlaceholder')}
            required
            value={areaId}
            onChange={setAreaId}
            only={areaOnlyMine}
            error={show('scope')}
            data-testid="grant-scope-area"
          />
        ) : null}

        {scopeType === 'school' ? (
          <>
            {obec || myAreas.length > 1 ? (
              <AreaSelect
                label={t('grants.schoolArea')}
                description={obec ? t('grants.schoolAreaHint') : undefined}
                placeholder={t('pickers.areaPlaceholder')}
                clearable={obec}
                value={areaId}
                onChange={(value) => {
                  setAreaId(value);
                  setSchoolId(null);
                }}
                only={areaOnlyMine}
                data-testid="grant-school-area"
              />
            ) : areaId ? (
              <Text size="sm" data-testid="grant-own-area">
                <Text span fw={700}>
                  {t('grants.inArea')}:
                </Text>{' '}
                <AreaName id={areaId} />
              </Text>
            ) : null}
            <SchoolSelect
              label={t('grants.scope.school')}
              placeholder={t('pickers.schoolPlaceholder')}
              required
              areaId={areaId}
              value={schoolId}
              onChange={setSchoolId}
              error={show('scope')}
              data-testid="grant-scope-school"
            />
          </>
        ) : null}

        {(scopeType === 'school' && schoolId) || (scopeType === 'area' && areaId) ? (
          <MemberCandidates
            scopeType={scopeType}
            scopeId={(scopeType === 'school' ? schoolId : areaId) as string}
            value={memberId}
            onPick={(id) => setMemberInput(id ?? '')}
          />
        ) : null}

        <Stack gap={6}>
          <TextInput
            label={t('grants.memberId')}
            description={t('grants.memberIdHint')}
            required
            autoCapitalize="none"
            spellCheck={false}
            value={memberInput}
            onChange={(event) => setMemberInput(event.currentTarget.value)}
            error={show('member')}
            data-testid="grant-member-id"
          />
          {memberId ? <MemberPreview id={memberId} /> : null}
        </Stack>

        <Textarea
          label={t('grants.reason')}
          description={t('reason.hint')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={show('reason')}
        />
        <ProblemAlert error={grant.error} />
        <Group justify="flex-end" gap="sm">
          <Button h={44} variant="default" onClick={onCancel} disabled={grant.isPending}>
            {t('common:actions.cancel')}
          </Button>
          <Button h={44} type="submit" loading={grant.isPending} data-testid="grant-submit">
            {t('grants.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
