import { createHash } from 'node:crypto';

import type { Clock } from '../nodes/shared/transport/clock';
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
 * a request, answers "still processing" until `delayMs` has passed on the sandbox's clock, then is
 * done. A task with a callback URL sends its notification when it finishes. Each sandbox owns one
 * TaskStore (`sandbox.tasks`): its tasks, settings, pending notifications and ID sequence are its
 * own, and fixtures reach it through the FixtureContext they are called with.
 */

export interface AsyncSettings {
	/** How long a task takes. */
	delayMs: number;
	delivery: DeliveryPolicy;
	/** Signs notifications. Default: the store's default signer (the sandbox's default app). */
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

export interface TaskStoreOptions {
	clock: Clock;
	/** Signs notifications unless the settings name a signer. */
	defaultSigner: NotificationSigner;
	/** The notification's body field names (a gateway profile's). */
	notificationNames?: Partial<NotificationNames>;
	settings?: Partial<AsyncSettings>;
}

export class TaskStore {
	private settings: AsyncSettings;

	private readonly tasks = new Map<string, Task>();

	private readonly attempts: DeliveryAttempt[] = [];

	/** Notifications waiting for their task to finish, and being sent. */
	private readonly pending = new Set<object>();

	/** Who waits for `pending` to empty. */
	private readonly idle: Array<() => void> = [];

	private generation = 0;

	private sequence = 0;

	constructor(private readonly options: TaskStoreOptions) {
		this.settings = TaskStore.merge(DEFAULT_ASYNC, options.settings ?? {});
	}

	private static merge(base: AsyncSettings, changes: Partial<AsyncSettings>): AsyncSettings {
		return { ...base, ...changes, delivery: { ...base.delivery, ...(changes.delivery ?? {}) } };
	}

	/** Changes the settings for tasks created from now on. */
	configure(changes: Partial<AsyncSettings>): AsyncSettings {
		this.settings = TaskStore.merge(this.settings, changes);
		return this.settings;
	}

	/** Forgets every task, abandons pending notifications and restores the settings the sandbox started with. */
	reset(): void {
		this.generation++;
		this.tasks.clear();
		this.attempts.length = 0;
		this.settings = TaskStore.merge(DEFAULT_ASYNC, this.options.settings ?? {});
		this.pending.clear();
		this.wakeIfIdle();
	}

	/** Every notification delivery attempt since the last reset. */
	deliveries(): readonly DeliveryAttempt[] {
		return this.attempts;
	}

	/** Notifications waiting for their task or being sent. */
	get pendingNotifications(): number {
		return this.pending.size;
	}

	/** Resolves when no notification is being sent or waiting to be sent (with a fake clock: move it on). */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
	}

	private newId(prefix: string, input: unknown, now: number): string {
		this.sequence = (this.sequence + 1) % 1_000_000;
		return `${prefix}${stamp(now)}${hashOf(input).toString('hex').slice(0, 6).toUpperCase()}${String(this.sequence).padStart(6, '0')}`;
	}

	create<Input extends Record<string, unknown>>(
		kind: Task['kind'],
		input: Input,
		options: { fails: boolean; callbackUrl?: string; notification?: (task: Task<Input>) => Record<string, unknown> },
	): Task<Input> {
		const now = this.options.clock.now();
		const task: Task<Input> = {
			id: this.newId(kind === 'IMP' ? 'IMP' : 'RT', input, now),
			kind,
			input,
			createdAt: now,
			readyAt: now + this.settings.delayMs,
			fails: options.fails,
			callbackUrl: options.callbackUrl || this.settings.defaultCallbackUrl,
		};
		this.tasks.set(task.id, task as Task);
		if (task.callbackUrl && options.notification) this.schedule(task, options.notification);
		return task;
	}

	find(id: unknown): Task | undefined {
		return typeof id === 'string' ? this.tasks.get(id.trim()) : undefined;
	}

	isReady(task: Task): boolean {
		return this.options.clock.now() >= task.readyAt;
	}

	private wakeIfIdle(): void {
		if (this.pending.size === 0) for (const resolve of this.idle.splice(0)) resolve();
	}

	private schedule<Input>(task: Task<Input>, build: (task: Task<Input>) => Record<string, unknown>): void {
		const owner = this.generation;
		const settings = this.settings;
		const url = task.callbackUrl as string;
		const clock = this.options.clock;
		const token = {};
		this.pending.add(token);
		const stopped = () => owner !== this.generation;
		const send = async () => {
			await clock.sleep(Math.max(0, task.readyAt - clock.now()));
			if (stopped()) return;
			const requestId = this.newId('NT', task.id, clock.now());
			const notification = notificationBody(
				{
					event: task.fails ? settings.events.failed : settings.events.completed,
					orderId: task.id,
					id: requestId,
					timestamp: Math.floor(clock.now() / 1000),
					data: build(task),
				},
				this.options.notificationNames,
			);
			await deliverNotification(
				url,
				notification,
				settings.signer ?? this.options.defaultSigner,
				settings.delivery,
				(attempt) => {
					if (!stopped()) this.attempts.push(attempt);
				},
				stopped,
				requestId,
				clock,
			);
		};
		void send().finally(() => {
			this.pending.delete(token);
			this.wakeIfIdle();
		});
	}
}
