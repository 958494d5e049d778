/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the sandbox is a dev server, not node code */
import type { Clock } from '../nodes/shared/transport/clock';

export type { Clock };

/**
 * The sandbox's default clock: this machine's, with waits that do not keep the process alive (a
 * notification still waiting for its task does not hold up the end of a test run). Tests give a
 * sandbox a fake clock instead (`startSandbox({ clock })`) and move the time themselves.
 */
export const SANDBOX_CLOCK: Clock = {
	now: () => Date.now(),
	sleep: async (ms) =>
		await new Promise<void>((resolve) => {
			setTimeout(resolve, ms).unref();
		}),
};
