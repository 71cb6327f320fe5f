import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  levelName,
  levelOf,
  Rubric,
} from '@mlightenment/backstage-plugin-mlops-common';
import { entityPath } from '../shared/entityRefs';
import type { ScorecardChange } from './ScorecardStore';

/** The notification topic of level drops, for users' notification settings. */
export const LEVEL_DROP_TOPIC = 'mlops-maturity';

/** The entity page's maturity tab, relative to the app's base URL. */
export function maturityTabLink(entityRef: string): string {
  return entityPath(entityRef, 'maturity');
}

/**
 * Tells an entity's owner when its level drops: one notification per drop
 * (changes are only reported when results change, never per evaluation),
 * scoped to the entity and the new level so a repeated drop to the same
 * level updates the earlier notification instead of adding another.
 */
export function createLevelDropNotifier(options: {
  notifications: NotificationService;
  rubric: Rubric;
  logger: LoggerService;
}) {
  const { notifications, rubric, logger } = options;
  const name = (level: number) => levelName(rubric, level);
  const titleOf = (checkId: string) =>
    rubric.checks.find(c => c.id === checkId)?.title ?? checkId;

  return async (changes: ScorecardChange[]) => {
    const drops = changes.filter(
      c => c.previous && c.current.level < c.previous.level,
    );
    for (const { current, previous } of drops) {
      const { nextLevel } = levelOf(rubric, current.results);
      const blocking = (nextLevel?.blocking ?? []).map(titleOf);
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: current.entityRef },
          payload: {
            title: `${current.title}: MLOps maturity dropped from level ${
              previous!.level
            } (${name(previous!.level)}) to ${current.level} (${name(
              current.level,
            )})`,
            description: blocking.length
              ? `Now failing: ${blocking.join(', ')}.`
              : undefined,
            link: maturityTabLink(current.entityRef),
            severity: 'high',
            topic: LEVEL_DROP_TOPIC,
            scope: `mlops:maturity-drop:${current.entityRef}:${current.level}`,
          },
        });
      } catch (error) {
        logger.warn(
          `Could not notify the owner of ${current.entityRef} of its level drop: ${error}`,
        );
      }
    }
  };
}
