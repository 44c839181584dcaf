/**
 * The taxonomy pickers: learning areas, grade levels (grouped by stage), competencies with the strength the
 * author claims (1–3, from one framework, as the API requires), techniques and free tags. Labels follow the
 * reader's language.
 */
import {
  Box,
  Checkbox,
  Input,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompetencyClaimDto, InnovationsTaxonomyResponse } from '../../../api/generated/model';
import { InnovationsTaxonomyGradeLevelResponseStage } from '../../../api/generated/model';
import { EditorValues, LIMITS, taxonomyLabel } from './formModel';

export const DEFAULT_STRENGTH = 2;
const STRENGTHS = [1, 2, 3] as const;

type Patch = (patch: Partial<EditorValues>) => void;

export function TaxonomyFields({
  values,
  onChange,
  taxonomy,
  errorOf,
}: {
  values: EditorValues;
  onChange: Patch;
  taxonomy: InnovationsTaxonomyResponse;
  errorOf: (
    field: 'learningAreas' | 'gradeLevels' | 'competencies' | 'techniques' | 'tags',
  ) => string | undefined;
}) {
  const { t, i18n } = useTranslation('editor');
  const language = i18n.language;

  const learningAreas = taxonomy.learningAreas.map((item) => ({
    value: item.code,
    label: taxonomyLabel(item, language),
  }));
  const gradeLevels = Object.values(InnovationsTaxonomyGradeLevelResponseStage)
    .map((stage) => ({
      group: t(`stage.${stage}`),
      items: taxonomy.gradeLevels
        .filter((item) => item.stage === stage)
        .map((item) => ({ value: item.code, label: taxonomyLabel(item, language) })),
    }))
    .filter((group) => group.items.length > 0);
  const techniques = taxonomy.activeLearningTechniques.map((item) => ({
    value: item.code,
    label: taxonomyLabel(item, language),
  }));

  return (
    <Stack gap="lg">
      <Box id="editor-field-learningAreas">
        <MultiSelect
          label={t('fields.learningAreas')}
          description={t('fields.learningAreasHint')}
          placeholder={values.learningAreas.length ? undefined : t('fields.pick')}
          data={learningAreas}
          value={values.learningAreas}
          onChange={(learningAreas) => onChange({ learningAreas })}
          maxValues={LIMITS.learningAreas}
          error={errorOf('learningAreas')}
          withAsterisk
          size="md"
          data-testid="editor-learning-areas"
        />
      </Box>
      <Box id="editor-field-gradeLevels">
        <MultiSelect
          label={t('fields.gradeLevels')}
          placeholder={values.gradeLevels.length ? undefined : t('fields.pick')}
          data={gradeLevels}
          value={values.gradeLevels}
          onChange={(gradeLevels) => onChange({ gradeLevels })}
          maxValues={LIMITS.gradeLevels}
          error={errorOf('gradeLevels')}
          withAsterisk
          size="md"
          data-testid="editor-grade-levels"
        />
      </Box>
      <CompetencyPicker
        values={values}
        onChange={onChange}
        taxonomy={taxonomy}
        error={errorOf('competencies')}
      />
      <MultiSelect
        label={t('fields.techniques')}
        description={t('fields.techniquesHint')}
        placeholder={values.techniques.length ? undefined : t('fields.pickOrSearch')}
        data={techniques}
        value={values.techniques}
        onChange={(techniques) => onChange({ techniques })}
        maxValues={LIMITS.techniques}
        error={errorOf('techniques')}
        searchable
        nothingFoundMessage={t('fields.nothingFound')}
        size="md"
        data-testid="editor-techniques"
      />
      <TagsInput
        label={t('fields.tags')}
        description={t('fields.tagsHint')}
        placeholder={values.tags.length ? undefined : t('fields.tagsPlaceholder')}
        value={values.tags}
        onChange={(tags) => onChange({ tags })}
        maxTags={LIMITS.tags}
        error={errorOf('tags')}
        size="md"
        clearable
        data-testid="editor-tags"
      />
    </Stack>
  );
}

function CompetencyPicker({
  values,
  onChange,
  taxonomy,
  error,
}: {
  values: EditorValues;
  onChange: Patch;
  taxonomy: InnovationsTaxonomyResponse;
  error?: string;
}) {
  const { t, i18n } = useTranslation('editor');
  const language = i18n.language;
  const framework = taxonomy.competencyFrameworks.find((item) => item.code === values.framework);
  const chosen = new Map(values.competencies.map((claim) => [claim.code, claim.strength]));

  const toggle = (code: string, checked: boolean) => {
    const competencies: CompetencyClaimDto[] = checked
      ? [...values.competencies, { code, strength: DEFAULT_STRENGTH }]
      : values.competencies.filter((claim) => claim.code !== code);
    onChange({ competencies });
  };
  const setStrength = (code: string, strength: number) =>
    onChange({
      competencies: values.competencies.map((claim) =>
        claim.code === code ? { ...claim, strength } : claim,
      ),
    });

  return (
    <Box id="editor-field-competencies" data-testid="editor-competencies">
      <Input.Wrapper
        label={t('fields.competencies')}
        description={t('fields.competenciesHint')}
        withAsterisk
        size="md"
        error={error}
        labelElement="div"
      >
        <Stack gap="sm" mt={6}>
          <Select
            label={t('fields.framework')}
            data={taxonomy.competencyFrameworks.map((item) => ({
              value: item.code,
              label: taxonomyLabel(item, language),
            }))}
            value={values.framework}
            onChange={(next) => {
              // The API accepts competencies of one framework: switching starts the choice afresh.
              if (next && next !== values.framework) onChange({ framework: next, competencies: [] });
            }}
            allowDeselect={false}
            size="md"
            description={values.competencies.length ? t('fields.frameworkSwitchHint') : undefined}
            comboboxProps={{ width: 'target' }}
            styles={{ option: { whiteSpace: 'normal' } }}
          />
          {framework?.competencies.map((competency) => {
            const strength = chosen.get(competency.code);
            const name = taxonomyLabel(competency, language);
            return (
              <Paper
                key={competency.code}
                withBorder
                p="sm"
                radius="md"
                bg={strength ? 'lc.0' : undefined}
                data-testid="editor-competency"
              >
                <Checkbox
                  size="md"
                  label={name}
                  checked={strength !== undefined}
                  disabled={strength === undefined && values.competencies.length >= LIMITS.competencies}
                  onChange={(event) => toggle(competency.code, event.currentTarget.checked)}
                  styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1 } }}
                />
                {strength !== undefined ? (
                  <Box mt="sm">
                    <Text size="sm" c="gray.7" mb={4} id={`strength-${competency.code}`}>
                      {t('strength.question')}
                    </Text>
                    <SegmentedControl
                      fullWidth
                      size="sm"
                      aria-label={t('strength.of', { name })}
                      value={String(strength)}
                      onChange={(next) => setStrength(competency.code, Number(next))}
                      data={STRENGTHS.map((level) => ({
                        value: String(level),
                        label: t(`strength.${level}`),
                      }))}
                      styles={{
                        label: {
                          minHeight: 40,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                        },
                      }}
                    />
                  </Box>
                ) : null}
              </Paper>
            );
          })}
        </Stack>
      </Input.Wrapper>
    </Box>
  );
}
