import { Button, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeControllerUpdate } from '../../../../api/generated/me/me';
import type { MeResponse, UpdateProfileDto } from '../../../../api/generated/model';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { useTaxonomy } from '../taxonomy';
import { Section } from './Section';

/** The API's schema types nullable strings loosely; what it takes is a string or null. */
function nullableText<K extends 'bio' | 'academicStanding'>(value: string): UpdateProfileDto[K] {
  const trimmed = value.trim();
  return (trimmed === '' ? null : trimmed) as unknown as UpdateProfileDto[K];
}

export function ProfileSection({ me, onSaved }: { me: MeResponse; onSaved: () => Promise<void> }) {
  const { t, i18n } = useTranslation('member');
  const taxonomy = useTaxonomy(i18n.language);
  const [displayName, setDisplayName] = useState(me.displayName);
  const [bio, setBio] = useState(me.bio ?? '');
  const [learningAreas, setLearningAreas] = useState<string[]>(me.learningAreas);
  const [standing, setStanding] = useState<string | null>(me.academicStanding);
  const [touched, setTouched] = useState(false);
  const update = useMeControllerUpdate();

  const nameError =
    touched && displayName.trim() === ''
      ? t('settings.profile.nameRequired')
      : displayName.length > 120
        ? t('settings.profile.tooLong', { max: 120 })
        : null;
  const bioError = bio.length > 2000 ? t('settings.profile.tooLong', { max: 2000 }) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (displayName.trim() === '' || nameError || bioError) return;
    try {
      await update.mutateAsync({
        data: {
          displayName: displayName.trim(),
          bio: nullableText<'bio'>(bio),
          learningAreas,
          academicStanding: nullableText<'academicStanding'>(standing ?? ''),
        },
      });
      await onSaved();
      notifications.show({ color: 'green', message: t('settings.profile.saved') });
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Section id="profile" title={t('settings.profile.title')} description={t('settings.profile.description')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('settings.profile.displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={nameError}
            required
            maxLength={120}
            autoComplete="name"
          />
          <Textarea
            label={t('settings.profile.bio')}
            description={t('settings.profile.bioHint')}
            value={bio}
            onChange={(event) => setBio(event.currentTarget.value)}
            error={bioError}
            autosize
            minRows={3}
            maxRows={8}
            size="md"
          />
          <MultiSelect
            label={t('settings.profile.learningAreas')}
            description={t('settings.profile.learningAreasHint')}
            data={taxonomy.options('learningAreas')}
            value={learningAreas}
            onChange={setLearningAreas}
            maxValues={10}
            searchable
            clearable
            size="md"
            nothingFoundMessage={t('settings.nothingFound')}
            disabled={taxonomy.query.isPending}
          />
          <Select
            label={t('settings.profile.academicStanding')}
            data={taxonomy.options('academicStandings')}
            value={standing}
            onChange={setStanding}
            clearable
            allowDeselect
            disabled={taxonomy.query.isPending}
          />
          <ProblemAlert error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
