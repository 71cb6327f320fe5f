#!/usr/bin/env node
// The demo's adoption-diagnostic story, recorded through the real API
// (/api/mlops/diagnostic/...) as a demo user with the token of the demo
// sign-in (GET /api/auth/demo/refresh with the x-demo-user header), so the
// permission policy and the auditor see who answered: Ana Kovač, lead of
// Retention Analytics, answers "no" to question 1 ("Do only a small subset of
// developed models make it to production?") — churn prevention and churn-gbm
// passed all three gates — while the data says "some indication": churn-gbm
// is the only one of the team's three registered models in production through
// its gates (the deprecated baseline and the next-best-offer ranker are not).
// The page shows both side by side.
//
// Runs after scripts/demo-gates.mjs (the verdict needs the gate history). It
// answers once the data has a verdict and the team's answer is not already
// "no", so running it again is harmless. Run by hand with
// `node scripts/demo-diagnostic.mjs` while the portal runs.
const backend = process.env.MLOPS_BACKEND_URL ?? 'http://localhost:7007';
const USER = 'ana-kovac';
const TEAM = 'default/retention-analytics';
const COMMENT =
  'Churn prevention and churn-gbm went through all three gates; our models do reach production.';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function tokenOf(user) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${backend}/api/auth/demo/refresh`, {
      headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (response?.ok) return (await response.json()).backstageIdentity.token;
    if (Date.now() > deadline) {
      throw new Error(`demo diagnostic: no token for ${user} from ${backend}`);
    }
    await sleep(2000);
  }
}

async function main() {
  const headers = { authorization: `Bearer ${await tokenOf(USER)}` };
  const deadline = Date.now() + 10 * 60_000;
  let q1;
  for (;;) {
    const response = await fetch(
      `${backend}/api/mlops/diagnostic/teams/${TEAM}?days=365`,
      { headers },
    ).catch(() => undefined);
    if (response?.ok) {
      q1 = (await response.json()).questions.find(q => q.id === 'q1');
      if (q1.verdict !== 'unknown') break;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `demo diagnostic: question 1 of ${TEAM} is still ${
          q1?.verdict ?? 'unanswered'
        }`,
      );
    }
    await sleep(3000);
  }
  if (q1.answer?.answer === 'no') return;
  const response = await fetch(
    `${backend}/api/mlops/diagnostic/teams/${TEAM}/answers`,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'q1', answer: 'no', comment: COMMENT }),
    },
  );
  if (response.status !== 201) {
    throw new Error(
      `demo diagnostic: ${USER} answering for ${TEAM}: ${
        response.status
      } ${await response.text()}`,
    );
  }
  console.log(
    `demo diagnostic: ${USER} answered "no" to question 1 for ${TEAM}; the data says ${q1.verdict}`,
  );
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
