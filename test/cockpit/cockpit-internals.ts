// The cockpit's insides that its suites drive directly (tests may reach inside a library).
export { CockpitLive } from '../../libs/cockpit/src/cockpit-live';
export { CockpitRebuildRepository } from '../../libs/cockpit/src/cockpit-rebuild.repository';
export { CockpitRebuildService } from '../../libs/cockpit/src/cockpit-rebuild.service';
export { CockpitReadDatabase } from '../../libs/cockpit/src/cockpit-read-db';
