import { createTheme, MantineColorsTuple } from '@mantine/core';

// A calm teal like a school's green board, with the yellow of "Learn to Earn" points as the accent.
const teal: MantineColorsTuple = [
  '#e6fbf9',
  '#d3f2ef',
  '#a8e3de',
  '#79d3cc',
  '#53c6bd',
  '#3bbdb3',
  '#2bb8ae',
  '#1aa299',
  '#0b7a75',
  '#006b66',
];

export const theme = createTheme({
  primaryColor: 'lc',
  primaryShade: 8,
  colors: { lc: teal },
  fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif',
  headings: { fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif', fontWeight: '700' },
  defaultRadius: 'md',
  fontSizes: { xs: '0.8rem', sm: '0.92rem', md: '1rem', lg: '1.125rem', xl: '1.3rem' },
  // Error texts in a darker red than Mantine's default, for 4.5:1 contrast on white.
  other: {},
  components: {
    Input: { styles: { error: { color: 'var(--mantine-color-red-9)' } } },
    InputWrapper: { styles: { error: { color: 'var(--mantine-color-red-9)' } } },
    // Touch targets of at least 44 px, compact buttons included.
    Button: { defaultProps: { size: 'md' }, styles: { root: { minHeight: 44 } } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    ActionIcon: { defaultProps: { size: 44 } },
  },
});
