import type { Services } from '../../scripts/local-services';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __LC_SERVICES__?: Services }).__LC_SERVICES__;
  await services?.stop();
}
