/**
 * Renders a component as the app does (Mantine, i18next in the given language, TanStack Query, a router), for
 * component tests. Network calls go to `fetch`, which a test replaces with `vi.stubGlobal('fetch', …)`.
 */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, RenderResult } from '@testing-library/react';
import { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import i18n, { initI18n, Language } from '../i18n';
import { theme } from '../theme';

export function renderWithProviders(
  ui: ReactElement,
  { language = 'th', route = '/' }: { language?: Language; route?: string } = {},
): RenderResult & { queryClient: QueryClient } {
  initI18n(language);
  void i18n.changeLanguage(language);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={queryClient}>
          <RouterProvider
            router={createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [route] })}
          />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
  return { ...result, queryClient };
}
