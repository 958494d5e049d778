/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the sandbox is a dev server, not node code */
import { createHash } from 'node:crypto';

import {
	deliverNotification,
	DEFAULT_DELIVERY,
	notificationBody,
	type DeliveryAttempt,
	type DeliveryPolicy,
	type NotificationNames,
	type NotificationSigner,
} from './notifier';

/**
 * The sandbox's asynchronous work (real-estate lookups, RPA tax collections): a task is created by
 * a request, answers "still processing" until `delayMs` has passed, then is done. A task with a
 * callback URL sends its notification when it finishes. The store lives at module level so that
 * fixtures (which only see the request body) can reach it; tests configure it with
 * `configureAsyncTasks` and clear it with `resetAsyncTasks`.
 */

export interface AsyncSettings {
	/** How long a task takes. */
	delayMs: number;
	delivery: DeliveryPolicy;
	/** Signs notifications. Default: the sandbox's default app. */
	signer?: NotificationSigner;
	/** Used for orders pushed without a callback URL: the gateway's per-account setting. */
	defaultCallbackUrl?: string;
	/** Event names of the notifications (the gateway's are not documented). */
	events: { completed: string; failed: string };
}

export const DEFAULT_ASYNC: AsyncSettings = {
	delayMs: 2_000,
	delivery: DEFAULT_DELIVERY,
	events: { completed: 'rpa_tax.order.completed', failed: 'rpa_tax.order.failed' },
};

export interface Task<Input = Record<string, unknown>> {
	id: string;
	kind: 'IMP' | 'RPA_TAX';
	input: Input;
	createdAt: number;
	readyAt: number;
	/** Whether the finished task reports a failure; fixed at creation, from the input. */
	fails: boolean;
	callbackUrl?: string;
	/** The notification's body field names, from the gateway profile of the sandbox that created the task. */
	notificationNames?: Partial<NotificationNames>;
}

let settings: AsyncSettings = { ...DEFAULT_ASYNC };
const tasks = new Map<string, Task>();
const timers = new Set<NodeJS.Timeout>();
const deliveries: DeliveryAttempt[] = [];
const inFlight = new Set<Promise<unknown>>();
let generation = 0;
let sequence = 0;
/** The notification field names of the sandbox whose fixture is running (see createTasksWith). */
let creatingWith: Partial<NotificationNames> | undefined;

/**
 * Runs a fixture (synchronous) so that the tasks it creates send their notifications with these
 * field names: fixtures see only the request body, and several sandboxes may share this store.
 */
export function createTasksWith<T>(names: Partial<NotificationNames> | undefined, run: () => T): T {
	const previous = creatingWith;
	creatingWith = names;
	try {
		return run();
	} finally {
		creatingWith = previous;
	}
}

export function configureAsyncTasks(changes: Partial<AsyncSettings>): AsyncSettings {
	settings = { ...settings, ...changes, delivery: { ...settings.delivery, ...(changes.delivery ?? {}) } };
	return settings;
}

/** Forgets every task, cancels pending notifications and restores the default settings. */
export function resetAsyncTasks(): void {
	generation++;
	for (const timer of timers) clearTimeout(timer);
	timers.clear();
	tasks.clear();
	deliveries.length = 0;
	settings = { ...DEFAULT_ASYNC };
}

/** Every notification delivery attempt since the last reset. */
export function notificationDeliveries(): readonly DeliveryAttempt[] {
	return deliveries;
}

/** Resolves when no notification is being sent or waiting to be sent. */
export async function notificationsSettled(): Promise<void> {
	while (timers.size > 0 || inFlight.size > 0) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export function hashOf(value: unknown): Buffer {
	return createHash('sha256').update(JSON.stringify(value)).digest();
}

function stamp(ms: number): string {
	return new Date(ms + 8 * 3600_000).toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
}

/** Beijing time, as the gateway's data shows it: "2024-10-24 17:15:26". */
export function beijingTime(ms: number): string {
	return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

function newId(prefix: string, input: unknown, now: number): string {
	sequence = (sequence + 1) % 1_000_000;
	return `${prefix}${stamp(now)}${hashOf(input).toString('hex').slice(0, 6).toUpperCase()}${String(sequence).padStart(6, '0')}`;
}

export function createTask<Input extends Record<string, unknown>>(
	kind: Task['kind'],
	input: Input,
	options: { fails: boolean; callbackUrl?: string; notification?: (task: Task<Input>) => Record<string, unknown> },
): Task<Input> {
	const now = Date.now();
	const task: Task<Input> = {
		id: newId(kind === 'IMP' ? 'IMP' : 'RT', input, now),
		kind,
		input,
		createdAt: now,
		readyAt: now + settings.delayMs,
		fails: options.fails,
		callbackUrl: options.callbackUrl || settings.defaultCallbackUrl,
		notificationNames: creatingWith,
	};
	tasks.set(task.id, task as Task);
	if (task.callbackUrl && options.notification) scheduleNotification(task, options.notification);
	return task;
}

export function findTask(id: unknown): Task | undefined {
	return typeof id === 'string' ? tasks.get(id.trim()) : undefined;
}

export function isReady(task: Task): boolean {
	return Date.now() >= task.readyAt;
}

/**
 * The app that signs notifications: the configured one, else the sandbox's default app. server.ts
 * imports the fixtures, which import this module, so server.ts is only loaded when first needed.
 */
async function signerFor(current: AsyncSettings): Promise<NotificationSigner> {
	if (current.signer) return current.signer;
	const { SANDBOX_APP_KEY, SANDBOX_APP_SECRET } = await import('./server');
	return { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET };
}

function scheduleNotification<Input>(task: Task<Input>, build: (task: Task<Input>) => Record<string, unknown>): void {
	const owner = generation;
	const url = task.callbackUrl as string;
	const timer = setTimeout(() => {
		timers.delete(timer);
		if (owner !== generation) return;
		const requestId = newId('NT', task.id, Date.now());
		const notification = notificationBody(
			{
				event: task.fails ? settings.events.failed : settings.events.completed,
				orderId: task.id,
				id: requestId,
				timestamp: Math.floor(Date.now() / 1000),
				data: build(task),
			},
			task.notificationNames,
		);
		const sending = signerFor(settings)
			.then((signer) =>
				deliverNotification(
					url,
					notification,
					signer,
					settings.delivery,
					(attempt) => {
						if (owner === generation) deliveries.push(attempt);
					},
					() => owner !== generation,
					requestId,
				),
			)
			.finally(() => inFlight.delete(sending));
		inFlight.add(sending);
	}, Math.max(0, task.readyAt - Date.now()));
	timer.unref();
	timers.add(timer);
}
