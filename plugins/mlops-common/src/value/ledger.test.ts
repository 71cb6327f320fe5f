import { effectiveActuals, KpiActualRecord, ledgerHistory } from './ledger';

let nextId = 0;
function record(
  periodStart: string,
  periodEnd: string,
  value: number,
  recordedAt: string,
  more: Partial<KpiActualRecord> = {},
): KpiActualRecord {
  nextId += 1;
  return {
    id: `r${nextId}`,
    kpiId: 'monthly-churn-rate',
    periodStart,
    periodEnd,
    value,
    recordedAt,
    recordedBy: 'user:default/maria-silva',
    source: 'person',
    definitionVersion: 'v1',
    ...more,
  };
}

const january = record('2025-01-01', '2025-01-31', 2.7, '2025-02-03T09:00:00Z');
const february = record(
  '2025-02-01',
  '2025-02-28',
  2.6,
  '2025-03-03T09:00:00Z',
);
// January was mistyped, then corrected twice.
const januaryFix = record(
  '2025-01-01',
  '2025-01-31',
  2.65,
  '2025-03-05T10:00:00Z',
  { supersedes: january.id, comment: 'Finance restated January' },
);
const januaryFix2 = record(
  '2025-01-01',
  '2025-01-31',
  2.66,
  '2025-03-06T10:00:00Z',
  { supersedes: januaryFix.id },
);

describe('effectiveActuals', () => {
  it('orders the series by period, oldest first', () => {
    expect(effectiveActuals([february, january])).toEqual([january, february]);
  });

  it('keeps only the last record of a chain of corrections', () => {
    expect(
      effectiveActuals([januaryFix2, february, januaryFix, january]).map(r => [
        r.periodStart,
        r.value,
      ]),
    ).toEqual([
      ['2025-01-01', 2.66],
      ['2025-02-01', 2.6],
    ]);
  });

  it('lets a correction move a value to another period', () => {
    const moved = record(
      '2025-03-01',
      '2025-03-31',
      2.6,
      '2025-04-02T00:00:00Z',
      {
        supersedes: february.id,
      },
    );
    expect(effectiveActuals([january, february, moved])).toEqual([
      january,
      moved,
    ]);
  });

  it('takes the later of two records for the same period as a restatement', () => {
    const pushedAgain = record(
      '2025-02-01',
      '2025-02-28',
      2.55,
      '2025-03-04T09:00:00Z',
      { source: 'pipeline', recordedBy: 'churn-kpi-pipeline' },
    );
    expect(effectiveActuals([pushedAgain, february])).toEqual([pushedAgain]);
  });

  it('passes a store row through with its own fields and numeric ids', () => {
    const rows = [
      {
        id: 1,
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        value: 3,
        recordedAt: new Date('2025-02-01'),
        supersedes: null,
      },
      {
        id: 2,
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        value: 2.9,
        recordedAt: new Date('2025-02-02'),
        supersedes: 1,
        useCaseRef: 'mlusecase:default/churn-prevention',
      },
    ];
    expect(effectiveActuals(rows)).toEqual([rows[1]]);
  });

  it('is empty without records', () => {
    expect(effectiveActuals([])).toEqual([]);
  });
});

describe('ledgerHistory', () => {
  it('lists every record as recorded and says which record replaced it', () => {
    const history = ledgerHistory([januaryFix2, february, januaryFix, january]);
    expect(history.map(r => [r.id, r.value, r.supersededBy])).toEqual([
      [january.id, 2.7, januaryFix.id],
      [february.id, 2.6, undefined],
      [januaryFix.id, 2.65, januaryFix2.id],
      [januaryFix2.id, 2.66, undefined],
    ]);
    expect(history[2].comment).toBe('Finance restated January');
  });
});
