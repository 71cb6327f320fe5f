import { execFile } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from './cli';

const fixtures = resolve(__dirname, 'validate/__fixtures__');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: line => out.push(line.replace(`${fixtures}/`, '')),
    err: line => err.push(line),
  });
  return { code, out, err };
}

describe('mlightenment-mlops validate', () => {
  it('passes valid files quietly and says what it checked', async () => {
    expect(await run('validate', `${fixtures}/valid`)).toEqual({
      code: 0,
      out: [],
      err: [
        '0 problems in 3 ML entities of 1 file (1 entity of other kinds not checked)',
      ],
    });
  });

  it('prints each problem as file:line  entity  field  message and fails', async () => {
    const { code, out, err } = await run(
      'validate',
      `${fixtures}/mistakes.yaml`,
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      'mistakes.yaml:2  mlmodle:default/churn-gbm  kind  "MLModle" is not a kind of mlightenment.io/v1alpha1; did you mean "MLModel"? (kinds: MLUseCase, MLModel, MLMonitor)',
      'mistakes.yaml:8  mlmodel:default/churn-logreg  apiVersion  "backstage.io/v1alpha1" is not the apiVersion of MLModel; write "mlightenment.io/v1alpha1"',
      'mistakes.yaml:16  mlmonitr:default/churn-drift  kind  "MLMonitr" is not a known kind; did you mean "MLMonitor"? (apiVersion "mlightenment.io/v1alpha1")',
      'mistakes.yaml:22  mlmodel:default/churn-envelope  spec  is required',
      'mistakes.yaml:26  mlmodel:default/churn-envelope  specs  is not a known field; did you mean "spec"? (known fields of the entity: apiVersion, kind, metadata, spec, relations, status)',
      'mistakes.yaml:34  mlusecase:default/claims-triage  spec.owner  is not a valid entity reference: "Claims Analytics" is not a valid entity name; names are 1 to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      'mistakes.yaml:37  mlusecase:default/claims-triage  spec.explainability.required  must be a boolean, got "yes"; YAML 1.2, which the catalog reads, takes yes for a string: write true or false',
      'mistakes.yaml:39  mlusecase:default/claims-triage  spec.risk.personalData  must be a boolean, got "no"; YAML 1.2, which the catalog reads, takes no for a string: write true or false',
      "mistakes.yaml:50  mlmodel:default/claims-triage-gbm  spec.version  must be a string, got number 7; quote it to make it a string: '7'",
      'mistakes.yaml:51  mlmodel:default/claims-triage-gbm  spec.framework  is the string "no" to the catalog (YAML 1.2) but a boolean to YAML 1.1 tools: write true or false for a boolean, \'no\' for a string',
      'mistakes.yaml:54  mlmodel:default/claims-triage-gbm  spec.metrics[0].value  must be a number, got "76%"; write numbers bare: no units or "%", "." as the decimal separator',
      'mistakes.yaml:56  mlmodel:default/claims-triage-gbm  spec.metrics[1].value  must be a number, got "0,58"; write numbers bare: no units or "%", "." as the decimal separator',
      'mistakes.yaml:61  mlmonitor:default/churn drift  metadata.name  is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "Churn drift".',
      'mistakes.yaml:81  mlusecase:default/store-footfall  spec.businessDrivers[0].direction  is "increase", but the target 3 is below the baseline 6.5, which means "decrease"; correct the direction or the numbers',
    ]);
    expect(err).toEqual(['14 problems in 8 ML entities of 1 file']);
  });

  it('reports an unquoted >= as the YAML error that loses the whole file, and an unquoted >', async () => {
    const { code, out } = await run(
      'validate',
      `${fixtures}/unquoted-operator.yaml`,
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      "unquoted-operator.yaml:10  mlusecase:default/churn-prevention  spec.acceptanceCriteria[0].operator  YAML syntax error: Block scalar header includes extra characters: >=; unquoted, > and | start a block scalar: write '>='. The catalog ingests none of the entities of a file with a YAML error",
      'unquoted-operator.yaml:22  mlusecase:default/claims-triage  spec.acceptanceCriteria[0].operator  must be one of ">=", ">", "<=", "<", "==", got ""; unquoted, > and | start a YAML block scalar: write \'>\'',
    ]);
  });

  it('searches folders for YAML files', async () => {
    const { out, err } = await run('validate', fixtures);
    expect(new Set(out.map(line => line.split(':')[0]))).toEqual(
      new Set(['mistakes.yaml', 'unquoted-operator.yaml']),
    );
    expect(err).toEqual([
      '16 problems in 12 ML entities of 3 files (1 entity of other kinds not checked)',
    ]);
  });

  it("checks each monitor feature's statistic against its type and thresholds, and the cadence", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-cli-'));
    const file = join(dir, 'monitors.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: mlightenment.io/v1alpha1',
        'kind: MLMonitor',
        'metadata:',
        '  name: churn-drift',
        'spec:',
        '  owner: group:ml-platform',
        '  model: churn-gbm',
        '  type: data-drift',
        '  cadence: P0D',
        '  features:',
        '    - name: tenure',
        '      type: numerical',
        '      statistic: psi',
        '      warning: 0.1',
        '      alert: -0.1',
        '    - name: plan',
        '      type: categorical',
        '      statistic: kolmogorov-smirnov',
        '      warning: 0.1',
        '      alert: 0.2',
        '    - name: contacts',
        '      statistic: wasserstein',
        '      warning: 1',
        '      alert: 2',
        '---',
        'apiVersion: mlightenment.io/v1alpha1',
        'kind: MLMonitor',
        'metadata:',
        '  name: demand-performance',
        'spec:',
        '  owner: group:ml-platform',
        '  model: demand-forecaster',
        '  type: performance',
        '  features:',
        '    - name: r2',
        '      statistic: metric',
        '      direction: below',
        '      warning: 0.2',
        '      alert: -0.1',
        '',
      ].join('\n'),
    );
    try {
      const { code, out, err } = await run('validate', file);
      expect(code).toBe(1);
      expect(out.map(line => line.replace(`${dir}/`, ''))).toEqual([
        'monitors.yaml:9  mlmonitor:default/churn-drift  spec.cadence  must be longer than zero, got "P0D"',
        'monitors.yaml:15  mlmonitor:default/churn-drift  spec.features[0].alert  must be at least 0, got -0.1; a psi value is never negative (negative thresholds are for statistic metric)',
        'monitors.yaml:15  mlmonitor:default/churn-drift  spec.features[0].alert  must be at least the warning threshold 0.1, got -0.1',
        'monitors.yaml:18  mlmonitor:default/churn-drift  spec.features[1].statistic  kolmogorov-smirnov needs a numerical feature; "plan" is categorical',
        'monitors.yaml:21  mlmonitor:default/churn-drift  spec.features[2].type  is required with statistic wasserstein: "numerical"; only statistic metric, a value the pipeline pushes, may leave it out',
      ]);
      expect(err).toEqual(['5 problems in 2 ML entities of 1 file']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('points at the bound of a band that is out of order, and accepts a band in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-cli-'));
    const file = join(dir, 'bias.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: mlightenment.io/v1alpha1',
        'kind: MLMonitor',
        'metadata:',
        '  name: demand-bias',
        'spec:',
        '  owner: group:forecasting',
        '  model: store-demand-lightgbm',
        '  type: performance',
        '  features:',
        '    - name: forecast_bias',
        '      statistic: metric',
        '      direction: outside',
        '      warning: [-0.03, 0.03]',
        '      alert: [-0.05, 0.05]',
        '    - name: calibration_slope',
        '      statistic: metric',
        '      direction: outside',
        '      warning:',
        '        - 0.9',
        '        - 1.1',
        '      alert:',
        '        - 0.95',
        '        - 1.2',
        '',
      ].join('\n'),
    );
    try {
      const { code, out, err } = await run('validate', file);
      expect(code).toBe(1);
      expect(out.map(line => line.replace(`${dir}/`, ''))).toEqual([
        'bias.yaml:22  mlmonitor:default/demand-bias  spec.features[1].alert[0]  must be at most the lower bound of the warning band [0.9, 1.1], got 0.95; the alert band contains the warning band',
      ]);
      expect(err).toEqual(['1 problem in 1 ML entity of 1 file']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('exits 2 without files or with a path that does not exist', async () => {
    expect((await run('validate')).code).toBe(2);
    const missing = await run('validate', `${fixtures}/nowhere.yaml`);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^mlightenment-mlops: ENOENT/);
    expect((await run('validaet', fixtures)).code).toBe(2);
  });
});

describe('the mlightenment-mlops command', () => {
  const bin = resolve(__dirname, '../bin/mlightenment-mlops');
  const exec = promisify(execFile);

  it('accepts the demo catalog', async () => {
    const catalog = resolve(__dirname, '../../../catalog');
    const files = readdirSync(catalog).filter(f => f.endsWith('.yaml'));
    const mlEntities = files
      .map(f => readFileSync(join(catalog, f), 'utf8'))
      .join('\n')
      .match(/^kind: ML(UseCase|Model|Monitor)$/gm)!.length;
    const { stdout, stderr } = await exec(bin, ['validate', catalog]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^0 problems in ${mlEntities} ML entities of ${files.length} files`,
      ),
    );
  });

  it('exits 1 on the registration mistakes the demo portal shows', async () => {
    const failure = exec(bin, [
      'validate',
      resolve(__dirname, '../../../examples/registration-mistakes.yaml'),
    ]);
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        'registration-mistakes.yaml:33  mlmonitor:default/upsell-propensity-drift  spec.cadence  must match an ISO 8601 duration such as P1D or PT6H, got "daily"',
      ),
    });
  });
});
