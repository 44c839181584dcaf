/** Light alerts colour their title with the alert's colour, too pale on yellow and green: the title stays dark. */
export const readableAlertTitle = { title: { color: 'var(--mantine-color-text)' } } as const;
