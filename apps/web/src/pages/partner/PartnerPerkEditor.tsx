/**
 * /partner/perks/new and /partner/perks/:id — create a perk (saved as a draft) or edit one, load voucher codes into a
 * code-pool perk, and send it to OBEC for approval.
 */
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useInnovationsControllerTaxonomy } from '../../api/generated/innovations/innovations';
import {
  getMarketplaceControllerPartnerPerkQueryKey,
  getMarketplaceControllerPartnerPerksQueryKey,
  useMarketplaceControllerCreatePerk,
  useMarketplaceControllerPartnerPerk,
  useMarketplaceControllerSubmit,
  useMarketplaceControllerUpdatePerk,
} from '../../api/generated/marketplace/marketplace';
import type { CreatePerkDto, PartnerPerkResponse } from '../../api/generated/model';
import { useOrganisationsControllerAreas } from '../../api/generated/organisations/organisations';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { perkActions } from './parts/perkLabels';
import { emptyPerkForm, fromPerk } from './parts/perkForm';
import { PerkForm } from './parts/PerkForm';
import { PerkStatusBadge } from './parts/PerkStatusBadge';
import { VoucherCodesUpload } from './parts/VoucherCodesUpload';

function SubmitForApproval({ perk, dirty }: { perk: PartnerPerkResponse; dirty: boolean }) {
  const { t } = useTranslation('partner');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const submit = useMarketplaceControllerSubmit();
  const noCodes = perk.fulfilment === 'pool_code' && perk.availableCodes === 0;

  const close = () => {
    setOpen(false);
    submit.reset();
  };
  const run = async () => {
    try {
      const response = await submit.mutateAsync({ id: perk.id });
      queryClient.setQueryData(getMarketplaceControllerPartnerPerkQueryKey(perk.id), response);
      await queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerPerksQueryKey() });
      notifications.show({ color: 'green', message: t('editor.submitted') });
      close();
    } catch {
      // shown in the dialog
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('editor.approval.title')}
        </Title>
        <Text>{t('editor.approval.body')}</Text>
        {noCodes ? (
          <Alert color="yellow" variant="light">
            {t('editor.approval.noCodes')}
          </Alert>
        ) : null}
        {dirty ? (
          <Text c="red.9" size="sm" fw={600}>
            {t('editor.approval.saveFirst')}
          </Text>
        ) : null}
        <Button
          size="lg"
          leftSection={<IconSend size={20} aria-hidden />}
          disabled={dirty}
          onClick={() => setOpen(true)}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('perks.actions.submit')}
        </Button>
      </Stack>
      <Modal opened={open} onClose={close} title={t('perks.confirm.submit.title')} centered>
        <Stack>
          <Text>{t('perks.confirm.submit.body')}</Text>
          <ProblemAlert error={submit.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={submit.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button loading={submit.isPending} onClick={() => void run()}>
              {t('perks.confirm.submit.ok')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

export default function PartnerPerkEditor() {
  const { t, i18n } = useTranslation('partner');
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);

  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: 60 * 60_000 } });
  const areas = useOrganisationsControllerAreas(undefined, { query: { staleTime: 60 * 60_000 } });
  const perkQuery = useMarketplaceControllerPartnerPerk(id ?? '', { query: { enabled: Boolean(id) } });
  const create = useMarketplaceControllerCreatePerk();
  const update = useMarketplaceControllerUpdatePerk();
  const perk = perkQuery.data?.data;
  const en = i18n.language === 'en';

  const categories = useMemo(
    () =>
      (taxonomy.data?.data.perkCategories ?? []).map((item) => ({
        value: item.code,
        label: en ? item.en : item.th,
      })),
    [taxonomy.data, en],
  );
  const memberKinds = useMemo(
    () =>
      (taxonomy.data?.data.memberKinds ?? []).map((item) => ({
        value: item.code,
        label: en ? item.en : item.th,
      })),
    [taxonomy.data, en],
  );
  const areaOptions = useMemo(
    () =>
      (areas.data?.data.items ?? []).map((area) => ({
        value: area.id,
        label: en && area.nameEn ? area.nameEn : area.shortNameTh,
      })),
    [areas.data, en],
  );

  const save = async (body: CreatePerkDto) => {
    try {
      if (!id) {
        const response = await create.mutateAsync({ data: body });
        queryClient.setQueryData(getMarketplaceControllerPartnerPerkQueryKey(response.data.id), response);
        await queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerPerksQueryKey() });
        notifications.show({ color: 'green', message: t('editor.created') });
        navigate(`/partner/perks/${response.data.id}`, { replace: true });
      } else {
        const response = await update.mutateAsync({ id, data: body });
        queryClient.setQueryData(getMarketplaceControllerPartnerPerkQueryKey(id), response);
        await queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerPerksQueryKey() });
        notifications.show({ color: 'green', message: t('editor.saved') });
      }
    } catch {
      // shown under the form
    }
  };

  const title = id ? t('editor.editTitle') : t('editor.newTitle');
  const back = (
    <Anchor
      component={Link}
      to="/partner"
      size="md"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44 }}
    >
      <IconArrowLeft size={18} aria-hidden />
      {t('editor.back')}
    </Anchor>
  );

  if (taxonomy.isLoading || areas.isLoading || (id && perkQuery.isLoading))
    return (
      <Page title={title} size="sm">
        <PageLoader />
      </Page>
    );
  if (taxonomy.isError || (id && perkQuery.isError) || (id && !perk))
    return (
      <Page title={title} size="sm">
        {back}
        <ProblemAlert error={taxonomy.error ?? perkQuery.error ?? new Error()} />
      </Page>
    );

  const status = perk?.status;
  const mutation = id ? update : create;

  return (
    <Page title={title} size="sm">
      {back}
      {perk && status ? (
        <Stack gap="xs">
          <Group gap="xs">
            <PerkStatusBadge status={status} />
          </Group>
          {status === 'live' || status === 'pending_approval' || status === 'ended' ? (
            <Alert color={status === 'ended' ? 'gray' : 'blue'} variant="light">
              {t(`editor.statusNote.${status}`)}
            </Alert>
          ) : null}
        </Stack>
      ) : (
        <Text c="dimmed">{t('editor.newIntro')}</Text>
      )}
      <PerkForm
        key={perk ? perk.updatedAt : 'new'}
        initialValues={perk ? fromPerk(perk) : emptyPerkForm}
        categories={categories}
        memberKinds={memberKinds}
        areas={areaOptions}
        submitting={mutation.isPending}
        submitLabel={id ? t('common:actions.save') : t('editor.createDraft')}
        error={mutation.error}
        onSubmit={(body) => void save(body)}
        onDirtyChange={onDirtyChange}
      />
      {perk && perk.fulfilment === 'pool_code' ? (
        <VoucherCodesUpload
          perkId={perk.id}
          availableCodes={perk.availableCodes}
          onLoaded={() =>
            void queryClient.invalidateQueries({
              queryKey: getMarketplaceControllerPartnerPerkQueryKey(perk.id),
            })
          }
        />
      ) : null}
      {perk && perkActions(perk.status).submit ? <SubmitForApproval perk={perk} dirty={dirty} /> : null}
    </Page>
  );
}
