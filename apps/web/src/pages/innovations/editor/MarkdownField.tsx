/**
 * The body in Markdown with a Write / Preview switch. The preview is rendered as the API renders it
 * (markdown-it, `html: false`): any HTML typed into the text is shown as text, never run.
 */
import { Box, Group, Input, Paper, SegmentedControl, Text, Textarea, Typography } from '@mantine/core';
import MarkdownIt from 'markdown-it';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format/format';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Links in the preview open in a new tab, so a click never leaves the editor with unsaved work.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('target', '_blank');
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

export function MarkdownField({
  value,
  onChange,
  label,
  description,
  error,
  maxLength,
  required,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  description?: string;
  error?: string;
  maxLength: number;
  required?: boolean;
}) {
  const { t, i18n } = useTranslation('editor');
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const id = useId();
  const html = useMemo(() => (mode === 'preview' ? renderMarkdown(value) : ''), [mode, value]);
  const labelId = `${id}-label`;

  return (
    <Box>
      <Group justify="space-between" align="end" gap="xs" wrap="wrap" mb={6}>
        <Input.Label id={labelId} htmlFor={`${id}-body`} required={required} size="md">
          {label}
        </Input.Label>
        <SegmentedControl
          aria-label={t('body.mode')}
          size="sm"
          value={mode}
          onChange={(next) => setMode(next as 'write' | 'preview')}
          data={[
            { value: 'write', label: t('body.write') },
            { value: 'preview', label: t('body.preview') },
          ]}
          data-testid="editor-body-mode"
        />
      </Group>
      <Input.Description mb={6} size="md">
        {description ? `${description} ` : ''}
        {t('body.hint')}
      </Input.Description>
      {mode === 'write' ? (
        <Textarea
          id={`${id}-body`}
          aria-labelledby={labelId}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          autosize
          minRows={10}
          maxRows={30}
          maxLength={maxLength}
          size="md"
          error={error}
          placeholder={t('body.placeholder')}
          data-testid="editor-body"
          styles={{ input: { fontSize: 16, lineHeight: 1.6 } }}
        />
      ) : (
        <Paper
          withBorder
          p="md"
          mih={220}
          aria-labelledby={labelId}
          role="region"
          data-testid="editor-preview"
          style={error ? { borderColor: 'var(--mantine-color-error)' } : undefined}
        >
          {value.trim() ? (
            <Typography>
              <div dangerouslySetInnerHTML={{ __html: html }} />
            </Typography>
          ) : (
            <Text c="dimmed">{t('body.previewEmpty')}</Text>
          )}
        </Paper>
      )}
      <Text size="sm" c="dimmed" ta="right" mt={4}>
        {t('counter', {
          count: formatNumber(value.length, i18n.language),
          max: formatNumber(maxLength, i18n.language),
        })}
      </Text>
      {mode === 'preview' && error ? (
        <Text c="red.8" size="sm" mt={4}>
          {error}
        </Text>
      ) : null}
    </Box>
  );
}
