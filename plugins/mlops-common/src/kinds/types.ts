import type { Entity } from '@backstage/catalog-model';
import type {
  DriftFeatureType,
  DriftStatisticName,
  PushedStatisticName,
} from '../drift/statistics';

/** The apiVersion of every MLightenment entity kind. @public */
export const MLOPS_API_VERSION = 'mlightenment.io/v1alpha1';

/** A comparison between a measured value and a threshold. @public */
export type ComparisonOperator = '>=' | '>' | '<=' | '<' | '==';

/** Which way a KPI is better: higher (`increase`) or lower (`decrease`). @public */
export type KpiDirection = 'increase' | 'decrease';

/**
 * How a KPI's actual values are measured: `before-after` (the default), the
 * KPI as observed, compared with the baseline; `controlled-lift`, the lift
 * measured against a control group in a controlled (A/B) test, in the
 * KPI's unit.
 * @public
 */
export type KpiMethod = 'before-after' | 'controlled-lift';

/** A business driver of a use case, linked to a KPI. @public */
export type BusinessDriver = {
  driver: string;
  kpi: string;
  /**
   * The stable key of the KPI's history, so that a renamed KPI keeps it.
   * Default: derived from `kpi` by {@link defaultKpiId}.
   */
  id?: string;
  baseline?: number;
  target?: number;
  unit?: string;
  /**
   * Which way is better. Derived from baseline and target when both are
   * given and differ; required otherwise.
   */
  direction?: KpiDirection;
  /** How often an actual is expected, an ISO 8601 duration. Default `P1M`. */
  cadence?: string;
  /** Default `before-after`. */
  method?: KpiMethod;
  /** The period the baseline was measured over, as dates, both inclusive. */
  referencePeriod?: { start: string; end: string };
  /**
   * Pull the KPI's actuals from Prometheus: the query's last sample in each
   * completed period is that period's actual. `instance` names one of
   * `mlops.prometheus.instances` in app-config.
   */
  prometheus?: { instance: string; query: string };
};

/** A condition a use case's models must meet to be accepted. @public */
export type AcceptanceCriterion = {
  metric: string;
  operator: ComparisonOperator;
  threshold: number;
  category?: 'model' | 'operational';
  description?: string;
};

/** An ML use case, see `MLUseCase.v1alpha1.schema.json`. @public */
export interface MLUseCaseEntityV1alpha1 extends Entity {
  apiVersion: typeof MLOPS_API_VERSION;
  kind: 'MLUseCase';
  spec: {
    owner: string;
    sponsor?: string;
    lifecycle: string;
    system?: string;
    domain?: string;
    problemStatement?: string;
    businessDrivers?: BusinessDriver[];
    acceptanceCriteria?: AcceptanceCriterion[];
    explainability?: {
      required?: boolean;
      audience?: string;
      approach?: string;
    };
    operationalRequirements?: {
      functional?: string[];
      nonFunctional?: string[];
    };
    risk?: {
      tier?: 'minimal' | 'limited' | 'high' | 'unacceptable';
      personalData?: boolean;
      ethicalConsiderations?: string[];
    };
    governance?: { reviewCadence?: string; policies?: string[] };
  };
}

/** A measured metric of a model. @public */
export type ModelMetric = {
  name: string;
  value: number;
  dataset?: string;
};

/** A fairness test result of a model. @public */
export type FairnessResult = {
  attribute: string;
  metric: string;
  value: number;
  operator?: ComparisonOperator;
  threshold?: number;
};

/** The narrative sections of a model card (Mitchell et al. 2019). @public */
export type ModelCard = {
  overview?: string;
  intendedUse?: string;
  factors?: string;
  trainingData?: string;
  evaluationData?: string;
  limitations?: string;
  ethicalConsiderations?: string;
  caveats?: string;
};

/**
 * How one test of the ML Test Score (Breck et al. 2017) is carried out:
 * `automated` (1 point), `manual` — run by hand with the results documented
 * and distributed (½ point) — or `none` (0).
 * @public
 */
export type MlTestPractice = 'automated' | 'manual' | 'none';

/** The four sections of the ML Test Score. @public */
export type MlTestScoreSection =
  | 'data'
  | 'model'
  | 'infrastructure'
  | 'monitoring';

/**
 * A model's ML Test Score as declared in `spec.mlTestScore`: per section, test
 * id to practice. The schema lists the test ids of each section.
 * @public
 */
export type MlTestScoreDeclaration = Partial<
  Record<MlTestScoreSection, Partial<Record<string, MlTestPractice>>>
>;

/** An ML model, see `MLModel.v1alpha1.schema.json`. @public */
export interface MLModelEntityV1alpha1 extends Entity {
  apiVersion: typeof MLOPS_API_VERSION;
  kind: 'MLModel';
  spec: {
    owner: string;
    useCase: string;
    lifecycle: string;
    type: string;
    framework?: string;
    version?: string;
    system?: string;
    metrics?: ModelMetric[];
    fairness?: FairnessResult[];
    modelCard?: ModelCard;
    dependsOn?: string[];
    servedBy?: string[];
    registry?: { type: string; uri: string; url?: string };
    mlTestScore?: MlTestScoreDeclaration;
  };
}

/**
 * Which way a monitored value worsens: `above` (the default) when a higher
 * value is worse, as for a distance; `below` when a lower one is, as for
 * recall or a p-value; `outside` when the value must stay inside a band, as
 * a forecast bias between −5 % and +5 % or a calibration slope near 1.
 * @public
 */
export type ThresholdDirection = 'above' | 'below' | 'outside';

/**
 * A band of a metric that must stay inside it: `[lower, upper]`, lower below
 * upper. A value at or below the lower bound, or at or above the upper one,
 * reaches it.
 * @public
 */
export type ThresholdBand = [lower: number, upper: number];

/**
 * A monitored feature's thresholds: one value each, reached at or above it
 * (`direction: above`, the default) or at or below it (`direction: below`);
 * or, with `direction: outside`, one band each, reached outside it.
 * @public
 */
export type FeatureThresholds =
  | {
      warning: number;
      alert: number;
      /** Default `above`. */
      direction?: 'above' | 'below';
    }
  | { warning: ThresholdBand; alert: ThresholdBand; direction: 'outside' };

/**
 * A feature a monitor watches, with its statistic and thresholds. Its `type`
 * says which statistics apply ({@link DRIFT_STATISTICS}); a metric the
 * pipeline pushes (recall, R²) is not a feature of the data and may leave
 * the type out.
 * @public
 */
export type MonitoredFeature = { name: string } & FeatureThresholds &
  (
    | {
        statistic: Exclude<DriftStatisticName, PushedStatisticName>;
        type: DriftFeatureType;
      }
    | { statistic: PushedStatisticName; type?: DriftFeatureType }
  );

/**
 * The kinds of channel outside Backstage that the backend delivers a
 * monitor's alerts to, in the order the documentation lists them.
 * @public
 */
export const ALERT_CHANNEL_TYPES = ['webhook', 'email', 'slack'] as const;

/** A kind of alert channel, see {@link ALERT_CHANNEL_TYPES}. @public */
export type AlertChannelType = (typeof ALERT_CHANNEL_TYPES)[number];

/**
 * An alert channel outside Backstage: a webhook named in app-config
 * (`mlops.alerting.webhooks`, where its URL and signing secret live), an
 * e-mail address, or a Slack channel.
 * @public
 */
export type AlertChannel = {
  type: AlertChannelType;
  target: string;
};

/** A model monitor, see `MLMonitor.v1alpha1.schema.json`. @public */
export interface MLMonitorEntityV1alpha1 extends Entity {
  apiVersion: typeof MLOPS_API_VERSION;
  kind: 'MLMonitor';
  spec: {
    owner: string;
    model: string;
    lifecycle?: string;
    type: 'data-drift' | 'prediction-drift' | 'performance';
    cadence?: string;
    features: MonitoredFeature[];
    /**
     * Where the backend pulls observations from, besides what pipelines
     * push: per feature, the PromQL query whose samples are its statistic
     * (`on: 'value'`) or its p-value (`on: 'p-value'`). `step` is an ISO 8601
     * duration of hours, minutes and seconds.
     */
    source?: {
      prometheus?: {
        instance: string;
        step?: string;
        features: Array<{
          name: string;
          query: string;
          on?: 'value' | 'p-value';
        }>;
      };
    };
    alerting?: { notify?: string[]; channels?: AlertChannel[] };
    runbook?: string;
  };
}

/** Any of the three MLightenment entity kinds. @public */
export type MlopsEntity =
  | MLUseCaseEntityV1alpha1
  | MLModelEntityV1alpha1
  | MLMonitorEntityV1alpha1;

/** The kinds MLightenment adds to the catalog. @public */
export type MlopsKind = MlopsEntity['kind'];

/** The kinds MLightenment adds to the catalog, in framework order. @public */
export const MLOPS_KINDS: readonly MlopsKind[] = [
  'MLUseCase',
  'MLModel',
  'MLMonitor',
];

function hasKind<T extends MlopsEntity>(kind: T['kind']) {
  return (entity: Entity): entity is T =>
    entity.apiVersion === MLOPS_API_VERSION && entity.kind === kind;
}

/** Whether the entity is an MLUseCase. @public */
export const isMLUseCaseEntity = hasKind<MLUseCaseEntityV1alpha1>('MLUseCase');
/** Whether the entity is an MLModel. @public */
export const isMLModelEntity = hasKind<MLModelEntityV1alpha1>('MLModel');
/** Whether the entity is an MLMonitor. @public */
export const isMLMonitorEntity = hasKind<MLMonitorEntityV1alpha1>('MLMonitor');
/** Whether the entity is any of the MLightenment kinds. @public */
export const isMlopsEntity = (entity: Entity): entity is MlopsEntity =>
  entity.apiVersion === MLOPS_API_VERSION &&
  (MLOPS_KINDS as readonly string[]).includes(entity.kind);
