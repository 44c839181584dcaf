import { Box, Group, Text, ThemeIcon } from '@mantine/core';
import { IconArrowBackUp, IconClockPause, IconMinus, IconPlus, type TablerIcon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WalletStatementLineResponse } from '../../../api/generated/model';
import { statementView, StatementTone, TONE_COLOUR } from './statement';

const ICONS: Record<StatementTone, TablerIcon> = {
  in: IconPlus,
  out: IconMinus,
  held: IconClockPause,
  released: IconArrowBackUp,
};
const ICON_COLOURS: Record<StatementTone, string> = {
  in: 'green',
  out: 'red',
  held: 'orange',
  released: 'blue',
};

/** A statement line: what happened, when, and how the points moved (+ green, − red, held orange). */
export function StatementLine({ line }: { line: WalletStatementLineResponse }) {
  const { t, i18n } = useTranslation('member');
  const view = statementView(line, i18n.language);
  const Icon = ICONS[view.tone];
  const amountText =
    view.tone === 'held'
      ? t('wallet.line.held', { amount: view.amount })
      : view.tone === 'released'
        ? t('wallet.line.released', { amount: view.amount })
        : view.amount;
  return (
    <Group
      component="li"
      wrap="nowrap"
      align="flex-start"
      gap="sm"
      py="sm"
      data-testid="statement-line"
      data-tone={view.tone}
    >
      <ThemeIcon variant="light" color={ICON_COLOURS[view.tone]} radius="xl" size={40} aria-hidden>
        <Icon size={20} />
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {view.reason}
        </Text>
        <Text size="sm" c="dimmed">
          <time dateTime={line.createdAt}>{view.date}</time>
        </Text>
      </Box>
      <Box ta="right" style={{ flexShrink: 0 }}>
        <Text fw={700} size="lg" c={TONE_COLOUR[view.tone]} data-testid="statement-amount">
          {amountText}
        </Text>
        <Text size="xs" c="dimmed">
          {t('wallet.line.balanceAfter', { balance: view.balanceAfter })}
        </Text>
      </Box>
    </Group>
  );
}
