/*
 * A year of history for the diagnostic benchmark's organisation, written
 * straight into the mlops plugin's tables: gate decisions and attestations
 * on every use case and model, a scorecard and two history rows per entity,
 * a drift alert and recovery per monitor per month, and a new version per
 * production model per month. The scorecards and their history replace
 * those a refresh stored. The production changes of the model history are
 * stored as the plugin stores those of history recorded before them, and
 * each entity's gate events folded as the plugin's writers fold them, where
 * the plugin under test has the tables.
 */
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import {
  gateFactsHash,
  gateFactsOf,
  gateProgressSummaryOf,
  gateSignOffFor,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { DatabaseGateProgressStore } from '../src/gates/DatabaseGateProgressStore';
import { DatabaseGateStore } from '../src/gates/DatabaseGateStore';
import { describeGatedEntity } from '../src/gates/gatedEntities';
import { readGateSignOffRules } from '../src/gates/gatesConfig';
import { DatabaseModelHistoryStore } from '../src/models/DatabaseModelHistoryStore';
import type { Organisation } from './organisation';

const DAY = 86_400_000;
const now = Date.now();
const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

const refOf = (kind: string, name: string) =>
  `${kind.toLowerCase()}:default/${name}`;

async function insert(knex: Knex, table: string, rows: object[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    await knex(table).insert(rows.slice(i, i + chunk));
  }
}

/** Writes the history; returns how many rows of each kind. */
export async function seedHistory(knex: Knex, org: Organisation) {
  // The year's scorecards replace those the refresh stored.
  await knex('mlops_scorecard_history').delete();
  await knex('mlops_scorecards').delete();
  const events: object[] = [];
  const gated = [...org.useCases, ...org.models];
  gated.forEach((entity, i) => {
    const ref = refOf(entity.kind, entity.metadata.name);
    const facts = gateFactsOf(entity);
    const hash = gateFactsHash(facts);
    const start = 360 - (i % 60);
    const decision = (
      stage: string,
      role: string,
      at: number,
      rev: number,
    ) => ({
      entity_ref: ref,
      stage,
      type: 'decision',
      decision: 'approve',
      role,
      criterion: null,
      actor: 'user:default/bench',
      comment: '',
      evidence_url: null,
      entity_hash: hash,
      facts: JSON.stringify(facts),
      revision: rev,
      decision_id: null,
      recorded_at: iso(at),
    });
    events.push(
      {
        ...decision('strategy', 'owner', start, 1),
        type: 'attestation',
        decision: null,
        role: null,
        criterion: 'strategy.operational-requirements',
      },
      decision('strategy', 'owner', start - 5, 2),
      decision('strategy', 'sponsor', start - 12, 3),
    );
    if (i % 3 !== 2) {
      events.push(
        decision('prototyping', 'owner', start - 60, 1),
        decision('prototyping', 'sponsor', start - 70, 2),
      );
    }
    if (i % 2 === 0 && i % 3 !== 2) {
      events.push(
        {
          ...decision('operationalisation', 'owner', start - 100, 1),
          type: 'attestation',
          decision: null,
          role: null,
          criterion: 'operationalisation.knowledge-transfer',
        },
        decision('operationalisation', 'owner', start - 110, 2),
        decision(
          'operationalisation',
          'group:default/operations',
          start - 120 + (i % 200),
          3,
        ),
      );
    }
  });
  await insert(knex, 'mlops_gate_events', events);

  const scorecards: object[] = [];
  const history: object[] = [];
  [...org.useCases, ...org.models, ...org.monitors].forEach((entity, i) => {
    const ref = refOf(entity.kind, entity.metadata.name);
    const results = JSON.stringify([
      {
        checkId: 'model.registered',
        outcome: i % 8 ? 'passed' : 'failed',
        reason: 'r',
      },
      {
        checkId: 'model.model-card-complete',
        outcome: i % 3 ? 'passed' : 'failed',
        reason: 'r',
      },
      {
        checkId: 'model.acceptance-criteria-met',
        outcome: i % 6 === 5 ? 'failed' : 'passed',
        reason: 'r',
      },
    ]);
    scorecards.push({
      entity_ref: ref,
      kind: entity.kind,
      title: entity.metadata.name,
      owner_ref: entity.spec.owner,
      rubric_id: 'mlops-maturity',
      level: i % 5,
      score: 50,
      results,
      results_hash: String(i),
      evaluated_at: iso(0),
      changed_at: iso(30),
    });
    history.push(
      {
        entity_ref: ref,
        owner_ref: entity.spec.owner,
        level: 0,
        score: 10,
        results,
        recorded_at: iso(365),
      },
      {
        entity_ref: ref,
        owner_ref: entity.spec.owner,
        level: i % 5,
        score: 50,
        results,
        recorded_at: iso(30 + (i % 60)),
      },
    );
  });
  await insert(knex, 'mlops_scorecards', scorecards);
  await insert(knex, 'mlops_scorecard_history', history);

  const transitions: object[] = [];
  const states: object[] = [];
  org.monitors.forEach((monitor, i) => {
    const ref = refOf('MLMonitor', monitor.metadata.name);
    for (let m = 0; m < 12; m++) {
      const at = 360 - m * 30 - (i % 20);
      transitions.push(
        {
          monitor_ref: ref,
          from_state: 'healthy',
          to_state: 'alert',
          episode: m + 1,
          at: iso(at),
        },
        {
          monitor_ref: ref,
          from_state: 'alert',
          to_state: 'healthy',
          episode: m + 1,
          at: iso(at - 1 - (i % 5)),
        },
      );
    }
    states.push({
      monitor_ref: ref,
      model_ref: monitor.spec.model,
      owner_ref: monitor.spec.owner,
      title: monitor.metadata.name,
      state: i % 10 ? 'healthy' : 'stale',
      since: iso(10),
      last_observation_at: iso(1),
      evaluated_at: iso(0),
      episode: 12,
      in_episode: false,
      health: '{}',
    });
  });
  await insert(knex, 'mlops_drift_transitions', transitions);
  await insert(knex, 'mlops_drift_monitor_state', states);

  const versions: object[] = [];
  org.models.forEach((model, i) => {
    const ref = refOf('MLModel', model.metadata.name);
    const production = model.spec.lifecycle === 'production';
    for (let m = 0; m <= 12; m++) {
      if (m > 0 && !production) break;
      versions.push({
        model_ref: ref,
        version: `1.${m}.0`,
        lifecycle: model.spec.lifecycle,
        observed_at: iso(365 - m * 28 - (i % 14)),
      });
    }
  });
  await insert(knex, 'mlops_model_history', versions);
  const productionChanges = (await knex.schema.hasTable(
    'mlops_model_production_changes',
  ))
    ? await new DatabaseModelHistoryStore(knex).backfill()
    : undefined;
  const gateProgress = (await knex.schema.hasTable('mlops_gate_progress'))
    ? await foldGateProgress(knex, gated)
    : undefined;
  return {
    gateEvents: events.length,
    scorecardHistory: history.length,
    driftTransitions: transitions.length,
    modelVersions: versions.length,
    ...(productionChanges !== undefined ? { productionChanges } : {}),
    ...(gateProgress !== undefined ? { gateProgress } : {}),
  };
}

/**
 * Each use case's and model's gate events folded as the plugin's writers
 * keep them (the gate service as it records an event, the scorecard
 * refresh after it): against the entity's facts and sign-off, with the
 * default sign-off rules the benchmark's plugin runs with.
 */
async function foldGateProgress(
  knex: Knex,
  gated: ReadonlyArray<
    Organisation['useCases'][number] | Organisation['models'][number]
  >,
): Promise<number> {
  const signOff = readGateSignOffRules(new ConfigReader({}));
  const useCases = new Map<string, Entity>(
    gated
      .filter(e => e.kind === 'MLUseCase')
      .map(e => [refOf(e.kind, e.metadata.name), e]),
  );
  const events = await new DatabaseGateStore(knex).getEvents();
  const rows = gated.map(entity => {
    const described = describeGatedEntity(entity, ref => useCases.get(ref));
    const own = events.get(described.entityRef) ?? [];
    return {
      entityRef: described.entityRef,
      lastEventId: own.length ? own[own.length - 1].id : '0',
      summary: gateProgressSummaryOf(
        own,
        described,
        gateSignOffFor(signOff, described.riskTier),
      ),
    };
  });
  await new DatabaseGateProgressStore(knex).save(rows, new Date(now));
  return rows.length;
}
