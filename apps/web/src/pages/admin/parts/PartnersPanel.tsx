/**
 * Partners (ภาคีเครือข่าย): companies and organisations that offer perks. OBEC onboards them here; their staff are
 * then given the partner_staff role (Role grants tab) to list perks.
 */
import {
  Anchor,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getMarketplaceControllerPartnerListQueryKey,
  useMarketplaceControllerCreatePartner,
  useMarketplaceControllerPartnerList,
} from '../../../api/generated/marketplace/marketplace';
import type { CreatePartnerDto, PartnerResponse } from '../../../api/generated/model';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../format/format';
import { pickName, QueryGate } from './shared';

const CODE = /^[a-z0-9-]{2,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Draft = Required<CreatePartnerDto>;
const EMPTY: Draft = {
  code: '',
  nameTh: '',
  nameEn: '',
  descriptionTh: '',
  descriptionEn: '',
  logoUrl: '',
  contactEmail: '',
  contactPhone: '',
};

export function partnerProblems(draft: Draft): Partial<Record<keyof Draft, string>> {
  const problems: Partial<Record<keyof Draft, string>> = {};
  if (!CODE.test(draft.code.trim())) problems.code = 'partners.errors.code';
  if (!draft.nameTh.trim()) problems.nameTh = 'partners.errors.nameTh';
  if (draft.contactEmail.trim() && !EMAIL.test(draft.contactEmail.trim()))
    problems.contactEmail = 'partners.errors.email';
  if (draft.logoUrl.trim() && !/^https:\/\/\S+$/.test(draft.logoUrl.trim()))
    problems.logoUrl = 'partners.errors.logo';
  if (draft.contactPhone.trim().length > 30) problems.contactPhone = 'partners.errors.phone';
  return problems;
}

function PartnerForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const create = useMarketplaceControllerCreatePartner();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [touched, setTouched] = useState(false);
  const problems = partnerProblems(draft);
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setDraft((previous) => ({ ...previous, [name]: value }));
    },
    error: touched && problems[name] ? t(problems[name]) : null,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    const data: CreatePartnerDto = { code: draft.code.trim(), nameTh: draft.nameTh.trim() };
    for (const key of [
      'nameEn',
      'descriptionTh',
      'descriptionEn',
      'logoUrl',
      'contactEmail',
      'contactPhone',
    ] as const) {
      const value = draft[key].trim();
      if (value) data[key] = value;
    }
    try {
      await create.mutateAsync({ data });
    } catch {
      return;
    }
    notifications.show({ color: 'lc', message: t('partners.created', { name: data.nameTh }) });
    void queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerListQueryKey() });
    onDone();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('partners.code')}
          description={t('partners.codeHint')}
          required
          autoCapitalize="none"
          spellCheck={false}
          {...field('code')}
          data-autofocus
        />
        <TextInput label={t('partners.nameTh')} required {...field('nameTh')} />
        <TextInput label={t('partners.nameEn')} {...field('nameEn')} lang="en" />
        <Textarea label={t('partners.descriptionTh')} autosize minRows={3} {...field('descriptionTh')} />
        <Textarea
          label={t('partners.descriptionEn')}
          autosize
          minRows={3}
          {...field('descriptionEn')}
          lang="en"
        />
        <TextInput label={t('partners.contactEmail')} type="email" {...field('contactEmail')} />
        <TextInput label={t('partners.contactPhone')} type="tel" {...field('contactPhone')} />
        <TextInput
          label={t('partners.logoUrl')}
          description={t('partners.logoHint')}
          type="url"
          {...field('logoUrl')}
        />
        <ProblemAlert error={create.error} />
        <Group justify="flex-end" gap="sm">
          <Button h={44} variant="default" onClick={onDone} disabled={create.isPending}>
            {t('common:actions.cancel')}
          </Button>
          <Button h={44} type="submit" loading={create.isPending} data-testid="partner-create-submit">
            {t('partners.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PartnerCard({ partner }: { partner: PartnerResponse }) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const name = pickName(lang, partner.nameTh, partner.nameEn);
  return (
    <Card withBorder radius="md" padding="md" component="article" data-testid="partner">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Avatar src={partner.logoUrl} alt="" radius="md" size={48} color="lc">
          {name.slice(0, 1)}
        </Avatar>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Badge variant="light" color={partner.status === 'active' ? 'lc' : 'gray'}>
              {t(`partners.status.${partner.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('partners.codeValue', { code: partner.code })} ·{' '}
            {t('partners.since', { date: formatDate(partner.createdAt, lang) })}
          </Text>
          {partner.contactEmail ? (
            <Anchor href={`mailto:${partner.contactEmail}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {partner.contactEmail}
            </Anchor>
          ) : null}
          {partner.contactPhone ? <Text size="sm">{partner.contactPhone}</Text> : null}
        </Stack>
      </Group>
    </Card>
  );
}

export function PartnersPanel() {
  const { t } = useTranslation('admin');
  const partners = useMarketplaceControllerPartnerList();
  const [creating, setCreating] = useState(false);
  const items = partners.data?.data.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ flex: '1 1 240px' }}>
          <Title order={2} size="h3">
            {t('partners.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('partners.intro')}
          </Text>
        </div>
        <Button
          h={44}
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setCreating(true)}
          data-testid="partner-create"
        >
          {t('partners.add')}
        </Button>
      </Group>
      <QueryGate query={partners} errorTitle={t('loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t('partners.empty')} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {items.map((partner) => (
              <PartnerCard key={partner.id} partner={partner} />
            ))}
          </SimpleGrid>
        )}
      </QueryGate>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('partners.add')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {creating ? <PartnerForm onDone={() => setCreating(false)} /> : null}
      </Modal>
    </Stack>
  );
}
