import { Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMembersControllerProfile } from '../../../api/generated/members/members';

/** A member's display name and school, from their public profile (the partner APIs give only the member's id). */
export function MemberName({
  id,
  withSchool = true,
  dimmed = true,
}: {
  id: string;
  withSchool?: boolean;
  /** Off on coloured backgrounds, where dimmed grey is too pale to read. */
  dimmed?: boolean;
}) {
  const { t } = useTranslation('partner');
  const query = useMembersControllerProfile(id, { query: { staleTime: 5 * 60_000, retry: false } });
  if (query.isLoading) return <Skeleton h={20} w={160} radius="sm" />;
  const member = query.data?.data;
  if (!member) return <Text c={dimmed ? 'dimmed' : undefined}>{t('member.unknown')}</Text>;
  return (
    <div>
      <Text fw={600}>{member.erased ? t('member.erased') : member.displayName}</Text>
      {withSchool && member.school ? (
        <Text size="sm" c={dimmed ? 'dimmed' : undefined}>
          {member.school.name}
        </Text>
      ) : null}
    </div>
  );
}
