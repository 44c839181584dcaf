/** Helpers for the admin and moderation component tests. */
import { MantineProvider } from '@mantine/core';
import { ReactNode } from 'react';
import { theme } from '../../../theme';

/** jsdom has no FontFaceSet; Mantine's autosize Textarea listens to `document.fonts`. */
export function stubDocumentFonts(): void {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => undefined, removeEventListener: () => undefined },
    });
  }
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

/**
 * Mantine's recommended test mode (no transitions, no portals), so dropdown options are visible in jsdom at once.
 * The shared renderWithProviders does not set it; wrap the component under test in this.
 */
export function MantineTestEnv({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} env="test">
      {children}
    </MantineProvider>
  );
}
