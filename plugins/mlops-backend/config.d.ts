import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** MLightenment backend (`@mlightenment/backstage-plugin-mlops-backend`). */
  mlops?: {
    /** MLOps maturity scorecards. */
    maturity?: {
      /**
       * How often every ML entity is evaluated, once per interval across all
       * replicas. Default: every 30 minutes, first run 15 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Days of scorecard history and pushed results kept. The state in force
       * at the cutoff is always kept. Default 365.
       */
      retentionDays?: number;
      /** Notify an entity's owner when its level drops. Default true. */
      notifyLevelDrops?: boolean;
      /** Ids of checks of the default rubric (or added by backend modules) to leave out. */
      disabledChecks?: string[];
      /** New names or descriptions for levels 0 to 4. */
      levels?: {
        [level: string]: { name?: string; description?: string };
      };
      /**
       * Checks added without code: a declarative check compares a field of the
       * entity with a value; an external check (`type: external`) takes its
       * result from the push API.
       */
      customChecks?: Array<{
        id: string;
        title: string;
        description?: string;
        /** strategy, prototyping or operationalisation. */
        stage: string;
        /** 1 to 4. */
        level: number;
        /** MLUseCase, MLModel and/or MLMonitor. */
        kinds: string[];
        rationale?: string;
        remediation?: { text: string; link?: string };
        /** `declarative` (default) or `external`. */
        type?: string;
        /** Dotted path into the entity, e.g. spec.governance.reviewCadence. */
        path?: string;
        /** exists, equals, notEquals, in, matches, >=, >, <=, <, minItems. */
        operator?: string;
        value?: any;
      }>;
      /**
       * Entities excused from a check, with a justification and an expiry;
       * an exempt check shows as `exempt` and does not hold the level back.
       */
      exemptions?: Array<{
        checkId: string;
        entityRef: string;
        justification: string;
        /** ISO 8601 date or date-time. */
        expiresAt: string;
      }>;
    };
    /** SVG badges of an entity's level. */
    badges?: {
      /**
       * Serve badges without a token, for READMEs outside Backstage. They
       * reveal an entity's level to anyone who knows its reference. Default false.
       * @visibility backend
       */
      public?: boolean;
    };
  };
}
