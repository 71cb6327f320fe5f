#!/usr/bin/env node
// The demo's live stage-gate decisions, recorded through the real API
// (/api/mlops/gates/...) as the demo users, with the tokens of the demo
// sign-in (GET /api/auth/demo/refresh with the x-demo-user header), so the
// permission policy and the audit trail see who decided. See
// catalog/stage-gates.yaml for what each use case shows.
//
// The months before (churn prevention and churn-gbm through all three gates,
// churn-gbm twice, contract renewal offers through stage 2, network fault
// prediction and next best offer in review at stage 1) are not recorded
// here: the API stamps every decision with the server's clock, as it must.
// The demo backend writes that history itself, in the past, with a module
// that exists only there (packages/backend/src/demoGateHistory); this script
// waits for it.
//
// The invalidation is real: roaming-fraud-screening lives in
// packages/backend/.demo/stage-gates-live.yaml, a catalog location of
// app-config.yaml. `--prepare` (run before the backend starts) writes it with
// the acceptance criteria its approvers see; the main run makes sure the
// catalog serves that version, approves stage 1 (sponsor, owner and, as the
// use case is high-risk, Model Risk), then tightens a criterion in the file
// and has the catalog refresh the entity. The backend invalidates the
// approvals, recording which field changed, and notifies the owner and the
// approvers; an on-demand scorecard refresh puts the invalidation on record
// at once instead of at the next scheduled refresh.
//
// Every step is skipped when its effect is already there, so running it again
// against the same backend is harmless. Run by hand with
// `node scripts/demo-gates.mjs` while the portal runs.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const backend = process.env.MLOPS_BACKEND_URL ?? 'http://localhost:7007';
const liveFile = path.join(
  root,
  'packages/backend/.demo/stage-gates-live.yaml',
);
const EVIDENCE = 'https://wiki.northwind-telecom.example.com';

/** The use case whose approval the demo invalidates, with its recall threshold. */
function roamingFraudScreening(recallThreshold) {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: {
      name: 'roaming-fraud-screening',
      title: 'Roaming fraud screening',
      description:
        'Flag SIM cards used abroad in the pattern of roaming fraud before the partner network bills us.',
      tags: ['fraud', 'classification'],
    },
    spec: {
      owner: 'group:default/customer-analytics',
      sponsor: 'user:default/sofia-romano',
      lifecycle: 'experimental',
      system: 'system:default/customer-intelligence',
      domain: 'domain:default/consumer-business',
      businessDrivers: [
        {
          driver: 'Stop paying for fraudulent roaming',
          kpi: 'Roaming fraud losses per month',
          baseline: 180000,
          target: 60000,
          unit: 'EUR',
        },
      ],
      acceptanceCriteria: [
        {
          metric: 'recall',
          operator: '>=',
          threshold: recallThreshold,
          category: 'model',
          description:
            'Find most fraudulent SIMs within 4 hours of first use abroad.',
        },
        {
          metric: 'screening-delay-min',
          operator: '<=',
          threshold: 15,
          category: 'operational',
          description: 'Flag within 15 minutes of the roaming record arriving.',
        },
      ],
      explainability: {
        required: true,
        audience: 'Fraud analysts',
        approach: 'The usage pattern that matched, per flagged SIM',
      },
      operationalRequirements: {
        functional: ['Flagged SIMs appear in the fraud console'],
        nonFunctional: ['Runs around the clock'],
      },
      risk: {
        tier: 'high',
        personalData: true,
        ethicalConsiderations: [
          'A flag must never block a customer abroad without a human check',
        ],
      },
      governance: {
        reviewCadence: 'P1M',
        policies: ['model-risk-policy-v2', 'gdpr'],
      },
    },
  };
}

function writeLive(recallThreshold) {
  fs.mkdirSync(path.dirname(liveFile), { recursive: true });
  fs.writeFileSync(
    liveFile,
    `# Written by scripts/demo-gates.mjs; the demo changes it to invalidate an approval.\n${YAML.stringify(
      roamingFraudScreening(recallThreshold),
    )}`,
  );
}

if (process.argv.includes('--prepare')) {
  writeLive(0.8);
  process.exit(0);
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const tokens = new Map();

/** A user token from the demo sign-in, waiting for the backend to answer. */
async function tokenOf(user) {
  if (tokens.has(user)) return tokens.get(user);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${backend}/api/auth/demo/refresh`, {
      headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (response?.ok) {
      const token = (await response.json()).backstageIdentity.token;
      tokens.set(user, token);
      return token;
    }
    if (Date.now() > deadline) {
      throw new Error(`demo gates: no token for ${user} from ${backend}`);
    }
    await sleep(2000);
  }
}

async function api(user, method, url, body) {
  const response = await fetch(`${backend}/api/mlops/gates/${url}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(user)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

/** The gates of a use case, once the catalog holds it. */
async function gates(name, user = 'henrik-larsen') {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const { status, body } = await api(
      user,
      'GET',
      `mlusecase/default/${name}`,
    );
    if (status === 200) return body;
    if (status !== 404 || Date.now() > deadline) {
      throw new Error(`demo gates: ${name}: ${status} ${JSON.stringify(body)}`);
    }
    await sleep(3000);
  }
}

const gateOf = async (name, stage) =>
  (await gates(name)).stages.find(s => s.stage === stage);

async function attestAll(name, stage, user) {
  let gate = await gateOf(name, stage);
  for (const criterion of gate.criteria) {
    if (criterion.source !== 'attestation' || criterion.met) continue;
    const { status, body } = await api(
      user,
      'POST',
      `mlusecase/default/${name}/${stage}/attestations`,
      {
        criterion: criterion.id,
        evidenceUrl: `${EVIDENCE}/${name}/${criterion.id}`,
        comment: `${criterion.title}: done and documented.`,
        revision: gate.revision,
      },
    );
    if (status !== 201) {
      throw new Error(
        `demo gates: attest ${name} ${criterion.id}: ${status} ${JSON.stringify(
          body,
        )}`,
      );
    }
    gate = body;
  }
  return gate;
}

async function approve(name, stage, user, role, comment) {
  const gate = await gateOf(name, stage);
  const signOff = gate.signOff.find(s => s.id === role);
  if (signOff?.decision?.decision === 'approve') return gate;
  const { status, body } = await api(
    user,
    'POST',
    `mlusecase/default/${name}/${stage}/decisions`,
    { decision: 'approve', comment, revision: gate.revision, role },
  );
  if (status !== 201) {
    throw new Error(
      `demo gates: ${user} approving ${name} ${stage}: ${status} ${JSON.stringify(
        body,
      )}`,
    );
  }
  return body;
}

/** Writes the live file with the threshold and waits until the catalog serves it. */
async function catalogServes(recallThreshold) {
  const url = `${backend}/api/catalog/entities/by-name/mlusecase/default/roaming-fraud-screening`;
  const headers = {
    authorization: `Bearer ${await tokenOf('priya-nair')}`,
  };
  const served = async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) return undefined;
    return (await response.json()).spec.acceptanceCriteria[0].threshold;
  };
  if ((await served()) === recallThreshold) return;
  writeLive(recallThreshold);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    // Refreshing the entity makes the catalog read its file again.
    await fetch(`${backend}/api/catalog/refresh`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRef: 'mlusecase:default/roaming-fraud-screening',
      }),
    });
    await sleep(3000);
    if ((await served()) === recallThreshold) return;
    if (Date.now() > deadline) {
      throw new Error(
        `demo gates: the catalog did not pick up roaming-fraud-screening with a recall threshold of ${recallThreshold}`,
      );
    }
  }
}

async function main() {
  // The history the demo backend writes once the catalog serves it: churn
  // prevention's gates are approved then.
  const historyDeadline = Date.now() + 10 * 60_000;
  while (!(await gates('churn-prevention')).complete) {
    if (Date.now() > historyDeadline) {
      throw new Error(
        'demo gates: the demo backend did not write the gate history (packages/backend/src/demoGateHistory)',
      );
    }
    await sleep(3000);
  }

  // Approved, then invalidated by a change of the facts.
  let fraud = await gateOf('roaming-fraud-screening', 'strategy');
  if (fraud.invalidations.length === 0) {
    // The approvers see a recall threshold of 0.8 (--prepare writes it; a
    // file left from an earlier run may say otherwise).
    await catalogServes(0.8);
    await attestAll('roaming-fraud-screening', 'strategy', 'priya-nair');
    await approve(
      'roaming-fraud-screening',
      'strategy',
      'sofia-romano',
      'sponsor',
      'A recall of 0.8 is what Finance can accept.',
    );
    await approve(
      'roaming-fraud-screening',
      'strategy',
      'priya-nair',
      'owner',
      'Requirements agreed with the fraud team.',
    );
    // High risk: Model Risk signs off too (mlops.gates.signOffByRiskTier).
    await approve(
      'roaming-fraud-screening',
      'strategy',
      'amara-osei',
      'group:default/model-risk',
      'A human check before any block is in the design; the policy is met.',
    );
    const before = (await gateOf('roaming-fraud-screening', 'strategy'))
      .invalidations.length;
    await catalogServes(0.9);
    // Reading the gate makes the backend compare the facts.
    const deadline = Date.now() + 2 * 60_000;
    for (;;) {
      fraud = await gateOf('roaming-fraud-screening', 'strategy');
      if (fraud.invalidations.length > before) break;
      if (Date.now() > deadline) {
        throw new Error(
          'demo gates: the approvals of roaming-fraud-screening were not invalidated',
        );
      }
      await sleep(2000);
    }
  }
  // A read shows the invalidation without recording it; the scheduled
  // refresh records it within an interval, an on-demand one right away.
  const refreshed = await fetch(
    `${backend}/api/mlops/scorecards/mlusecase/default/roaming-fraud-screening/refresh`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('priya-nair')}` },
    },
  );
  if (!refreshed.ok) {
    throw new Error(
      `demo gates: refreshing roaming-fraud-screening: ${refreshed.status}`,
    );
  }
  process.stdout.write(
    `demo gates: recorded; roaming-fraud-screening: ${
      fraud.invalidations.at(-1).reason
    }\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
