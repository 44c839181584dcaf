/**
 * /register in three steps: who you are (a member kind of the taxonomy), your school (area, then a type-ahead
 * search of its schools), then name, e-mail, password and consent. The API session arrives with the cookie
 * transport and is adopted; the member lands on the feed with a note about the confirmation e-mail.
 */
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconArrowRight,
  IconBackpack,
  IconBriefcase,
  IconBuildingCommunity,
  IconChalkboard,
  IconCheck,
  IconClipboardCheck,
  IconHeartHandshake,
  IconSchool,
  IconUser,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInnovationsControllerTaxonomy } from '../../api/generated/innovations/innovations';
import type { SchoolResponse } from '../../api/generated/model';
import {
  useOrganisationsControllerAreas,
  useOrganisationsControllerSchools,
} from '../../api/generated/organisations/organisations';
import { ApiError, authCall } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuthShell, passwordAcceptable, PasswordRules, safeNext } from './guestParts';
import classes from './Register.module.css';

/**
 * The kinds whose work belongs to a school: they name it (the API accepts a member without one, but a teacher's
 * innovations are found, counted and rewarded by school and area). Other kinds may name one.
 */
export const KINDS_NEEDING_A_SCHOOL = new Set(['teacher', 'school_director']);

const KIND_ICONS: Record<string, Icon> = {
  teacher: IconChalkboard,
  personnel: IconBriefcase,
  supervisor: IconClipboardCheck,
  school_director: IconSchool,
  executive: IconBuildingCommunity,
  student: IconBackpack,
  parent: IconHeartHandshake,
  public: IconUser,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface AccountErrors {
  displayName?: string;
  email?: string;
  password?: string;
  terms?: string;
}

function TermsText() {
  const { t } = useTranslation('guest');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('terms.version')}
      </Text>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('terms.useTitle')}
        </Title>
        <List spacing={6} size="sm">
          <List.Item>{t('terms.use1')}</List.Item>
          <List.Item>{t('terms.use2')}</List.Item>
          <List.Item>{t('terms.use3')}</List.Item>
          <List.Item>{t('terms.use4')}</List.Item>
        </List>
      </Stack>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('terms.privacyTitle')}
        </Title>
        <List spacing={6} size="sm">
          <List.Item>{t('terms.privacy1')}</List.Item>
          <List.Item>{t('terms.privacy2')}</List.Item>
          <List.Item>{t('terms.privacy3')}</List.Item>
        </List>
      </Stack>
    </Stack>
  );
}

export default function Register() {
  const { t, i18n } = useTranslation('guest');
  const english = i18n.language === 'en';
  const { adoptSession } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  const [active, setActive] = useState(0);
  const [kind, setKind] = useState<string | null>(null);
  const [kindError, setKindError] = useState<string>();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [school, setSchool] = useState<SchoolResponse | null>(null);
  const [schoolSearch, setSchoolSearch] = useState('');
  const [schoolError, setSchoolError] = useState<string>();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [termsOpen, setTermsOpen] = useState(false);
  const [errors, setErrors] = useState<AccountErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const formRef = useRef<HTMLFormElement>(null);
  const shownStep = useRef(0);

  // A new step starts at its top (on a phone the buttons were far down the previous step).
  useEffect(() => {
    if (shownStep.current === active) return;
    shownStep.current = active;
    formRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [active]);

  /** After a refused step, the first field to fix gets the focus (and comes into view). */
  function focusFirstProblem() {
    window.setTimeout(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }, 0);
  }

  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const areas = useOrganisationsControllerAreas(undefined, { query: { staleTime: Infinity } });

  const schoolLabel = (item: SchoolResponse) => (english && item.nameEn ? item.nameEn : item.nameTh);
  const [debouncedSearch] = useDebouncedValue(schoolSearch.trim(), 300);
  // The search box shows the chosen school's name: that is not a new search.
  const q = school && debouncedSearch === schoolLabel(school) ? '' : debouncedSearch;
  const schoolsEnabled = Boolean(areaId) || q.length >= 2;
  const schools = useOrganisationsControllerSchools(
    { ...(areaId ? { areaId } : {}), ...(q ? { q } : {}) },
    { query: { enabled: schoolsEnabled, placeholderData: keepPreviousData, staleTime: 60_000 } },
  );

  const needsSchool = kind !== null && KINDS_NEEDING_A_SCHOOL.has(kind);

  const areaOptions = useMemo(() => {
    const items = areas.data?.data.items ?? [];
    const option = (area: (typeof items)[number]) => ({
      value: area.id,
      label: english ? area.nameEn : area.shortNameTh,
    });
    return [
      {
        group: t('register.school.areaPrimary'),
        items: items.filter((area) => area.level === 'primary').map(option),
      },
      {
        group: t('register.school.areaSecondary'),
        items: items.filter((area) => area.level === 'secondary').map(option),
      },
    ];
  }, [areas.data, english, t]);

  const schoolItems = useMemo(() => {
    const found = schoolsEnabled ? (schools.data?.data.items ?? []) : [];
    return school && !found.some((item) => item.id === school.id) ? [school, ...found] : found;
  }, [schools.data, schoolsEnabled, school]);

  function chooseArea(value: string | null) {
    setAreaId(value);
    if (school && school.areaId !== value) {
      setSchool(null);
      setSchoolSearch('');
    }
  }

  function chooseSchool(value: string | null) {
    const item = schoolItems.find((candidate) => candidate.id === value) ?? null;
    setSchool(item);
    setSchoolError(undefined);
    if (item?.areaId && !areaId) setAreaId(item.areaId);
  }

  function goNext() {
    if (active === 0) {
      if (!kind) {
        setKindError(t('register.kind.required'));
        return;
      }
      setActive(1);
    } else if (active === 1) {
      if (needsSchool && !school) {
        setSchoolError(t('register.school.required'));
        focusFirstProblem();
        return;
      }
      setActive(2);
    }
  }

  function validateAccount(): AccountErrors {
    return {
      displayName: displayName.trim() ? undefined : t('register.account.displayNameRequired'),
      email: EMAIL.test(email.trim()) ? undefined : t('register.account.emailInvalid'),
      password: passwordAcceptable(password, email) ? undefined : t('register.account.passwordInvalid'),
      terms: accepted ? undefined : t('register.account.termsRequired'),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (active < 2) {
      goNext();
      return;
    }
    const found = validateAccount();
    setErrors(found);
    if (Object.values(found).some(Boolean) || !kind) {
      focusFirstProblem();
      return;
    }
    setFailure(null);
    setPending(true);
    try {
      const session = await authCall<{ accessToken: string }>('register', {
        email: email.trim(),
        password,
        displayName: displayName.trim(),
        memberKind: kind,
        ...(school ? { schoolId: school.id } : {}),
        acceptTerms: true,
      });
      const profile = await adoptSession(session.accessToken);
      queryClient.clear();
      notifications.show({
        color: 'lc',
        title: t('register.done.title'),
        message:
          profile?.emailVerified === false
            ? t('register.done.verify', { email: email.trim() })
            : t('register.done.welcome'),
        autoClose: 12_000,
      });
      navigate(next, { replace: true });
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && error.code === 'AUTH_EMAIL_TAKEN') {
        setErrors({ email: error.problem.detail });
      } else if (error instanceof ApiError && error.code === 'AUTH_WEAK_PASSWORD') {
        setErrors({ password: error.problem.detail });
      } else if (error instanceof ApiError && error.code === 'IDENTITY_SCHOOL_NOT_FOUND') {
        setSchool(null);
        setSchoolError(error.problem.detail);
        setActive(1);
      } else {
        setFailure(error);
      }
    }
  }

  const kinds = taxonomy.data?.data.memberKinds ?? [];
  const schoolNothingFound = !schoolsEnabled
    ? t('register.school.schoolHint')
    : schools.isFetching
      ? t('register.school.searching')
      : t('register.school.nothingFound');

  return (
    <AuthShell
      title={t('register.title')}
      subtitle={t('register.subtitle')}
      size={560}
      footer={
        <Text>
          {t('register.haveAccount')}{' '}
          <Anchor
            component={Link}
            to={`/login${next !== '/feed' ? `?next=${encodeURIComponent(next)}` : ''}`}
            fw={700}
          >
            {t('register.login')}
          </Anchor>
        </Text>
      }
    >
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="lg">
          <Stepper
            active={active}
            onStepClick={(step) => step < active && setActive(step)}
            allowNextStepsSelect={false}
            size="sm"
            iconSize={28}
            wrap={false}
            classNames={{
              separator: classes.separator,
              stepBody: classes.stepBody,
              stepLabel: classes.stepLabel,
            }}
            data-testid="register-stepper"
          >
            <Stepper.Step label={t('register.steps.kind')}>
              <Stack gap="sm" pt="md">
                {taxonomy.isPending ? (
                  <SimpleGrid cols={2} spacing="xs">
                    {Array.from({ length: 8 }, (_, index) => (
                      <Skeleton key={index} h={64} radius="md" />
                    ))}
                  </SimpleGrid>
                ) : taxonomy.isError ? (
                  <Stack gap="sm">
                    <ProblemAlert error={taxonomy.error} title={t('register.kind.loadError')} />
                    <Button variant="default" onClick={() => void taxonomy.refetch()}>
                      {t('common:actions.retry')}
                    </Button>
                  </Stack>
                ) : (
                  <Radio.Group
                    value={kind}
                    onChange={(value) => {
                      setKind(value);
                      setKindError(undefined);
                      setSchoolError(undefined);
                    }}
                    label={t('register.kind.legend')}
                    description={t('register.kind.help')}
                    error={kindError}
                    size="md"
                  >
                    <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs" mt="sm">
                      {kinds.map((item) => {
                        const KindIcon = KIND_ICONS[item.code] ?? IconUser;
                        const checked = kind === item.code;
                        return (
                          <Radio.Card
                            key={item.code}
                            value={item.code}
                            radius="md"
                            p="xs"
                            className={classes.kindCard}
                          >
                            <Group wrap="nowrap" gap={8} h="100%">
                              <ThemeIcon
                                variant={checked ? 'filled' : 'light'}
                                size={30}
                                radius="md"
                                aria-hidden
                                style={{ flexShrink: 0 }}
                              >
                                {checked ? <IconCheck size={18} /> : <KindIcon size={18} />}
                              </ThemeIcon>
                              <Text fw={600} size="sm" lh={1.3}>
                                {english ? item.en : item.th}
                              </Text>
                            </Group>
                          </Radio.Card>
                        );
                      })}
                    </SimpleGrid>
                  </Radio.Group>
                )}
              </Stack>
            </Stepper.Step>

            <Stepper.Step label={t('register.steps.school')}>
              <Stack gap="md" pt="md">
                <div>
                  <Title order={2} size="h4">
                    {t('register.school.legend')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {needsSchool ? t('register.school.requiredHelp') : t('register.school.optionalHelp')}
                  </Text>
                </div>
                {areas.isError ? (
                  <ProblemAlert error={areas.error} title={t('register.school.areaLoadError')} />
                ) : null}
                <Select
                  label={t('register.school.area')}
                  placeholder={t('register.school.areaPlaceholder')}
                  data={areaOptions}
                  value={areaId}
                  onChange={chooseArea}
                  searchable
                  clearable
                  disabled={areas.isPending}
                  nothingFoundMessage={t('register.school.nothingFound')}
                  maxDropdownHeight={280}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  label={t('register.school.school')}
                  placeholder={t('register.school.schoolPlaceholder')}
                  description={areaId ? undefined : t('register.school.schoolHint')}
                  data={schoolItems.map((item) => ({ value: item.id, label: schoolLabel(item) }))}
                  value={school?.id ?? null}
                  onChange={chooseSchool}
                  searchable
                  clearable
                  searchValue={schoolSearch}
                  onSearchChange={setSchoolSearch}
                  filter={({ options }) => options}
                  nothingFoundMessage={schoolNothingFound}
                  error={schoolError}
                  withAsterisk={needsSchool}
                  maxDropdownHeight={280}
                  data-testid="register-school"
                />
                {schools.isError ? (
                  <ProblemAlert error={schools.error} title={t('register.school.loadError')} />
                ) : null}
              </Stack>
            </Stepper.Step>

            <Stepper.Step label={t('register.steps.account')}>
              <Stack gap="md" pt="md">
                <TextInput
                  label={t('register.account.displayName')}
                  description={t('register.account.displayNameHelp')}
                  autoComplete="name"
                  maxLength={120}
                  value={displayName}
                  onChange={(event) => setDisplayName(event.currentTarget.value)}
                  error={errors.displayName}
                />
                <TextInput
                  label={t('register.account.email')}
                  description={t('register.account.emailHelp')}
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  maxLength={254}
                  placeholder={t('login.emailPlaceholder')}
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={errors.email}
                />
                <PasswordInput
                  label={t('register.account.password')}
                  autoComplete="new-password"
                  maxLength={128}
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={errors.password}
                />
                <PasswordRules password={password} email={email} />
                <Stack gap={6}>
                  <Checkbox
                    size="md"
                    checked={accepted}
                    onChange={(event) => {
                      setAccepted(event.currentTarget.checked);
                      setErrors((old) => ({ ...old, terms: undefined }));
                    }}
                    label={t('register.account.terms')}
                    error={errors.terms}
                  />
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => setTermsOpen(true)}
                    ta="left"
                    py={8}
                  >
                    {t('register.account.readTerms')}
                  </Anchor>
                </Stack>
                <ProblemAlert error={failure} title={t('register.errorTitle')} />
              </Stack>
            </Stepper.Step>
          </Stepper>

          <Group justify="space-between" gap="sm" wrap="nowrap">
            {active > 0 ? (
              <Button
                variant="default"
                onClick={() => setActive((step) => step - 1)}
                leftSection={<IconArrowLeft size={18} aria-hidden />}
                disabled={pending}
              >
                {t('register.back')}
              </Button>
            ) : (
              <span />
            )}
            {active < 2 ? (
              <Button type="submit" rightSection={<IconArrowRight size={18} aria-hidden />}>
                {t('register.next')}
              </Button>
            ) : (
              <Button type="submit" loading={pending} leftSection={<IconUserPlus size={18} aria-hidden />}>
                {t('register.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>

      <Modal opened={termsOpen} onClose={() => setTermsOpen(false)} title={t('terms.title')} size="lg">
        <Stack gap="md">
          <TermsText />
          <Button
            onClick={() => {
              setAccepted(true);
              setErrors((old) => ({ ...old, terms: undefined }));
              setTermsOpen(false);
            }}
          >
            {t('terms.accept')}
          </Button>
          <Button variant="default" onClick={() => setTermsOpen(false)}>
            {t('terms.close')}
          </Button>
        </Stack>
      </Modal>
    </AuthShell>
  );
}
