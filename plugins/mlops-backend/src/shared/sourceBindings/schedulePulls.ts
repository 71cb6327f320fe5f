import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/**
 * Schedules each source's pull as a task of its own, once per interval
 * across replicas: the source's own schedule over `defaults`.
 */
export async function scheduleSourcePulls<
  TSource extends {
    id: string;
    schedule?: SchedulerServiceTaskScheduleDefinition;
  },
>(options: {
  scheduler: SchedulerService;
  sources: readonly TSource[];
  taskId(sourceId: string): string;
  defaults: SchedulerServiceTaskScheduleDefinition;
  pull(source: TSource): Promise<void>;
}): Promise<void> {
  for (const source of options.sources) {
    await options.scheduler.scheduleTask({
      id: options.taskId(source.id),
      scope: 'global',
      ...options.defaults,
      ...source.schedule,
      fn: () => options.pull(source),
    });
  }
}
