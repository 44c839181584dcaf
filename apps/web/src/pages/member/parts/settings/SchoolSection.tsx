/**
 * Where I teach and what I am (teacher, supervisor…). A change is only a request until an admin of the school or
 * its area confirms it: the pending request shows here and can be withdrawn.
 */
import { Alert, Button, Collapse, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconClockHour4, IconSchool } from '@tabler/icons-react';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeControllerCancelPendingChange, useMeControllerUpdate } from '../../../../api/generated/me/me';
import type { MeResponse, UpdateProfileDto } from '../../../../api/generated/model';
import {
  useOrganisationsControllerSchool,
  useOrganisationsControllerSchools,
} from '../../../../api/generated/organisations/organisations';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { formatDate } from '../../../../format/format';
import { useTaxonomy } from '../taxonomy';
import { Section } from './Section';

function schoolName(school: { nameTh: string; nameEn: string | null }, language: string): string {
  return language === 'en' ? school.nameEn || school.nameTh : school.nameTh;
}

function PendingChange({ me, onChanged }: { me: MeResponse; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation('member');
  const taxonomy = useTaxonomy(i18n.language);
  const pending = me.pendingChange;
  const school = useOrganisationsControllerSchool(pending?.schoolId ?? '', {
    query: { enabled: Boolean(pending?.schoolId), staleTime: 10 * 60_000 },
  });
  const cancel = useMeControllerCancelPendingChange();
  if (!pending) return null;
  const target = pending.schoolId
    ? school.data
      ? schoolName(school.data.data, i18n.language)
      : t('settings.school.loadingSchool')
    : t('settings.school.noSchool');
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconClockHour4 aria-hidden />}
      title={t('settings.school.pendingTitle')}
      data-testid="pending-change"
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('settings.school.pendingBody', {
            school: target,
            kind: taxonomy.label('memberKinds', pending.memberKind),
            date: formatDate(pending.requestedAt, i18n.language),
          })}
        </Text>
        <ProblemAlert error={cancel.error} />
        <Group>
          <Button
            variant="default"
            loading={cancel.isPending}
            onClick={() =>
              void cancel
                .mutateAsync()
                .then(onChanged)
                .then(() => notifications.show({ color: 'green', message: t('settings.school.cancelled') }))
                .catch(() => undefined)
            }
          >
            {t('settings.school.cancelRequest')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export function SchoolSection({ me, onChanged }: { me: MeResponse; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation('member');
  const taxonomy = useTaxonomy(i18n.language);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string | null>(me.memberKind);
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const schools = useOrganisationsControllerSchools(
    { q: debounced },
    { query: { enabled: open && debounced.length >= 2, staleTime: 60_000 } },
  );
  const update = useMeControllerUpdate();

  const schoolOptions = useMemo(() => {
    const found = (schools.data?.data.items ?? []).map((school) => ({
      value: school.id,
      label: schoolName(school, i18n.language),
    }));
    if (picked && !found.some((option) => option.value === picked.value)) found.unshift(picked);
    return found;
  }, [schools.data, picked, i18n.language]);

  const changed = (schoolId && schoolId !== me.school?.id) || (kind && kind !== me.memberKind);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    const data: UpdateProfileDto = {};
    if (schoolId && schoolId !== me.school?.id)
      data.schoolId = schoolId as unknown as UpdateProfileDto['schoolId'];
    if (kind && kind !== me.memberKind) data.memberKind = kind;
    try {
      await update.mutateAsync({ data });
      await onChanged();
      setOpen(false);
      setSchoolId(null);
      setPicked(null);
      notifications.show({ color: 'green', message: t('settings.school.requested') });
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Section id="school" title={t('settings.school.title')} description={t('settings.school.description')}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <IconSchool size={28} aria-hidden color="var(--mantine-color-lc-8)" style={{ flexShrink: 0 }} />
        <div style={{ minWidth: 0 }}>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {me.school?.name ?? t('settings.school.noSchool')}
          </Text>
          <Text size="sm" c="dimmed">
            {taxonomy.label('memberKinds', me.memberKind)}
          </Text>
        </div>
      </Group>

      {me.pendingChange ? (
        <PendingChange me={me} onChanged={onChanged} />
      ) : (
        <>
          {!open && (
            <Group>
              <Button variant="light" onClick={() => setOpen(true)}>
                {t('settings.school.requestChange')}
              </Button>
            </Group>
          )}
          <Collapse expanded={open}>
            <form onSubmit={(event) => void submit(event)}>
              <Stack gap="md">
                <Select
                  label={t('settings.school.newSchool')}
                  description={t('settings.school.newSchoolHint')}
                  placeholder={t('settings.school.searchPlaceholder')}
                  searchable
                  clearable
                  data={schoolOptions}
                  value={schoolId}
                  onChange={(value, option) => {
                    setSchoolId(value);
                    setPicked(value && option ? { value, label: option.label } : null);
                  }}
                  searchValue={search}
                  onSearchChange={setSearch}
                  filter={({ options }) => options}
                  nothingFoundMessage={
                    debounced.length < 2
                      ? t('settings.school.typeMore')
                      : schools.isFetching
                        ? t('common:loading')
                        : t('settings.nothingFound')
                  }
                />
                <Select
                  label={t('settings.school.kind')}
                  data={taxonomy.options('memberKinds')}
                  value={kind}
                  onChange={setKind}
                  allowDeselect={false}
                />
                <ProblemAlert error={update.error} />
                <Group justify="flex-end" gap="sm">
                  <Button variant="default" onClick={() => setOpen(false)}>
                    {t('common:actions.cancel')}
                  </Button>
                  <Button type="submit" loading={update.isPending} disabled={!changed}>
                    {t('settings.school.sendRequest')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Collapse>
        </>
      )}
    </Section>
  );
}
