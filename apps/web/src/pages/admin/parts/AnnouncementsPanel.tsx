/**
 * An announcement reaches every member of the country (OBEC admins) or of one area (OBEC, or that area's admin):
 * it lands in their feed and notifications. Sending asks once more, because it reaches many people.
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityControllerAnnounce } from '../../../api/generated/community/community';
import type { AnnouncementDtoScope, AnnouncementResponse } from '../../../api/generated/model';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../format/format';
import { AreaName, AreaSelect } from './pickers';
import { useAdministeredAreas } from './shared';

const TITLE_MAX = 200;
const BODY_MAX = 5000;

export function AnnouncementsPanel({ obec }: { obec: boolean }) {
  const { t, i18n } = useTranslation('admin');
  const myAreas = useAdministeredAreas();
  const [scope, setScope] = useState<AnnouncementDtoScope>(obec ? 'national' : 'area');
  const [areaId, setAreaId] = useState<string | null>(obec ? null : (myAreas[0] ?? null));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<AnnouncementResponse | null>(null);
  const announce = useCommunityControllerAnnounce();

  const errors = {
    title: !title.trim()
      ? t('announce.titleRequired')
      : title.trim().length > TITLE_MAX
        ? t('announce.tooLong', { max: TITLE_MAX })
        : null,
    body: !body.trim()
      ? t('announce.bodyRequired')
      : body.trim().length > BODY_MAX
        ? t('announce.tooLong', { max: BODY_MAX })
        : null,
    area: scope === 'area' && !areaId ? t('announce.areaRequired') : null,
  };
  const valid = !errors.title && !errors.body && !errors.area;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    announce.reset();
    setConfirming(true);
  };

  const send = async () => {
    try {
      const response = await announce.mutateAsync({
        data: {
          title: title.trim(),
          body: body.trim(),
          scope,
          ...(scope === 'area' && areaId ? { areaId } : {}),
        },
      });
      setSent(response.data);
      setConfirming(false);
      setTitle('');
      setBody('');
      setTouched(false);
      notifications.show({ color: 'lc', message: t('announce.sent') });
    } catch {
      // shown in the dialog
    }
  };

  const audience =
    scope === 'national' ? t('announce.audienceNational') : areaId ? <AreaName id={areaId} /> : null;

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('announce.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {obec ? t('announce.introObec') : t('announce.introArea')}
        </Text>
      </div>

      {sent ? (
        <Alert
          color="lc"
          title={t('announce.sentTitle')}
          withCloseButton
          onClose={() => setSent(null)}
          closeButtonLabel={t('common:actions.close')}
        >
          <Text size="sm" fw={700}>
            {sent.title}
          </Text>
          <Text size="sm">
            {sent.scope === 'national' ? (
              t('announce.audienceNational')
            ) : sent.areaId ? (
              <AreaName id={sent.areaId} />
            ) : null}
            {' · '}
            {formatDateTime(sent.createdAt, i18n.language)}
          </Text>
        </Alert>
      ) : null}

      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={720}>
          {obec ? (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="announce-scope-label">
                {t('announce.scope')}
              </Text>
              <SegmentedControl
                value={scope}
                onChange={(value) => setScope(value as AnnouncementDtoScope)}
                data={[
                  { value: 'national', label: t('announce.scopes.national') },
                  { value: 'area', label: t('announce.scopes.area') },
                ]}
                aria-labelledby="announce-scope-label"
                fullWidth
                size="md"
              />
            </Stack>
          ) : null}
          {scope === 'area' ? (
            obec || myAreas.length > 1 ? (
              <AreaSelect
                label={t('announce.area')}
                placeholder={t('pickers.areaPlaceholder')}
                required
                value={areaId}
                onChange={setAreaId}
                only={obec ? undefined : myAreas}
                error={touched ? errors.area : null}
              />
            ) : (
              <Text size="sm">
                <Text span fw={700}>
                  {t('announce.to')}:
                </Text>{' '}
                {areaId ? <AreaName id={areaId} /> : t('announce.noArea')}
              </Text>
            )
          ) : null}
          <TextInput
            label={t('announce.titleLabel')}
            required
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={touched ? errors.title : null}
            maxLength={TITLE_MAX}
          />
          <Textarea
            label={t('announce.body')}
            description={t('announce.bodyHint')}
            required
            autosize
            minRows={5}
            maxRows={14}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={touched ? errors.body : null}
          />
          <Group justify="flex-end">
            <Button
              h={44}
              type="submit"
              leftSection={<IconSend size={18} aria-hidden />}
              disabled={!obec && myAreas.length === 0}
              data-testid="announce-submit"
            >
              {t('announce.send')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('announce.confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack gap="md">
          <Text size="sm">
            {t('announce.confirmBody')}{' '}
            <Text span fw={700}>
              {audience}
            </Text>
          </Text>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {title.trim()}
          </Text>
          <ProblemAlert error={announce.error} />
          <Group justify="flex-end" gap="sm">
            <Button
              h={44}
              variant="default"
              onClick={() => setConfirming(false)}
              disabled={announce.isPending}
            >
              {t('common:actions.cancel')}
            </Button>
            <Button
              h={44}
              onClick={() => void send()}
              loading={announce.isPending}
              data-testid="announce-confirm"
            >
              {t('announce.sendNow')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
