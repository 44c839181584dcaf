/** Choosers for the places a role or an announcement covers: an area, a school (searched on the server), a partner. */
import { Select, SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarketplaceControllerPartnerList } from '../../../api/generated/marketplace/marketplace';
import type { AreaResponse } from '../../../api/generated/model';
import {
  useOrganisationsControllerArea,
  useOrganisationsControllerAreas,
  useOrganisationsControllerSchool,
  useOrganisationsControllerSchools,
} from '../../../api/generated/organisations/organisations';
import { pickName } from './shared';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

export function areaLabel(
  area: Pick<AreaResponse, 'code' | 'shortNameTh' | 'nameEn'>,
  language: string,
): string {
  return `${area.code} · ${pickName(language, area.shortNameTh, area.nameEn)}`;
}

/** Every educational service area, or only `only` (an area admin's own). */
export function AreaSelect({ value, onChange, only, ...props }: PickerProps & { only?: string[] }) {
  const { t, i18n } = useTranslation('admin');
  const areas = useOrganisationsControllerAreas(undefined, { query: { staleTime: Infinity } });
  const data = useMemo(
    () =>
      (areas.data?.data.items ?? [])
        .filter((area) => !only || only.includes(area.id))
        .map((area) => ({ value: area.id, label: areaLabel(area, i18n.language) })),
    [areas.data, only, i18n.language],
  );
  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={areas.isPending ? t('common:loading') : t('pickers.nothingFound')}
      error={areas.isError ? t('pickers.loadError') : props.error}
    />
  );
}

/** The name of one area, for lists. */
export function AreaName({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const area = useOrganisationsControllerArea(id, { query: { staleTime: Infinity } });
  const value = area.data?.data;
  return <>{value ? areaLabel(value, i18n.language) : '…'}</>;
}

/** The name of one school, for lists. */
export function SchoolName({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const school = useOrganisationsControllerSchool(id, { query: { staleTime: Infinity } });
  const value = school.data?.data;
  return <>{value ? pickName(i18n.language, value.nameTh, value.nameEn) : '…'}</>;
}

/** Schools, optionally of one area, searched by name on the server as the admin types. */
export function SchoolSelect({
  value,
  onChange,
  areaId,
  ...props
}: PickerProps & { areaId?: string | null }) {
  const { t, i18n } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const chosen = useOrganisationsControllerSchool(value ?? '', { query: { staleTime: Infinity } });
  const chosenLabel = chosen.data?.data
    ? pickName(i18n.language, chosen.data.data.nameTh, chosen.data.data.nameEn)
    : null;
  // While the field shows the chosen school's name, list the area's schools rather than searching for that name.
  const q = query && query !== chosenLabel ? query : undefined;
  const schools = useOrganisationsControllerSchools(
    { ...(areaId ? { areaId } : {}), ...(q ? { q } : {}) },
    { query: { staleTime: 60_000, placeholderData: (previous) => previous } },
  );
  const data = useMemo(() => {
    const items = (schools.data?.data.items ?? []).map((school) => ({
      value: school.id,
      label: pickName(i18n.language, school.nameTh, school.nameEn),
    }));
    if (value && chosenLabel && !items.some((item) => item.value === value))
      items.unshift({ value, label: chosenLabel });
    return items;
  }, [schools.data, value, chosenLabel, i18n.language]);
  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={schools.isFetching ? t('common:loading') : t('pickers.nothingFound')}
      error={schools.isError ? t('pickers.loadError') : props.error}
    />
  );
}

export function PartnerSelect({ value, onChange, ...props }: PickerProps) {
  const { t, i18n } = useTranslation('admin');
  const partners = useMarketplaceControllerPartnerList({ query: { staleTime: 60_000 } });
  const data = useMemo(
    () =>
      (partners.data?.data.items ?? []).map((partner) => ({
        value: partner.id,
        label: pickName(i18n.language, partner.nameTh, partner.nameEn),
      })),
    [partners.data, i18n.language],
  );
  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={partners.isPending ? t('common:loading') : t('pickers.nothingFound')}
      error={partners.isError ? t('pickers.loadError') : props.error}
    />
  );
}
