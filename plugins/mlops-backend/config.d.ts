import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

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
    /** Stage gates with sign-off (docs/stage-gates.md). */
    gates?: {
      /**
       * The group that signs stage 3 off by default, and that `operations`
       * stands for in `signOff`. Default group:default/operations.
       */
      operationsGroup?: string;
      /**
       * Who must sign off each gate: `sponsor` (the use case's spec.sponsor,
       * or a member of it when it is a group), `owner` (a member of the
       * owning group), `operations` (the operations group) or a group
       * reference (any member). Defaults: strategy [sponsor, owner],
       * prototyping [owner, sponsor], operationalisation [owner, operations].
       */
      signOff?: {
        strategy?: string[];
        prototyping?: string[];
        operationalisation?: string[];
      };
      /**
       * Sign-offs added, per stage, to the gates of use cases that declare a
       * risk tier (`spec.risk.tier`) and of the models that serve them, after
       * those of `signOff`; same values as `signOff`, e.g.
       * `high: { strategy: [group:default/model-risk] }`.
       */
      signOffByRiskTier?: {
        minimal?: {
          strategy?: string[];
          prototyping?: string[];
          operationalisation?: string[];
        };
        limited?: {
          strategy?: string[];
          prototyping?: string[];
          operationalisation?: string[];
        };
        high?: {
          strategy?: string[];
          prototyping?: string[];
          operationalisation?: string[];
        };
        unacceptable?: {
          strategy?: string[];
          prototyping?: string[];
          operationalisation?: string[];
        };
      };
    };
    /** Drift monitoring (docs/drift.md). */
    drift?: {
      /**
       * How often every monitor is evaluated (marking those silent beyond
       * their cadence stale) and retention applied, once per interval across
       * all replicas. Default: every 10 minutes, first run 20 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * A monitor is stale when nothing arrived for its cadence times this
       * factor. Default 1.5 (a daily monitor turns stale after 36 hours).
       */
      staleGraceFactor?: number;
      /** How long observations are kept. */
      retention?: {
        /** Days raw observations are kept; older ones are folded into daily aggregates. Default 30. */
        rawDays?: number;
        /** Days daily aggregates are kept. Default 730. */
        rollupDays?: number;
      };
      /** Limits of POST /drift/observations. */
      ingestion?: {
        /** The largest request body, e.g. `5mb` (answered with 413 beyond). Default 5mb. */
        maxBodySize?: string;
        /** The most observations in one batch (413 beyond). Default 10000. */
        maxObservations?: number;
      };
    };
    /**
     * Delivery of drift alerts to the channels monitors declare in
     * `spec.alerting.channels` (docs/drift.md#alerting). E-mail channels use
     * the transport of `notifications.processors.email`; Slack channels the
     * Slack notification processor and `notifications.processors.slack`.
     */
    alerting?: {
      /**
       * The webhooks a monitor's `webhook` channels name, by name
       * (`target: ml-platform-oncall` in catalog YAML). URLs and secrets live
       * here only.
       */
      webhooks?: {
        [name: string]: {
          /**
           * Where messages are posted (http or https). Secret, since such
           * URLs often carry a token.
           * @visibility secret
           */
          url: string;
          /**
           * Signs every body (HMAC-SHA256, header X-MLightenment-Signature-256);
           * at least 16 characters.
           * @visibility secret
           */
          secret: string;
          /** How long one attempt waits for an answer, e.g. `{ seconds: 10 }`; at most 2 minutes. Default 10 seconds. */
          timeout?: HumanDuration | string;
        };
      };
      /** How the messages are sent and retried. */
      delivery?: {
        /**
         * How often due messages are sent, once per interval across replicas;
         * a new alert also triggers a run at once. Default: every 30
         * seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Attempts per message and channel, the first included. Default 8. */
        maxAttempts?: number;
        /** The wait after the first failed attempt, doubling after each. Default 30 seconds. */
        initialBackoff?: HumanDuration | string;
        /** The longest wait between two attempts. Default 1 hour. */
        maxBackoff?: HumanDuration | string;
        /** Days the delivery log keeps delivered and failed messages. Default 90. */
        retentionDays?: number;
      };
    };
    /** Business value realised: the KPI ledger of use cases. */
    value?: {
      /** The most actuals one pushed batch may hold (400 beyond). Default 10000. */
      maxActualsPerBatch?: number;
      /** The largest body of a request to /value, e.g. `10mb` (answered with 413 beyond). Default 10mb. */
      maxBodySize?: string;
    };
    /** The adoption diagnostic: the framework's seven questions answered from data. */
    diagnostic?: {
      /** Gates ready for review longer than this many days count as waiting (question 2). Default 14. */
      gateWaitingDays?: number;
      /** A new production version followed within this many days by a drift alert, a failed acceptance check or a rollback counts as a failed change. Default 7. */
      changeFailureWindowDays?: number;
      /** When the monthly snapshots are written, once per interval across replicas. Default daily. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
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
